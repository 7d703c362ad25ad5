/**
 * Streams the records of a WARC file, plain or gzip'd (whole file or, as
 * usual, one gzip member per record), in constant memory: one record's payload
 * at a time, and records over a size cap are skipped without buffering them.
 * Damaged records come out as errors in stream order and reading goes on.
 */
import { createReadStream } from 'node:fs';
import { InputError } from '../decode-text.ts';
import { inflateMembers } from './gzip-members.ts';
import { WarcParser } from './parser.ts';
import type { WarcItem } from './types.ts';

export type ByteSource = AsyncIterable<Uint8Array> | Iterable<Uint8Array> | string;

export interface ReadWarcOptions {
  /** Payloads larger than this are skipped and reported (default 32 MB). */
  maxRecordBytes?: number;
  /** Names the input in error messages (default: the path, when given one). */
  origin?: string;
}

export const DEFAULT_MAX_RECORD_BYTES = 32 * 1024 * 1024;

/**
 * Records of a gzip member are held until its CRC-32 checks out, so damaged
 * data is not handed out as a record; in a whole-file gzip that check comes at
 * the very end, so held records are released once they exceed these.
 */
const HOLD_RECORDS = 64;
const HOLD_BYTES = 32 * 1024 * 1024;

function openSource(source: ByteSource): AsyncIterable<Uint8Array> | Iterable<Uint8Array> {
  if (typeof source !== 'string') return source;
  return (async function* () {
    const stream = createReadStream(source, { highWaterMark: 1024 * 1024 });
    try {
      for await (const chunk of stream) yield chunk as Buffer;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') throw new InputError(`${source}: no such file`);
      if (code === 'EISDIR') throw new InputError(`${source}: is a directory, not a WARC file`);
      if (code === 'EACCES') throw new InputError(`${source}: permission denied`);
      throw error;
    }
  })();
}

/** The first chunks of `source` until `n` bytes are known, and an iterable that replays everything. */
async function sniff(source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, n: number): Promise<{ head: Uint8Array; stream: AsyncIterable<Uint8Array> }> {
  const it = Symbol.asyncIterator in source ? source[Symbol.asyncIterator]() : (source as Iterable<Uint8Array>)[Symbol.iterator]();
  const seen: Uint8Array[] = [];
  let size = 0;
  let done = false;
  while (size < n) {
    const next = await it.next();
    if (next.done) {
      done = true;
      break;
    }
    seen.push(next.value);
    size += next.value.length;
  }
  const head = Buffer.concat(seen).subarray(0, n);
  const stream = (async function* () {
    yield* seen;
    if (done) return;
    for (;;) {
      const next = await it.next();
      if (next.done) return;
      yield next.value;
    }
  })();
  return { head, stream };
}

/**
 * Records and errors of a WARC file, in file order. Errors never end the
 * iteration; input that is not a WARC file at all throws `InputError`.
 */
export async function* readWarc(source: ByteSource, options: ReadWarcOptions = {}): AsyncGenerator<WarcItem> {
  const origin = options.origin ?? (typeof source === 'string' ? source : undefined);
  const parser = new WarcParser({ maxRecordBytes: options.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES, ...(origin && { origin }) });
  const { head, stream } = await sniff(openSource(source), 2);
  if (head.length === 0) throw new InputError(`${origin ?? 'WARC input'}: input is empty`);

  if (head[0] !== 0x1f || head[1] !== 0x8b) {
    for await (const chunk of stream) yield* parser.push(chunk);
    yield* parser.end();
    return;
  }

  let held: WarcItem[] = [];
  let heldBytes = 0;
  const release = () => {
    const out = held;
    held = [];
    heldBytes = 0;
    return out;
  };
  for await (const event of inflateMembers(stream)) {
    switch (event.kind) {
      case 'member':
        parser.memberStart(event.fileOffset);
        break;
      case 'data':
        for (const item of parser.push(event.bytes)) {
          held.push(item);
          if ('payload' in item) heldBytes += item.payload.length;
        }
        if (held.length > HOLD_RECORDS || heldBytes > HOLD_BYTES) yield* release();
        break;
      case 'end':
        yield* release();
        break;
      case 'fault': {
        let reported = event.quiet;
        const prefix = origin ? `${origin}: ` : '';
        for (const item of release()) {
          if (event.trustPrior || ('error' in item && !item.recordId)) {
            yield item;
            continue;
          }
          // the member failed its check after this record was read (or refused): the damage is the reason
          const type = 'error' in item ? undefined : item.type;
          const uri = 'error' in item ? undefined : item.targetUri;
          const what = type ? ` (${type}${uri ? ` ${uri}` : ''})` : '';
          yield {
            error: `${prefix}record${item.recordId ? ` ${item.recordId}` : ''}${what} at offset ${item.offset}: ${event.message}`,
            offset: item.offset,
            ...(item.recordId && { recordId: item.recordId }),
          };
          reported = true;
        }
        yield* parser.fault(event.message, reported);
        break;
      }
    }
  }
  yield* release();
  yield* parser.end();
}
