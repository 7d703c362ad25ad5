/**
 * Reads a response body under a size cap, undoing Content-Encoding on the
 * way. Bytes are counted before and after decompression: the cap applies to
 * what comes out (a 50 KB gzip of 50 MB of zeros must not become 50 MB in
 * memory), and the ratio of out to in catches a bomb early.
 */
import type { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { decodeFailure, decoderFor, parseContentEncoding } from './decompress.ts';
import { FetchFailure, tooLarge } from './failure.ts';

export interface BodyLimits {
  maxBytes: number;
  /** Decompressed bytes per compressed byte, checked once the body is past `ratioFloorBytes`. */
  maxRatio: number;
  /** Small pages of whitespace compress 100:1 honestly; only big bodies are held to the ratio. */
  ratioFloorBytes?: number;
  /** Keep the first `maxBytes` and stop instead of failing (robots.txt: parse the first 500 KB). */
  truncate?: boolean;
}

const DEFAULT_RATIO_FLOOR = 1024 * 1024;

/** Thrown by the sink to stop reading once a truncating read has enough. */
class Enough extends Error {}

// pipeline's typings do not accept a spread of transforms in the middle
const runPipeline = pipeline as unknown as (...stages: unknown[]) => Promise<void>;

export async function readBody(source: Readable, contentEncoding: string | undefined, limits: BodyLimits): Promise<Uint8Array> {
  const encodings = parseContentEncoding(contentEncoding);
  const failedIn = new WeakMap<object, string>();
  const decoders: Transform[] = encodings.map((encoding) => {
    const decoder = decoderFor(encoding);
    decoder.once('error', (error) => failedIn.set(error, encoding));
    return decoder;
  });
  const floor = limits.ratioFloorBytes ?? DEFAULT_RATIO_FLOOR;
  let raw = 0;
  let decoded = 0;
  const parts: Buffer[] = [];

  async function* countRaw(chunks: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
    for await (const chunk of chunks) {
      raw += chunk.length;
      if (raw > limits.maxBytes && !limits.truncate) throw tooLarge(limits.maxBytes);
      yield chunk;
    }
  }

  async function collect(chunks: AsyncIterable<Buffer>): Promise<void> {
    for await (const chunk of chunks) {
      const room = limits.maxBytes - decoded;
      if (chunk.length > room) {
        if (!limits.truncate) throw tooLarge(limits.maxBytes);
        parts.push(chunk.subarray(0, room));
        decoded += room;
        throw new Enough();
      }
      decoded += chunk.length;
      parts.push(chunk);
      if (decoders.length && decoded > floor && decoded > raw * limits.maxRatio) {
        throw new FetchFailure(`refused: the compressed body expands more than ${limits.maxRatio} times (a decompression bomb?)`, 'limit');
      }
    }
  }

  try {
    await runPipeline(source, countRaw, ...decoders, collect);
  } catch (error) {
    if (!(error instanceof Enough)) {
      const encoding = failedIn.get(error as object);
      if (encoding) throw decodeFailure(encoding, error as NodeJS.ErrnoException);
      throw error;
    }
  }
  return Buffer.concat(parts, decoded);
}
