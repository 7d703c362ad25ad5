/**
 * Inflates a gzip stream member by member. WARC files are usually gzip'd one
 * record per member; decoding each member on its own (instead of zlib's
 * multi-member gunzip) tells the reader where every member starts in the file
 * and lets it step over a damaged member to the next good one, so one bad
 * record does not end a batch. A whole-file gzip is simply one big member.
 */
import { constants, crc32, createInflateRaw, inflateRawSync } from 'node:zlib';
import { ByteQueue, indexOfBytes } from './byte-queue.ts';

export type InflateEvent =
  /** A member starts at `fileOffset`; the data that follows is its content. */
  | { kind: 'member'; fileOffset: number }
  | { kind: 'data'; bytes: Uint8Array }
  /** The member ended and its CRC-32 and length check out. */
  | { kind: 'end'; fileOffset: number }
  /**
   * The member is corrupt or truncated; data already given for it may be wrong.
   * `quiet` marks a failure while still looking for the next good member
   * after an earlier fault (already reported). `trustPrior`: records completed
   * before the failure are sound (false after a CRC mismatch: the damage could
   * be anywhere in the member).
   */
  | { kind: 'fault'; message: string; fileOffset: number; quiet: boolean; trustPrior: boolean };

const MAGIC = new Uint8Array([0x1f, 0x8b, 0x08]);
/** Members up to this size (compressed) inflate in one synchronous call: no thread-pool round trip per record. */
const SYNC_IN = 256 * 1024;
const SYNC_OUT = 4 * 1024 * 1024;
/** Streaming slices stay small so a decompression bomb yields at most ~16 MB per step. */
const SLICE = 16 * 1024;
/** Compressed bytes of the current member kept for rescanning after a fault. */
const RETAIN = 8 * 1024 * 1024;
const MAX_HEADER = 64 * 1024;

type HeaderParse = number | 'more' | 'invalid';

/** Length of the gzip member header at the start of `b`, 'more' if cut short, 'invalid' if not a gzip header. */
function gzipHeaderLength(b: Uint8Array, eof: boolean): HeaderParse {
  if (b.length < 10) return eof ? 'invalid' : 'more';
  if (b[0] !== 0x1f || b[1] !== 0x8b || b[2] !== 8) return 'invalid';
  const flags = b[3]!;
  if (flags & 0xe0) return 'invalid';
  let at = 10;
  if (flags & 4) {
    if (b.length < at + 2) return eof ? 'invalid' : 'more';
    at += 2 + (b[at]! | (b[at + 1]! << 8));
  }
  for (const bit of [8, 16]) {
    if (!(flags & bit)) continue;
    const zero = b.indexOf(0, at);
    if (zero < 0) return eof || b.length >= MAX_HEADER ? 'invalid' : 'more';
    at = zero + 1;
  }
  if (flags & 2) at += 2;
  if (b.length < at) return eof || at > MAX_HEADER ? 'invalid' : 'more';
  return at;
}

class Input {
  readonly q = new ByteQueue();
  /** File offset of the queue's first byte. */
  pos = 0;
  eof = false;
  private readonly it: AsyncIterator<Uint8Array>;

  constructor(source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>) {
    this.it = Symbol.asyncIterator in source ? source[Symbol.asyncIterator]() : toAsync(source);
  }

  /** Pulls chunks until at least `n` bytes are queued or the source ends. */
  async fill(n: number): Promise<void> {
    while (this.q.length < n && !this.eof) {
      const next = await this.it.next();
      if (next.done) this.eof = true;
      else this.q.push(next.value);
    }
  }

  skip(n: number): void {
    this.pos += this.q.skip(n);
  }

  take(n: number): Uint8Array {
    const out = this.q.take(n);
    this.pos += out.length;
    return out;
  }

  unshift(bytes: Uint8Array): void {
    this.q.unshift(bytes);
    this.pos -= bytes.length;
  }
}

async function* toAsync(source: Iterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  yield* source;
}

/** `trustPrior`: the data given before the failure is sound (truncation, or damage zlib caught where it is). */
type MemberResult = { ok: true; crc: number; size: number } | { ok: false; message: string; trustPrior: boolean };

