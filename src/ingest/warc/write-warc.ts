/**
 * Writes WARC files: one gzip member per record by default, as crawlers do,
 * so a reader can seek to any record. Tests build their fixtures with it, and
 * it archives fetched pages.
 */
import { createHash, randomUUID } from 'node:crypto';
import { gzipSync } from 'node:zlib';

export interface WarcRecordInput {
  /** WARC-Type: "response", "request", "resource", "revisit", "warcinfo", "metadata", … */
  type: string;
  targetUri?: string;
  /** Defaults to now. */
  date?: string | Date;
  /** Defaults to a fresh "<urn:uuid:…>". */
  recordId?: string;
  contentType?: string;
  concurrentTo?: string | string[];
  refersTo?: string;
  /** More header fields, written as given after the standard ones. */
  fields?: Record<string, string>;
  payload: Uint8Array | string;
}

export interface WriteWarcOptions {
  /** 'record' (default): a gzip member per record; 'file': one gzip stream; 'none': plain. */
  compression?: 'record' | 'file' | 'none';
  version?: '1.0' | '1.1';
}

export interface HttpResponseInput {
  status: number;
  statusText?: string;
  /** In order; a header may repeat. */
  headers?: Record<string, string> | [string, string][];
  body: Uint8Array | string;
}

export interface HttpRequestInput {
  method?: string;
  uri: string;
  headers?: Record<string, string> | [string, string][];
}

const encoder = new TextEncoder();
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function bytesOf(data: Uint8Array | string): Uint8Array {
  return typeof data === 'string' ? encoder.encode(data) : data;
}

function base32(bytes: Uint8Array): string {
  let out = '';
  let bits = 0;
  let value = 0;
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out;
}

/** The digest form WARC files use: "sha1:" and base32. */
export function warcDigest(bytes: Uint8Array): string {
  return `sha1:${base32(createHash('sha1').update(bytes).digest())}`;
}

export function newRecordId(): string {
  return `<urn:uuid:${randomUUID()}>`;
}

function headerLines(headers: Record<string, string> | [string, string][] | undefined): string {
  const entries = Array.isArray(headers) ? headers : Object.entries(headers ?? {});
  return entries.map(([name, value]) => `${name}: ${value}\r\n`).join('');
}

export function httpResponsePayload(response: HttpResponseInput): Uint8Array {
  const head = `HTTP/1.1 ${response.status} ${response.statusText ?? (response.status === 200 ? 'OK' : 'Status')}\r\n${headerLines(response.headers)}\r\n`;
  return Buffer.concat([encoder.encode(head), bytesOf(response.body)]);
}

export function httpRequestPayload(request: HttpRequestInput): Uint8Array {
  const url = new URL(request.uri);
  const head = `${request.method ?? 'GET'} ${url.pathname}${url.search} HTTP/1.1\r\nHost: ${url.host}\r\n${headerLines(request.headers)}\r\n`;
  return encoder.encode(head);
}

function isoSeconds(date: Date, version: string): string {
  const iso = date.toISOString();
  // WARC/1.0 dates have whole seconds; 1.1 allows fractions
  return version === '1.0' ? `${iso.slice(0, 19)}Z` : iso;
}

/** One record, uncompressed: header block, blank line, payload, blank line. */
export function warcRecordBytes(record: WarcRecordInput, version: '1.0' | '1.1' = '1.0'): Uint8Array {
  const payload = bytesOf(record.payload);
  const date = record.date instanceof Date ? isoSeconds(record.date, version) : (record.date ?? isoSeconds(new Date(), version));
  const lines = [`WARC/${version}`, `WARC-Type: ${record.type}`, `WARC-Record-ID: ${record.recordId ?? newRecordId()}`, `WARC-Date: ${date}`];
  if (record.targetUri) lines.push(`WARC-Target-URI: ${record.targetUri}`);
  const concurrent = record.concurrentTo === undefined ? [] : Array.isArray(record.concurrentTo) ? record.concurrentTo : [record.concurrentTo];
  for (const id of concurrent) lines.push(`WARC-Concurrent-To: ${id}`);
  if (record.refersTo) lines.push(`WARC-Refers-To: ${record.refersTo}`);
  lines.push(`WARC-Block-Digest: ${warcDigest(payload)}`);
  if (record.contentType?.startsWith('application/http') && !record.fields?.['WARC-Payload-Digest']) {
    const split = Buffer.from(payload).indexOf('\r\n\r\n');
    if (split >= 0) lines.push(`WARC-Payload-Digest: ${warcDigest(payload.subarray(split + 4))}`);
  }
  for (const [name, value] of Object.entries(record.fields ?? {})) lines.push(`${name}: ${value}`);
  if (record.contentType) lines.push(`Content-Type: ${record.contentType}`);
  lines.push(`Content-Length: ${payload.length}`);
  return Buffer.concat([encoder.encode(`${lines.join('\r\n')}\r\n\r\n`), payload, encoder.encode('\r\n\r\n')]);
}

export function writeWarc(records: Iterable<WarcRecordInput>, options: WriteWarcOptions = {}): Uint8Array {
  const compression = options.compression ?? 'record';
  const version = options.version ?? '1.0';
  const parts = Array.from(records, (record) => warcRecordBytes(record, version));
  if (compression === 'record') return Buffer.concat(parts.map((part) => gzipSync(part)));
  const plain = Buffer.concat(parts);
  return compression === 'file' ? gzipSync(plain) : plain;
}
