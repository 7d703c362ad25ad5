import assert from 'node:assert/strict';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { isWarcPageError, warcPages, type WarcPage, type WarcPageItem, type WarcPagesOptions } from './pages.ts';
import { httpRequestPayload, httpResponsePayload, warcRecordBytes, writeWarc, type WarcRecordInput } from './write-warc.ts';

const HTTP_RESPONSE = 'application/http; msgtype=response';
const HTTP_REQUEST = 'application/http; msgtype=request';

function page(title: string): string {
  return `<!doctype html><html><head><title>${title}</title></head><body><p>${title}: the ferry timetable changes next month.</p></body></html>`;
}

function chunked(body: Uint8Array): Buffer {
  const half = Math.floor(body.length / 2);
  return Buffer.concat([
    Buffer.from(`${half.toString(16)}\r\n`), Buffer.from(body.subarray(0, half)), Buffer.from('\r\n'),
    Buffer.from(`${(body.length - half).toString(16)}\r\n`), Buffer.from(body.subarray(half)), Buffer.from('\r\n0\r\n\r\n'),
  ]);
}

let n = 0;
const id = (name: string) => `<urn:uuid:${name}-${++n}>`;

function exchange(url: string, response: Parameters<typeof httpResponsePayload>[0], options: { method?: string; requestAfter?: boolean; responseId?: string } = {}): WarcRecordInput[] {
  const responseId = options.responseId ?? id('response');
  const requestId = id('request');
  const req: WarcRecordInput = { type: 'request', recordId: requestId, targetUri: url, contentType: HTTP_REQUEST, concurrentTo: responseId, payload: httpRequestPayload({ method: options.method ?? 'GET', uri: url }) };
  const res: WarcRecordInput = { type: 'response', recordId: responseId, targetUri: url, date: '2025-06-01T10:00:00Z', contentType: HTTP_RESPONSE, payload: httpResponsePayload(response) };
  return options.requestAfter ? [res, req] : [req, res];
}

function archive(): WarcRecordInput[] {
  return [
    { type: 'warcinfo', contentType: 'application/warc-fields', payload: 'software: test\r\n' },
    ...exchange('https://news.example/one', { status: 200, headers: { 'Content-Type': 'text/html; charset=utf-8', 'Transfer-Encoding': 'chunked', 'Content-Encoding': 'gzip' }, body: chunked(gzipSync(page('One'))) }, { responseId: '<urn:uuid:one>' }),
    ...exchange('https://news.example/missing', { status: 404, headers: { 'Content-Type': 'text/html' }, body: page('Not found') }),
    ...exchange('https://news.example/logo.png', { status: 200, headers: { 'Content-Type': 'image/png' }, body: 'PNG bytes' }),
    ...exchange('https://news.example/old', { status: 301, headers: { Location: 'https://news.example/one' }, body: '' }),
    ...exchange('https://news.example/search', { status: 200, headers: { 'Content-Type': 'text/html' }, body: page('Search results') }, { method: 'POST', requestAfter: true }),
    ...exchange('https://news.example/two', { status: 200, headers: {}, body: page('Two') }, { requestAfter: true }),
    { type: 'response', targetUri: 'dns:news.example', contentType: 'text/dns', payload: '20250601100000\nnews.example. 300 IN A 192.0.2.7\n' },
    { type: 'metadata', targetUri: 'https://news.example/two', contentType: 'application/warc-fields', payload: 'outlink: https://news.example/three\r\n' },
    { type: 'resource', recordId: '<urn:uuid:three>', targetUri: 'https://news.example/three', date: '2025-06-01T11:00:00Z', contentType: 'text/html', payload: page('Three') },
    {
      type: 'revisit',
      recordId: '<urn:uuid:one-again>',
      targetUri: 'https://news.example/one',
      date: '2025-06-02T10:00:00Z',
      refersTo: '<urn:uuid:one>',
      contentType: HTTP_RESPONSE,
      fields: { 'WARC-Profile': 'http://netpreserve.org/warc/1.0/revisit/identical-payload-digest' },
      payload: 'HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n',
    },
  ];
}

async function collect(bytes: Uint8Array | Uint8Array[], options?: WarcPagesOptions): Promise<WarcPageItem[]> {
  const out: WarcPageItem[] = [];
  for await (const item of warcPages(Array.isArray(bytes) ? bytes : [bytes], options)) out.push(item);
  return out;
}

const pagesOf = (items: WarcPageItem[]) => items.filter((i): i is WarcPage => !isWarcPageError(i));
const text = (bytes: Uint8Array) => Buffer.from(bytes).toString('utf8');