export async function* inflateMembers(source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>): AsyncGenerator<InflateEvent> {
  const input = new Input(source);
  let recovering = false;
  // after a fault, the search for the next member starts past this file offset
  let scanFrom = -1;

  const fault = (message: string, fileOffset: number, trustPrior = true): InflateEvent => {
    const event: InflateEvent = { kind: 'fault', message, fileOffset, quiet: recovering, trustPrior };
    recovering = true;
    return event;
  };

  for (;;) {
    if (scanFrom >= 0) {
      const found = await scanToMagic(input, scanFrom);
      scanFrom = -1;
      if (!found) return;
    }
    await input.fill(MAX_HEADER);
    // some writers pad between members or at the end with zeros
    while (input.q.length > 0 && input.q.byteAt(0) === 0) {
      input.skip(1);
      if (input.q.length === 0) await input.fill(MAX_HEADER);
    }
    if (input.q.length === 0) return;
    const start = input.pos;
    const headerLength = gzipHeaderLength(input.q.peek(MAX_HEADER), input.eof);
    if (headerLength === 'more' || headerLength === 'invalid') {
      yield fault(
        start === 0 ? 'not gzip data' : `no gzip member where one should start (compressed offset ${start})`,
        start,
      );
      scanFrom = start + 1;
      continue;
    }
    yield { kind: 'member', fileOffset: start };
    input.skip(headerLength);

    const retained: Uint8Array[] = [];
    let retainedStart = input.pos;
    let retainedBytes = 0;
    const retain = (bytes: Uint8Array) => {
      retained.push(bytes);
      retainedBytes += bytes.length;
      while (retainedBytes > RETAIN && retained.length > 1) {
        const dropped = retained.shift()!;
        retainedBytes -= dropped.length;
        retainedStart += dropped.length;
      }
    };

    let result: MemberResult;
    const outputs: Uint8Array[] = [];
    const sync = await inflateSmallMember(input, outputs);
    if (sync !== 'too-big') {
      result = sync;
      for (const bytes of outputs) yield { kind: 'data', bytes };
    } else {
      result = yield* inflateStreaming(input, retain);
    }

    if (result.ok) {
      await input.fill(8);
      const trailer = input.q.peek(8);
      if (trailer.length < 8) {
        result = { ok: false, message: 'the file ends inside its trailer', trustPrior: true };
      } else {
        const view = new DataView(trailer.buffer, trailer.byteOffset, 8);
        const crcOk = view.getUint32(0, true) === result.crc;
        const sizeOk = view.getUint32(4, true) === result.size % 2 ** 32;
        input.skip(8);
        if (!crcOk || !sizeOk) {
          // the deflate stream itself ended cleanly, so the next member starts right after this trailer
          yield fault(`gzip member at compressed offset ${start}: ${crcOk ? 'length' : 'CRC-32'} mismatch (the data is damaged)`, start, false);
          continue;
        }
      }
    }
    if (result.ok) {
      recovering = false;
      yield { kind: 'end', fileOffset: start };
      continue;
    }
    yield fault(`gzip member at compressed offset ${start}: ${result.message}`, start, result.trustPrior);
    // put the member's bytes back so the search for the next member can look inside them
    for (let i = retained.length - 1; i >= 0; i--) input.unshift(retained[i]!);
    scanFrom = Math.max(start + 1, retainedStart);
  }
}

/** Drops bytes up to the next gzip magic at or after file offset `from`; false when the input ends first. */
async function scanToMagic(input: Input, from: number): Promise<boolean> {
  input.skip(Math.max(0, from - input.pos));
  for (;;) {
    await input.fill(SYNC_IN);
    const view = input.q.peek(input.q.length);
    const at = indexOfBytes(view, MAGIC);
    if (at >= 0) {
      input.skip(at);
      return true;
    }
    if (input.eof) {
      input.skip(view.length);
      return false;
    }
    // keep a possible partial magic at the end
    input.skip(Math.max(0, view.length - (MAGIC.length - 1)));
  }
}

/**
 * One synchronous inflate when the whole member fits in SYNC_IN compressed
 * and SYNC_OUT inflated bytes; 'too-big' leaves the input untouched.
 */
async function inflateSmallMember(input: Input, outputs: Uint8Array[]): Promise<MemberResult | 'too-big'> {
  await input.fill(SYNC_IN);
  const view = input.q.peek(SYNC_IN);
  try {
    // Z_SYNC_FLUSH: a member cut short still gives what it holds, instead of nothing
    const { buffer, engine } = inflateRawSync(view, { info: true, maxOutputLength: SYNC_OUT, finishFlush: constants.Z_SYNC_FLUSH }) as unknown as {
      buffer: Buffer;
      engine: { bytesWritten: number };
    };
    // a complete member leaves its 8-byte trailer unread, so all input consumed means the stream did not end
    const complete = engine.bytesWritten < view.length;
    if (!complete && view.length >= SYNC_IN) return 'too-big';
    input.skip(engine.bytesWritten);
    if (buffer.length > 0) outputs.push(buffer);
    if (!complete) return { ok: false, message: 'the file ends inside it (truncated)', trustPrior: true };
    return { ok: true, crc: crc32(buffer), size: buffer.length };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ERR_BUFFER_TOO_LARGE') return 'too-big';
    return { ok: false, message: `corrupt deflate data (${(error as Error).message})`, trustPrior: true };
  }
}

/** Inflates a member of any size in small slices, yielding its output as it comes. */
async function* inflateStreaming(input: Input, retain: (bytes: Uint8Array) => void): AsyncGenerator<InflateEvent, MemberResult> {
  const inflater = createInflateRaw({ finishFlush: constants.Z_SYNC_FLUSH });
  let pending: Uint8Array[] = [];
  let ended = false;
  let failure: Error | undefined;
  inflater.on('data', (chunk: Buffer) => pending.push(chunk));
  inflater.on('end', () => (ended = true));
  let wake: (() => void) | undefined;
  inflater.on('error', (error: Error) => {
    failure ??= error;
    wake?.();
  });
  let crc = 0;
  let size = 0;
  let fed = 0;
  try {
    for (;;) {
      await input.fill(SLICE);
      if (input.q.length === 0) return { ok: false, message: 'the file ends inside it (truncated)', trustPrior: true };
      const slice = input.take(SLICE);
      fed += slice.length;
      await new Promise<void>((resolve) => {
        wake = resolve;
        inflater.write(slice, () => resolve());
      });
      // 'data' and 'end' may be emitted on a later tick than the write callback
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (failure) {
        retain(slice);
        return { ok: false, message: `corrupt deflate data (${failure.message})`, trustPrior: true };
      }
      const unused = fed - inflater.bytesWritten;
      if (unused > 0) {
        // the deflate stream ended inside this slice: the rest belongs to the trailer and the next member
        input.unshift(slice.subarray(slice.length - unused));
        retain(slice.subarray(0, slice.length - unused));
        fed -= unused;
      } else {
        retain(slice);
      }
      const out = pending;
      pending = [];
      for (const bytes of out) {
        crc = crc32(bytes, crc);
        size += bytes.length;
        yield { kind: 'data', bytes };
      }
      if (ended || unused > 0) return { ok: true, crc, size };
    }
  } finally {
    inflater.destroy();
  }
}
