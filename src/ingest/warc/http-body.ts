/**
 * Undoes the transfer and content codings of an archived HTTP body. Crawlers
 * disagree on what they store: most keep the bytes as sent, some store the
 * body already de-chunked or decompressed but keep the original headers, so
 * each step falls back to the bytes as they are when they do not look coded.
 */
import { brotliDecompressSync, constants, gunzipSync, inflateRawSync, inflateSync } from 'node:zlib';
import { InputError } from '../decode-text.ts';
import { describeSize } from './parser.ts';

/**
 * Joins the chunks of a `Transfer-Encoding: chunked` body. A body that does
 * not start with a chunk-size line is returned as is (stored de-chunked); a
 * body cut off mid-chunk gives the chunks that arrived.
 */
export function dechunk(body: Uint8Array): Uint8Array {
  const parts: Uint8Array[] = [];
  let at = 0;
  for (;;) {
    const lineEnd = body.indexOf(0x0a, at);
    if (lineEnd < 0) {
      if (parts.length === 0) return body;
      break;
    }
    const line = Buffer.from(body.subarray(at, lineEnd)).toString('latin1').replace(/\r$/, '');
    const match = /^([0-9a-fA-F]{1,8})[ \t]*(?:;.*)?$/.exec(line);
    if (!match) {
      if (parts.length === 0) return body;
      break;
    }
    const size = parseInt(match[1]!, 16);
    if (size === 0) break;
    const start = lineEnd + 1;
    parts.push(body.subarray(start, Math.min(start + size, body.length)));
    if (start + size > body.length) break;
    at = start + size;
    // the CRLF that ends the chunk's data
    if (body[at] === 0x0d) at++;
    if (body[at] === 0x0a) at++;
  }
  return Buffer.concat(parts);
}

function looksLikeMarkup(body: Uint8Array): boolean {
  const start = Buffer.from(body.subarray(0, 64)).toString('latin1').trimStart();
  return start.startsWith('<') || start.startsWith('\ufeff<') || start.startsWith('\xef\xbb\xbf<');
}

/**
 * Decodes `Content-Encoding` (gzip, deflate, br; several in a list are undone
 * last first). Throws `InputError` for a body over `maxBytes` once decoded,
 * for an unknown coding, or for damaged compressed data.
 */
export function decodeContentEncoding(body: Uint8Array, contentEncoding: string | undefined, maxBytes: number, origin: string): Uint8Array {
  if (!contentEncoding) return body;
  const codings = contentEncoding
    .toLowerCase()
    .split(',')
    .map((c) => c.trim())
    .filter((c) => c && c !== 'identity');
  let data = body;
  for (const coding of codings.reverse()) {
    if (data.length === 0) return data;
    // truncated captures are common: Z_SYNC_FLUSH gives what the partial stream holds instead of failing
    const options = { maxOutputLength: maxBytes, finishFlush: constants.Z_SYNC_FLUSH };
    try {
      if (coding === 'gzip' || coding === 'x-gzip') {
        if (data[0] !== 0x1f || data[1] !== 0x8b) continue; // stored already decoded
        data = gunzipSync(data, options);
      } else if (coding === 'deflate') {
        if (looksLikeMarkup(data)) continue;
        // "deflate" should be zlib-wrapped, but some servers send raw deflate
        try {
          data = inflateSync(data, options);
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw error;
          data = inflateRawSync(data, options);
        }
      } else if (coding === 'br') {
        if (looksLikeMarkup(data)) continue;
        data = brotliDecompressSync(data, { maxOutputLength: maxBytes });
      } else {
        throw new InputError(`${origin}: unsupported Content-Encoding '${coding}'`);
      }
    } catch (error) {
      if (error instanceof InputError) throw error;
      if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
        throw new InputError(`${origin}: body decompresses to more than the ${describeSize(maxBytes)} limit`);
      }
      throw new InputError(`${origin}: damaged ${coding} body (${(error as Error).message})`);
    }
  }
  return data;
}
