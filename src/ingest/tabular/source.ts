/**
 * The bytes of an export file: a path or any byte stream, gunzipped on the
 * fly when it starts with the gzip magic (exports are often shipped as
 * .csv.gz / .jsonl.gz), read in chunks so a large file never sits in memory.
 */
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { InputError } from '../decode-text.ts';

export type TabularSource = string | AsyncIterable<Uint8Array> | Iterable<Uint8Array>;

async function* fileChunks(path: string): AsyncGenerator<Uint8Array> {
  try {
    for await (const chunk of createReadStream(path, { highWaterMark: 256 * 1024 })) yield chunk as Buffer;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new InputError(`${path}: no such file`);
    if (code === 'EISDIR') throw new InputError(`${path}: is a directory, not a file`);
    if (code === 'EACCES') throw new InputError(`${path}: permission denied`);
    throw error;
  }
}

async function* gunzip(chunks: AsyncIterable<Uint8Array>, origin: string): AsyncGenerator<Uint8Array> {
  const inflater = createGunzip();
  const input = Readable.from(chunks, { objectMode: false });
  input.on('error', (error) => inflater.destroy(error));
  input.pipe(inflater);
  try {
    for await (const chunk of inflater) yield chunk as Buffer;
  } catch (error) {
    if (error instanceof InputError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (typeof code === 'string' && code.startsWith('Z_')) throw new InputError(`${origin}: damaged gzip data (${(error as Error).message})`);
    throw error;
  } finally {
    input.destroy();
  }
}

export async function* openBytes(source: TabularSource, origin: string): AsyncGenerator<Uint8Array> {
  const chunks: AsyncIterable<Uint8Array> = typeof source === 'string' ? fileChunks(source) : toAsync(source);
  const it = chunks[Symbol.asyncIterator]();
  const first = await it.next();
  if (first.done) return;
  const rest: AsyncIterable<Uint8Array> = {
    [Symbol.asyncIterator]: () => (async function* () {
      yield first.value;
      for (;;) {
        const next = await it.next();
        if (next.done) return;
        yield next.value;
      }
    })(),
  };
  if (first.value[0] === 0x1f && first.value[1] === 0x8b) yield* gunzip(rest, origin);
  else yield* rest;
}

async function* toAsync(source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  yield* source;
}
