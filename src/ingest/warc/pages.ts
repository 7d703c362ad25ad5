/**
 * The HTML pages in a WARC file: successful (200) HTML responses, and HTML
 * resource records, with their bodies decoded. Everything else an archive
 * holds (requests, images, scripts, redirects, metadata) is passed over
 * quietly; damaged records, and HTML pages too large to read, come out as
 * errors in file order so a batch can report them and go on.
 */
import { InputError } from '../decode-text.ts';
import { httpRequestFromRecord, httpResponseBody, httpResponseHead, type HttpOptions, type HttpResponseHead } from './http.ts';
import { readWarc, type ByteSource, type ReadWarcOptions } from './read-warc.ts';
import { RevisitCache } from './revisit-cache.ts';
import type { WarcError, WarcRecord } from './types.ts';

export interface WarcPage {
  url: string;
  /** WARC-Date: when the page was captured. */
  date?: string;
  status: number;
  /** The HTTP Content-Type as sent, charset included. */
  contentType?: string;
  body: Uint8Array;
  recordId?: string;
  recordType: 'response' | 'resource' | 'revisit';
  /** The request method, when the archive pairs a request record with the response. */
  method?: string;
  offset: number;
  fileOffset?: number;
}

export interface WarcPageError {
  error: string;
  recordId?: string;
  offset: number;
}

export type WarcPageItem = WarcPage | WarcPageError;

export interface WarcPagesOptions extends ReadWarcOptions, HttpOptions {
  /** Which declared content types are pages (default: HTML and XHTML). An undeclared type is sniffed from the body for HTML. */
  accept?: (contentType: string) => boolean;
  /** Keep responses to POST and other non-GET requests (default: only GET, when the method is known). */
  allMethods?: boolean;
  /**
   * 'skip' (default): a revisit repeats a capture already in the archive, and
   * yielding it again would count the same article twice. 'resolve': yield it
   * with the body of the earlier capture, when that is still remembered.
   */
  revisits?: 'skip' | 'resolve';
  /** Bytes of earlier page bodies remembered for 'resolve' (default 64 MB). */
  revisitCacheBytes?: number;
}

const HTML_TYPES = /^\s*(text\/html|application\/xhtml\+xml)\s*(;|$)/i;

export function isHtmlType(contentType: string): boolean {
  return HTML_TYPES.test(contentType);
}

/** For a page served without a Content-Type: does the body start like an HTML document? */
export function looksLikeHtml(body: Uint8Array): boolean {
  const start = Buffer.from(body.subarray(0, 512)).toString('latin1').replace(/^\xef\xbb\xbf/, '').trimStart().toLowerCase();
  return start.startsWith('<!doctype html') || start.startsWith('<html') || (start.startsWith('<!--') && start.includes('<html'));
}

export function isWarcPageError(item: WarcPageItem): item is WarcPageError {
  return 'error' in item;
}

/** Requests remembered to pair with responses that come after them. */
const RECENT_REQUESTS = 32;

function errorItem(record: Pick<WarcRecord, 'recordId' | 'offset'>, message: string): WarcPageError {
  return { error: message, offset: record.offset, ...(record.recordId && { recordId: record.recordId }) };
}

function tryHead(record: Pick<WarcRecord, 'type' | 'payload' | 'recordId' | 'targetUri' | 'offset'>): HttpResponseHead | undefined {
  try {
    return httpResponseHead(record);
  } catch {
    return undefined;
  }
}

export async function* warcPages(source: ByteSource, options: WarcPagesOptions = {}): AsyncGenerator<WarcPageItem> {
  const accept = options.accept ?? isHtmlType;
  const origin = options.origin ?? (typeof source === 'string' ? source : undefined);
  const cache = options.revisits === 'resolve' ? new RevisitCache(options.revisitCacheBytes ?? 64 * 1024 * 1024) : undefined;
  // request record ID and the IDs it is concurrent to → its method
  const requests = new Map<string, string>();
  // a page is held back one record: its request may come right after it (Heritrix writes it that way)
  let held: { page: WarcPage; ids: Set<string> } | undefined;

  const release = function* (): Generator<WarcPageItem> {
    if (!held) return;
    const { page } = held;
    held = undefined;
    if (page.method && page.method !== 'GET' && !options.allMethods) return;
    yield page;
  };

  const hold = (page: WarcPage, record: WarcRecord) => {
    const ids = new Set<string>([...(record.recordId ? [record.recordId] : []), ...record.concurrentTo]);
    for (const id of ids) {
      const method = requests.get(id);
      if (method) page.method = method;
    }
    held = { page, ids };
  };

  for await (const item of readWarc(source, options)) {
    if ('error' in item) {
      yield* release();
      if (!item.skipped || skippedMayBePage(item, accept)) yield errorItem(item, item.error);
      continue;
    }
    const record = item;
    if (record.type === 'request') {
      let method: string;
      try {
        method = httpRequestFromRecord(record).method;
      } catch {
        continue; // an unreadable request only costs the pairing
      }
      if (held && (record.concurrentTo.some((id) => held!.ids.has(id)) || (record.recordId !== undefined && held.ids.has(record.recordId)))) {
        held.page.method = method;
      }
      for (const id of [record.recordId, ...record.concurrentTo]) if (id) requests.set(id, method);
      while (requests.size > RECENT_REQUESTS) requests.delete(requests.keys().next().value!);
      continue;
    }
    if (record.type === 'metadata' || record.type === 'warcinfo') continue;
    yield* release();
    try {
      const page = pageOf(record, options, accept, cache);
      if (page) hold(page, record);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      yield errorItem(record, origin ? `${origin}: ${error.message}` : error.message);
    }
  }
  yield* release();
}

