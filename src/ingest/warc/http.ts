/**
 * The HTTP exchange inside WARC records: the status line, headers and decoded
 * body of a `response`, the method and target of a `request`, what a
 * `revisit` points back to, and a `resource` as the plain body it is.
 */
import { InputError } from '../decode-text.ts';
import { decodeContentEncoding, dechunk } from './http-body.ts';
import { describeSize } from './parser.ts';
import type { WarcRecord } from './types.ts';

export interface HttpResponse {
  status: number;
  statusText: string;
  /** "HTTP/1.1"; empty for a resource record. */
  httpVersion: string;
  /** Lowercased names; a repeated header's values joined with ", ". */
  headers: Record<string, string>;
  /** De-chunked and decompressed. Empty for a revisit. */
  body: Uint8Array;
  /** For a revisit record: the earlier capture it repeats. */
  revisit?: { profile?: string; refersTo?: string; targetUri?: string; date?: string };
}

export interface HttpRequest {
  method: string;
  /** The request target as sent (usually a path). */
  target: string;
  httpVersion: string;
  headers: Record<string, string>;
}

export interface HttpOptions {
  /** Largest body after decompression (default 32 MB). */
  maxBodyBytes?: number;
}

export const DEFAULT_MAX_BODY_BYTES = 32 * 1024 * 1024;
const MAX_HEAD_BYTES = 256 * 1024;

interface HttpHead {
  startLine: string;
  headers: Record<string, string>;
  bodyStart: number;
}

/** Splits an HTTP message into start line, headers and where the body starts; tolerates bare LF line ends. */
export function parseHttpHead(bytes: Uint8Array, origin: string): HttpHead {
  const scan = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, MAX_HEAD_BYTES));
  let end = scan.indexOf('\r\n\r\n');
  let blank = 4;
  const lf = scan.indexOf('\n\n');
  if (lf >= 0 && (end < 0 || lf < end)) (end = lf), (blank = 2);
  if (end < 0) {
    // a response with headers only (a revisit, a HEAD) may lack the blank line
    if (bytes.length < MAX_HEAD_BYTES && scan.indexOf('\n') >= 0) (end = bytes.length), (blank = 0);
    else throw new InputError(`${origin}: no end of the HTTP headers`);
  }
  const lines = scan.subarray(0, end).toString('latin1').split(/\r?\n/);
  const headers: Record<string, string> = {};
  let last: string | undefined;
  for (const line of lines.slice(1)) {
    if ((line[0] === ' ' || line[0] === '\t') && last) {
      headers[last] += ` ${line.trim()}`;
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) continue; // crawlers store the odd broken header line; it is not worth refusing the page
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    headers[name] = name in headers ? `${headers[name]}, ${value}` : value;
    last = name;
  }
  return { startLine: lines[0]!.trim(), headers, bodyStart: Math.min(bytes.length, end + blank) };
}

function describe(record: Pick<WarcRecord, 'recordId' | 'targetUri' | 'offset'>): string {
  return `record ${record.recordId ?? `at offset ${record.offset}`}${record.targetUri ? ` (${record.targetUri})` : ''}`;
}

function statusOf(startLine: string, origin: string): { httpVersion: string; status: number; statusText: string } {
  const match = /^(HTTP\/\d(?:\.\d)?)\s+(\d{3})(?:\s+(.*))?$/i.exec(startLine);
  if (!match) throw new InputError(`${origin}: not an HTTP status line: '${startLine.slice(0, 60)}'`);
  return { httpVersion: match[1]!.toUpperCase(), status: Number(match[2]), statusText: match[3] ?? '' };
}

/**
 * The HTTP response a `response`, `resource` or `revisit` record holds.
 * Throws `InputError` naming the record when it cannot be read.
 */
export function httpResponseFromRecord(record: WarcRecord, options: HttpOptions = {}): HttpResponse {
  const origin = describe(record);
  const maxBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const isHttp = /^application\/http/i.test(record.contentType ?? '');
  if (record.type === 'resource' || (record.type === 'response' && !isHttp && record.contentType)) {
    // a resource is the body itself, with the record's content type
    if (record.payload.length > maxBytes) throw new InputError(`${origin}: body is over the ${describeSize(maxBytes)} limit`);
    return { status: 200, statusText: 'OK', httpVersion: '', headers: record.contentType ? { 'content-type': record.contentType } : {}, body: record.payload };
  }
  if (record.type === 'revisit') {
    const revisit: NonNullable<HttpResponse['revisit']> = {};
    if (record.fields['warc-profile']) revisit.profile = record.fields['warc-profile'];
    if (record.refersTo) revisit.refersTo = record.refersTo;
    if (record.fields['warc-refers-to-target-uri']) revisit.targetUri = record.fields['warc-refers-to-target-uri'];
    if (record.fields['warc-refers-to-date']) revisit.date = record.fields['warc-refers-to-date'];
    if (record.payload.length === 0) return { status: 0, statusText: '', httpVersion: '', headers: {}, body: new Uint8Array(0), revisit };
    const head = parseHttpHead(record.payload, origin);
    return { ...statusOf(head.startLine, origin), headers: head.headers, body: new Uint8Array(0), revisit };
  }
  const head = httpResponseHead(record);
  return { ...head, body: httpResponseBody(record, head, maxBytes) };
}

export interface HttpResponseHead extends Omit<HttpResponse, 'body' | 'revisit'> {
  bodyStart: number;
}

/** Status and headers of a `response` record (or of the start of one), without touching the body. */
export function httpResponseHead(record: Pick<WarcRecord, 'type' | 'payload' | 'recordId' | 'targetUri' | 'offset'>): HttpResponseHead {
  const origin = describe(record);
  if (record.type !== 'response') throw new InputError(`${origin}: a ${record.type} record, not a response`);
  const head = parseHttpHead(record.payload, origin);
  return { ...statusOf(head.startLine, origin), headers: head.headers, bodyStart: head.bodyStart };
}

/** The body of a `response` record, de-chunked and decompressed. */
export function httpResponseBody(record: WarcRecord, head: HttpResponseHead, maxBytes = DEFAULT_MAX_BODY_BYTES): Uint8Array {
  const origin = describe(record);
  let body = record.payload.subarray(head.bodyStart);
  if (/\bchunked\b/i.test(head.headers['transfer-encoding'] ?? '')) body = dechunk(body);
  body = decodeContentEncoding(body, head.headers['content-encoding'], maxBytes, origin);
  if (body.length > maxBytes) throw new InputError(`${origin}: body is over the ${describeSize(maxBytes)} limit`);
  return body;
}

/** The method, target and headers of a `request` record. */
export function httpRequestFromRecord(record: WarcRecord): HttpRequest {
  const origin = describe(record);
  if (record.type !== 'request') throw new InputError(`${origin}: a ${record.type} record, not a request`);
  const head = parseHttpHead(record.payload, origin);
  const match = /^([A-Z]+)\s+(\S+)(?:\s+(HTTP\/\d(?:\.\d)?))?$/i.exec(head.startLine);
  if (!match) throw new InputError(`${origin}: not an HTTP request line: '${head.startLine.slice(0, 60)}'`);
  return { method: match[1]!.toUpperCase(), target: match[2]!, httpVersion: (match[3] ?? 'HTTP/1.0').toUpperCase(), headers: head.headers };
}
