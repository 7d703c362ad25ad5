/**
 * A push parser for the uncompressed WARC byte stream: bytes in, records and
 * errors out, holding at most one record's payload. A record whose header is
 * garbled, whose Content-Length does not match what follows it, or which the
 * file cuts short becomes an error, and parsing resumes at the next line that
 * starts with "WARC/1.", so one bad record costs only itself.
 */
import { InputError } from '../decode-text.ts';
import { ByteQueue, indexOfBytes } from './byte-queue.ts';
import type { WarcError, WarcHeader, WarcItem, WarcRecord } from './types.ts';

export interface WarcParserOptions {
  /** Records with a larger payload are skipped (and reported) without being buffered. */
  maxRecordBytes: number;
  /** Names the input in error messages. */
  origin?: string;
}

const VERSION_PREFIX = new TextEncoder().encode('WARC/1.');
const RESYNC = new TextEncoder().encode('\nWARC/1.');
const MAX_HEADER_BYTES = 64 * 1024;
/** How much of a skipped record's payload is kept so callers can tell what it was (its HTTP headers). */
const SKIPPED_HEAD_BYTES = 8 * 1024;
const CR = 13;
const LF = 10;

type State = 'header' | 'body' | 'skip' | 'trailer' | 'scan';

export function describeSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${bytes} bytes`;
}

/** Parses a header block (without its blank line); a string is the reason it is not a valid header. */
export function parseWarcHeader(text: string): WarcHeader | string {
  const lines = text.split(/\r?\n/);
  const version = lines[0]!.trim();
  if (!/^WARC\/1\.\d+$/.test(version)) return `not a WARC/1.x version line: '${version.slice(0, 40)}'`;
  const fields: Record<string, string> = {};
  const concurrentTo: string[] = [];
  let last: string | undefined;
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (line === '') continue;
    if ((line[0] === ' ' || line[0] === '\t') && last !== undefined) {
      // folded continuation of the previous field
      fields[last] = `${fields[last]} ${line.trim()}`;
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) return `malformed header line '${line.slice(0, 60)}'`;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (name === 'warc-concurrent-to') concurrentTo.push(value);
    fields[name] = name in fields ? `${fields[name]}, ${value}` : value;
    last = name;
  }
  const length = fields['content-length'];
  if (length === undefined) return 'no Content-Length field';
  if (!/^\d{1,15}$/.test(length)) return `invalid Content-Length '${length.slice(0, 30)}'`;
  const header: WarcHeader = {
    version,
    type: (fields['warc-type'] ?? 'unknown').toLowerCase(),
    contentLength: Number(length),
    concurrentTo,
    fields,
  };
  const id = fields['warc-record-id'];
  if (id) header.recordId = id;
  const uri = fields['warc-target-uri'];
  if (uri) header.targetUri = uri.replace(/^<(.*)>$/, '$1');
  if (fields['warc-date']) header.date = fields['warc-date'];
  if (fields['content-type']) header.contentType = fields['content-type'];
  if (fields['warc-refers-to']) header.refersTo = fields['warc-refers-to'];
  return header;
}

function startsWithPrefix(view: Uint8Array, prefix: Uint8Array): boolean {
  const n = Math.min(view.length, prefix.length);
  for (let i = 0; i < n; i++) if (view[i] !== prefix[i]) return false;
  return true;
}

function printable(bytes: Uint8Array): string {
  return Array.from(bytes.subarray(0, 24), (b) => (b >= 32 && b < 127 ? String.fromCharCode(b) : '.')).join('');
}

export class WarcParser {
  private readonly q = new ByteQueue();
  /** Stream offset of the queue's first byte. */
  private pos = 0;
  private state: State = 'header';
  private out: WarcItem[] = [];
  private seenData = false;
  /** While looking for the next record after an error, further bad headers are skipped silently. */
  private resyncing = false;
  /** In 'scan': whether the queue's first byte starts a line. */
  private lineStart = true;
  /** Stream offset where the latest gzip member's data starts, and that member's file offset. */
  private member: { at: number; fileOffset: number } | undefined;

  private header: WarcHeader | undefined;
  private recordOffset = 0;
  private fileOffset: number | undefined;
  private payload: Uint8Array | undefined;
  private filled = 0;
  private remaining = 0;
  private head: Uint8Array[] = [];
  private headBytes = 0;
  private skippedRecord = false;

  constructor(private readonly options: WarcParserOptions) {}

  push(chunk: Uint8Array): WarcItem[] {
    if (!this.seenData && chunk.length > 0) this.checkStart(chunk);
    this.q.push(chunk);
    this.run(false);
    return this.drain();
  }

  end(): WarcItem[] {
    this.run(true);
    while (this.state === 'body' && this.filled > 0) {
      // a Content-Length too large swallows the records after it: report this one, then look inside what it swallowed
      this.reportTruncated();
      this.q.unshift(this.payload!.subarray(0, this.filled));
      this.pos -= this.filled;
      this.payload = undefined;
      this.header = undefined;
      this.state = 'scan';
      this.lineStart = true;
      this.resyncing = true;
      this.run(true);
    }
    switch (this.state) {
      case 'header': {
        const rest = this.q.peek(this.q.length);
        if (!this.resyncing && rest.some((b) => b !== CR && b !== LF)) {
          this.fail('the file ends inside a record header', this.pos);
        }
        break;
      }
      case 'body':
      case 'skip':
        this.reportTruncated();
        break;
      case 'trailer':
        this.accept();
        break;
      case 'scan':
        break;
    }
    this.q.clear();
    this.state = 'header';
    return this.drain();
  }

  private reportTruncated(): void {
    const header = this.header!;
    const got = this.state === 'body' ? this.filled : header.contentLength - this.remaining;
    this.fail(
      `truncated: the file ends after ${describeSize(got)} of its ${describeSize(header.contentLength)} payload`,
      this.recordOffset,
      header,
    );
  }

  /** A gzip member starts; its data will be the next bytes pushed. */
  memberStart(fileOffset: number): void {
    this.member = { at: this.pos + this.q.length, fileOffset };
  }

  /**
   * The compressed layer lost data: what was buffered is unreliable, and the
   * next bytes pushed start a fresh gzip member. `reported`: the caller has
   * already told the user about it (or it is a quiet, repeated fault).
   */
  fault(message: string, reported: boolean): WarcItem[] {
    const partial =
      this.state === 'body' || this.state === 'skip' || this.state === 'trailer'
        ? this.header
        : undefined;
    if (!reported) {
      if (partial) this.fail(message, this.recordOffset, partial);
      else this.fail(message, this.pos + this.q.length);
    }
    this.pos += this.q.length;
    this.q.clear();
    this.payload = undefined;
    this.header = undefined;
    this.state = 'scan';
    this.lineStart = true;
    this.resyncing = true;
    this.seenData = true;
    return this.drain();
  }

  private drain(): WarcItem[] {
    const out = this.out;
    this.out = [];
    return out;
  }

  /** Refuses input that is not a WARC file at all, rather than reporting one bad record per byte. */
  private checkStart(chunk: Uint8Array): void {
    this.seenData = true;
    let i = 0;
    while (i < chunk.length && (chunk[i] === CR || chunk[i] === LF)) i++;
    const start = chunk.subarray(i, i + 16);
    const text = new TextDecoder().decode(start);
    const origin = this.options.origin ?? 'WARC input';
    if (text.startsWith('filedesc://')) {
      throw new InputError(`${origin}: this is an ARC file (the format before WARC); convert it to WARC first (e.g. with warcio or JWAT)`);
    }
    if (start.length >= 5 && !text.startsWith('WARC/')) {
      throw new InputError(`${origin}: not a WARC file (it starts with '${printable(start)}', not 'WARC/1.0' or 'WARC/1.1')`);
    }
    if (start.length >= 7 && !startsWithPrefix(start, VERSION_PREFIX)) {
      throw new InputError(`${origin}: unsupported WARC version '${text.split(/\r?\n/)[0]}' (WARC/1.0 and WARC/1.1 are read)`);
    }
  }

  private name(header: WarcHeader | undefined, offset: number): string {
    const origin = this.options.origin ? `${this.options.origin}: ` : '';
    const id = header?.recordId ? ` ${header.recordId}` : '';
    const uri = header?.targetUri ? ` (${header.type} ${header.targetUri})` : header ? ` (${header.type})` : '';
    return `${origin}record${id}${uri} at offset ${offset}`;
  }

  private fail(message: string, offset: number, header?: WarcHeader): void {
    const error: WarcError = { error: `${this.name(header, offset)}: ${message}`, offset };
    if (header?.recordId) error.recordId = header.recordId;
    this.out.push(error);
  }

  private skipBytes(n: number): void {
    this.pos += this.q.skip(n);
  }

  private run(atEnd: boolean): void {
    for (;;) {
      const progressed =
        this.state === 'header' ? this.readHeader()
        : this.state === 'body' ? this.readBody()
        : this.state === 'skip' ? this.skipBody()
        : this.state === 'trailer' ? this.readTrailer(atEnd)
        : this.scan(atEnd);
      if (!progressed) return;
    }
  }

  private readHeader(): boolean {
    while (this.q.length > 0) {
      const b = this.q.byteAt(0);
      if (b !== CR && b !== LF) break;
      this.skipBytes(1);
    }
    if (this.q.length === 0) return false;
    const view = this.q.peek(Math.min(this.q.length, MAX_HEADER_BYTES));
    if (!startsWithPrefix(view, VERSION_PREFIX)) {
      return this.badHeader(`expected a WARC/1.x record header, found '${printable(view)}'`);
    }
    if (view.length < VERSION_PREFIX.length) return false;
    const crlf = indexOfBytes(view, new Uint8Array([CR, LF, CR, LF]));
    const lf = indexOfBytes(view, new Uint8Array([LF, LF]));
    let end: number;
    let blank: number;
    if (crlf >= 0 && (lf < 0 || crlf < lf)) (end = crlf), (blank = 4);
    else if (lf >= 0) (end = lf), (blank = 2);
    else {
      if (view.length >= MAX_HEADER_BYTES) return this.badHeader(`no end of the header block within ${describeSize(MAX_HEADER_BYTES)}`);
      return false;
    }
    const parsed = parseWarcHeader(new TextDecoder().decode(view.subarray(0, end)));
    if (typeof parsed === 'string') return this.badHeader(parsed);
    this.header = parsed;
    this.recordOffset = this.pos;
    this.fileOffset = this.member && this.member.at === this.pos ? this.member.fileOffset : undefined;
    this.skipBytes(end + blank);
    if (parsed.contentLength > this.options.maxRecordBytes) {
      this.state = 'skip';
      this.remaining = parsed.contentLength;
      this.head = [];
      this.headBytes = 0;
    } else {
      this.state = 'body';
      this.payload = new Uint8Array(parsed.contentLength);
      this.filled = 0;
    }
    return true;
  }

  private badHeader(message: string): boolean {
    if (!this.resyncing) this.fail(message, this.pos);
    this.resyncing = true;
    this.skipBytes(1);
    this.lineStart = false;
    this.state = 'scan';
    return true;
  }

  private readBody(): boolean {
    const payload = this.payload!;
    const copied = this.q.copyInto(payload, this.filled, payload.length - this.filled);
    this.pos += copied;
    this.filled += copied;
    if (this.filled < payload.length) return false;
    this.state = 'trailer';
    this.skippedRecord = false;
    return true;
  }

  private skipBody(): boolean {
    const take = Math.min(this.remaining, this.q.length);
    if (this.headBytes < SKIPPED_HEAD_BYTES && take > 0) {
      const part = this.q.peek(Math.min(take, SKIPPED_HEAD_BYTES - this.headBytes)).slice();
      this.head.push(part);
      this.headBytes += part.length;
    }
    this.skipBytes(take);
    this.remaining -= take;
    if (this.remaining > 0) return false;
    const header = this.header!;
    const error: WarcError = {
      error: `${this.name(header, this.recordOffset)}: skipped, its ${describeSize(header.contentLength)} payload is over the ${describeSize(this.options.maxRecordBytes)} record limit`,
      offset: this.recordOffset,
      skipped: { header, head: Buffer.concat(this.head) },
    };
    if (header.recordId) error.recordId = header.recordId;
    this.out.push(error);
    this.head = [];
    this.state = 'trailer';
    this.skippedRecord = true;
    return true;
  }

  /**
   * After a payload comes a blank line (CRLF CRLF) and the next record. Anything
   * else means the Content-Length was wrong: the record is refused and the
   * search for the next header starts inside its payload, where the real next
   * record may begin.
   */
  private readTrailer(atEnd: boolean): boolean {
    const view = this.q.peek(Math.min(this.q.length, 16));
    let i = 0;
    while (i < view.length && (view[i] === CR || view[i] === LF)) i++;
    // a full CRLF CRLF ends the record whatever follows (a garbled next header is that record's problem)
    if (i >= 4 || (i === view.length && atEnd)) return this.accept();
    if (i === view.length) return false;
    const rest = view.subarray(i);
    if (startsWithPrefix(rest, VERSION_PREFIX)) {
      if (rest.length >= VERSION_PREFIX.length || atEnd) return this.accept();
      return false;
    }
    const header = this.header!;
    if (!this.skippedRecord) {
      this.fail(
        `its Content-Length (${header.contentLength}) does not match its content: no record end or next WARC header after it`,
        this.recordOffset,
        header,
      );
    }
    if (this.payload) {
      // the payload (after the header's blank line, so at a line start) may hold the real next record
      this.q.unshift(this.payload);
      this.pos -= this.payload.length;
    }
    this.payload = undefined;
    this.header = undefined;
    this.resyncing = true;
    this.lineStart = !this.skippedRecord;
    this.state = 'scan';
    return true;
  }

  private accept(): boolean {
    if (!this.skippedRecord && this.header && this.payload) {
      const record: WarcRecord = { ...this.header, payload: this.payload, offset: this.recordOffset };
      if (this.fileOffset !== undefined) record.fileOffset = this.fileOffset;
      this.out.push(record);
      this.resyncing = false;
    }
    this.payload = undefined;
    this.header = undefined;
    this.state = 'header';
    return true;
  }

  private scan(atEnd: boolean): boolean {
    if (this.q.length === 0) return false;
    const view = this.q.peek(this.q.length);
    if (this.lineStart && startsWithPrefix(view, VERSION_PREFIX)) {
      if (view.length < VERSION_PREFIX.length && !atEnd) return false;
      this.state = 'header';
      return true;
    }
    const at = indexOfBytes(view, RESYNC);
    if (at >= 0) {
      this.skipBytes(at + 1);
      this.state = 'header';
      return true;
    }
    if (atEnd) {
      this.skipBytes(view.length);
      return false;
    }
    // keep a possible partial "\nWARC/1." at the end
    const drop = Math.max(0, view.length - (RESYNC.length - 1));
    if (drop > 0) {
      this.lineStart = view[drop - 1] === LF;
      this.skipBytes(drop);
    }
    return false;
  }
}