function skippedMayBePage(error: WarcError, accept: (contentType: string) => boolean): boolean {
  const { header, head } = error.skipped!;
  if (header.type === 'resource') return isPage(accept, header.contentType, head);
  if (header.type !== 'response') return false;
  const http = tryHead({ type: 'response', payload: head, offset: error.offset, ...(header.recordId && { recordId: header.recordId }) });
  // headers that do not even fit in the kept head: say so rather than drop a page silently
  if (!http) return true;
  return http.status === 200 && isPage(accept, http.headers['content-type'], head.subarray(http.bodyStart));
}

function isPage(accept: (contentType: string) => boolean, contentType: string | undefined, body: Uint8Array): boolean {
  return contentType ? accept(contentType) : looksLikeHtml(body);
}

function pageOf(
  record: WarcRecord,
  options: WarcPagesOptions,
  accept: (contentType: string) => boolean,
  cache: RevisitCache | undefined,
): WarcPage | undefined {
  const url = record.targetUri;
  if (!url) return undefined;
  const base = {
    url,
    ...(record.date && { date: record.date }),
    ...(record.recordId && { recordId: record.recordId }),
    offset: record.offset,
    ...(record.fileOffset !== undefined && { fileOffset: record.fileOffset }),
  };
  const digest = record.fields['warc-payload-digest'];

  // Heritrix stores DNS lookups as response records of type text/dns: only application/http holds an HTTP message
  const httpPayload = /^application\/http/i.test(record.contentType ?? 'application/http');
  if (record.type === 'resource' || (record.type === 'response' && !httpPayload)) {
    if (!isPage(accept, record.contentType, record.payload)) return undefined;
    cache?.add([record.recordId, digest], { body: record.payload, status: 200, ...(record.contentType && { contentType: record.contentType }) });
    return { ...base, status: 200, ...(record.contentType && { contentType: record.contentType }), body: record.payload, recordType: record.type === 'resource' ? 'resource' : 'response' };
  }

  if (record.type === 'revisit') {
    if (!cache) return undefined;
    const head = record.payload.length > 0 ? tryHead({ ...record, type: 'response' }) : undefined;
    if (head && head.status !== 200) return undefined; // e.g. 304 Not Modified: nothing new to read
    const earlier = cache.get([record.refersTo, digest]);
    if (!earlier) {
      const type = head?.headers['content-type'];
      if (type && accept(type)) {
        throw new InputError(`record ${record.recordId ?? `at offset ${record.offset}`} (${url}): revisit of a capture that is not in this file (or no longer remembered)`);
      }
      return undefined;
    }
    const contentType = head?.headers['content-type'] ?? earlier.contentType;
    return { ...base, status: 200, ...(contentType && { contentType }), body: earlier.body, recordType: 'revisit' };
  }

  if (record.type !== 'response') return undefined;
  const head = httpResponseHead(record);
  if (head.status !== 200) return undefined;
  const contentType = head.headers['content-type'] ?? record.fields['warc-identified-payload-type'];
  // decide on the declared type before paying for decompression; an undeclared one is sniffed after
  if (contentType && !accept(contentType)) return undefined;
  const body = httpResponseBody(record, head, options.maxBodyBytes);
  if (!contentType && !looksLikeHtml(body)) return undefined;
  cache?.add([record.recordId, digest], { body, status: 200, ...(contentType && { contentType }) });
  return { ...base, status: 200, ...(contentType && { contentType }), body, recordType: 'response' };
}
