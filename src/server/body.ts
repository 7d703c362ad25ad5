/**
 * Request bodies: JSON only, read with a size cap. A declared Content-Length
 * over the cap is refused before a byte is read; a chunked body is counted
 * as it arrives and refused as soon as it passes the cap.
 */
import type { Context } from 'hono';
import { ApiError } from './errors.ts';

function tooLarge(max: number): ApiError {
  return new ApiError('payload_too_large', `the body is larger than the ${max} byte limit`);
}

export async function readCapped(c: Context, max: number): Promise<string> {
  const declared = c.req.header('content-length');
  if (declared !== undefined && Number(declared) > max) throw tooLarge(max);
  const stream = c.req.raw.body;
  if (!stream) return '';
  const reader = stream.getReader();
  const parts: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel().catch(() => {});
      throw tooLarge(max);
    }
    parts.push(value);
  }
  return Buffer.concat(parts, size).toString('utf8');
}

export async function jsonBody(c: Context, max: number): Promise<unknown> {
  const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json') throw new ApiError('unsupported_media_type', 'send the body as JSON (Content-Type: application/json)');
  const text = await readCapped(c, max);
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError('bad_request', 'the body is not valid JSON');
  }
}