test('yields the HTML 200 pages, decoded, and passes over everything else', async () => {
  const items = await collect(writeWarc(archive()));
  assert.deepEqual(items.filter(isWarcPageError), []);
  const pages = pagesOf(items);
  assert.deepEqual(pages.map((p) => [p.url, p.recordType, p.status]), [
    ['https://news.example/one', 'response', 200],
    ['https://news.example/two', 'response', 200],
    ['https://news.example/three', 'resource', 200],
  ]);
  const [one, two, three] = pages as [WarcPage, WarcPage, WarcPage];
  assert.equal(text(one.body), page('One'));
  assert.equal(one.contentType, 'text/html; charset=utf-8');
  assert.equal(one.date, '2025-06-01T10:00:00Z');
  assert.equal(one.recordId, '<urn:uuid:one>');
  assert.equal(one.method, 'GET');
  assert.equal(typeof one.fileOffset, 'number');
  // no Content-Type: sniffed from the body; its request came after it
  assert.equal(text(two.body), page('Two'));
  assert.equal(two.method, 'GET');
  assert.equal(text(three.body), page('Three'));
});

test('POST responses are kept only when asked', async () => {
  const all = pagesOf(await collect(writeWarc(archive()), { allMethods: true }));
  assert.deepEqual(all.find((p) => p.url.endsWith('/search'))?.method, 'POST');
});

test('revisits: skipped by default, or given the body of the capture they repeat', async () => {
  const resolved = pagesOf(await collect(writeWarc(archive()), { revisits: 'resolve' }));
  const revisit = resolved.find((p) => p.recordType === 'revisit');
  assert.ok(revisit);
  assert.equal(revisit.url, 'https://news.example/one');
  assert.equal(revisit.date, '2025-06-02T10:00:00Z');
  assert.equal(revisit.recordId, '<urn:uuid:one-again>');
  assert.equal(text(revisit.body), page('One'));

  const orphan = archive().filter((r) => r.recordId !== '<urn:uuid:one>');
  const items = await collect(writeWarc(orphan), { revisits: 'resolve' });
  const errors = items.filter(isWarcPageError);
  assert.equal(errors.length, 1);
  assert.match(errors[0]!.error, /revisit of a capture that is not in this file/);
});

test('a corrupt record in the middle is reported in order and later pages still come', async () => {
  const records = archive();
  const parts = records.map((r) => gzipSync(warcRecordBytes(r)));
  const firstResponse = records.findIndex((r) => r.recordId === '<urn:uuid:one>');
  const damaged = Buffer.from(parts[firstResponse]!);
  damaged.fill(0, 30, 60);
  parts[firstResponse] = damaged;
  const items = await collect(Buffer.concat(parts), { origin: 'crawl.warc.gz' });
  assert.equal(items.length, 3);
  assert.ok(isWarcPageError(items[0]!));
  assert.match(items[0].error, /^crawl\.warc\.gz: record .*gzip member at compressed offset \d+/);
  assert.deepEqual(pagesOf(items).map((p) => p.url), ['https://news.example/two', 'https://news.example/three']);
});

test('an HTML page over the size limit is reported; an oversized video is passed over quietly', async () => {
  const big = 'x'.repeat(300_000);
  const records: WarcRecordInput[] = [
    ...exchange('https://news.example/video.mp4', { status: 200, headers: { 'Content-Type': 'video/mp4' }, body: big }),
    ...exchange('https://news.example/long', { status: 200, headers: { 'Content-Type': 'text/html' }, body: `<html><body>${big}</body></html>` }),
    ...exchange('https://news.example/short', { status: 200, headers: { 'Content-Type': 'text/html' }, body: page('Short') }),
  ];
  const items = await collect(writeWarc(records), { maxRecordBytes: 100_000 });
  assert.equal(items.length, 2);
  assert.ok(isWarcPageError(items[0]!));
  assert.match(items[0].error, /\(response https:\/\/news\.example\/long\) at offset \d+: skipped, its 293\.\d KB payload is over the 97\.7 KB record limit/);
  assert.deepEqual(pagesOf(items).map((p) => p.url), ['https://news.example/short']);
});

test('a body that cannot be decoded is reported against its record', async () => {
  const records = exchange('https://news.example/broken', { status: 200, headers: { 'Content-Type': 'text/html', 'Content-Encoding': 'gzip' }, body: Buffer.concat([Buffer.from([0x1f, 0x8b, 8, 0]), Buffer.alloc(40, 0x61)]) }, { responseId: '<urn:uuid:broken>' });
  const items = await collect(writeWarc(records));
  assert.equal(items.length, 1);
  assert.ok(isWarcPageError(items[0]!));
  assert.equal(items[0].recordId, '<urn:uuid:broken>');
  assert.match(items[0].error, /record <urn:uuid:broken> \(https:\/\/news\.example\/broken\): damaged gzip body/);
});
