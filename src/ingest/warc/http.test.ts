import assert from 'node:assert/strict';
import { test } from 'node:test';
import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { InputError } from '../decode-text.ts';
import { dechunk } from './http-body.ts';
import { httpRequestFromRecord, httpResponseFromRecord } from './http.ts';
import type { WarcRecord } from './types.ts';
import { httpRequestPayload, httpResponsePayload } from './write-warc.ts';

const HTML = '<!doctype html><html><body><p>Harbour council votes on the new ferry timetable.</p></body></html>';

function record(type: string, payload: Uint8Array | string, contentType = `application/http; msgtype=${type}`): WarcRecord {
  const bytes = typeof payload === 'string' ? Buffer.from(payload) : payload;
  return {
    version: 'WARC/1.0',
    type,
    recordId: `<urn:uuid:${type}>`,
    targetUri: 'https://news.example/story',
    contentType,
    contentLength: bytes.length,
    concurrentTo: [],
    fields: {},
    payload: bytes,
    offset: 0,
  };
}

function chunk(body: Uint8Array, sizes: number[]): Buffer {
  const parts: Buffer[] = [];
  let at = 0;
  for (const [i, size] of sizes.entries()) {
    const ext = i === 0 ? ';name=value' : '';
    parts.push(Buffer.from(`${size.toString(16)}${ext}\r\n`), Buffer.from(body.subarray(at, at + size)), Buffer.from('\r\n'));
    at += size;
  }
  parts.push(Buffer.from('0\r\nX-Trailer: yes\r\n\r\n'));
  return Buffer.concat(parts);
}

const text = (bytes: Uint8Array) => Buffer.from(bytes).toString('utf8');

test('status line and headers of a response', () => {
  const r = httpResponseFromRecord(
    record('response', httpResponsePayload({ status: 404, statusText: 'Not Found', headers: [['Content-Type', 'text/html; charset=utf-8'], ['Set-Cookie', 'a=1'], ['Set-Cookie', 'b=2']], body: 'gone' })),
  );
  assert.equal(r.status, 404);
  assert.equal(r.statusText, 'Not Found');
  assert.equal(r.httpVersion, 'HTTP/1.1');
  assert.equal(r.headers['content-type'], 'text/html; charset=utf-8');
  assert.equal(r.headers['set-cookie'], 'a=1, b=2');
  assert.equal(text(r.body), 'gone');
});

test('a chunked, gzip-encoded body is de-chunked and decompressed', () => {
  const gz = gzipSync(HTML);
  const body = chunk(gz, [10, 25, gz.length - 35]);
  const r = httpResponseFromRecord(record('response', httpResponsePayload({ status: 200, headers: { 'Transfer-Encoding': 'chunked', 'Content-Encoding': 'gzip' }, body })));
  assert.equal(text(r.body), HTML);
});

test('deflate (zlib-wrapped and raw) and brotli bodies', () => {
  for (const [coding, data] of [['deflate', deflateSync(HTML)], ['deflate', deflateRawSync(HTML)], ['br', brotliCompressSync(HTML)], ['gzip, br', brotliCompressSync(gzipSync(HTML))]] as const) {
    const r = httpResponseFromRecord(record('response', httpResponsePayload({ status: 200, headers: { 'Content-Encoding': coding }, body: data })));
    assert.equal(text(r.body), HTML, coding);
  }
});

test('bodies a crawler stored already decoded, and a gzip body cut short', () => {
  const stored = httpResponseFromRecord(record('response', httpResponsePayload({ status: 200, headers: { 'Transfer-Encoding': 'chunked', 'Content-Encoding': 'gzip' }, body: HTML })));
  assert.equal(text(stored.body), HTML);
  const long = HTML.repeat(50);
  const gz = gzipSync(long);
  const cut = httpResponseFromRecord(record('response', httpResponsePayload({ status: 200, headers: { 'Content-Encoding': 'gzip' }, body: gz.subarray(0, gz.length - 40) })));
  assert.ok(cut.body.length > 0 && long.startsWith(text(cut.body).slice(0, 1000)));
});

test('a body that decompresses past the limit is refused', () => {
  const bomb = gzipSync(Buffer.alloc(5_000_000, 0x20));
  assert.throws(
    () => httpResponseFromRecord(record('response', httpResponsePayload({ status: 200, headers: { 'Content-Encoding': 'gzip' }, body: bomb })), { maxBodyBytes: 1_000_000 }),
    (e: unknown) => e instanceof InputError && /record <urn:uuid:response> \(https:\/\/news\.example\/story\): body decompresses to more than the 976\.6 KB limit/.test(e.message),
  );
});

test('damaged compressed bodies, unknown codings and broken status lines are refused by name', () => {
  const bad = Buffer.from(gzipSync(HTML));
  bad.fill(0x41, 12, 30);
  assert.throws(() => httpResponseFromRecord(record('response', httpResponsePayload({ status: 200, headers: { 'Content-Encoding': 'gzip' }, body: bad }))), /damaged gzip body/);
  assert.throws(() => httpResponseFromRecord(record('response', httpResponsePayload({ status: 200, headers: { 'Content-Encoding': 'zstd' }, body: 'x' }))), /unsupported Content-Encoding 'zstd'/);
  assert.throws(() => httpResponseFromRecord(record('response', 'garbage here\r\n\r\nbody')), /not an HTTP status line: 'garbage here'/);
  assert.throws(() => httpResponseFromRecord(record('request', httpRequestPayload({ uri: 'https://news.example/story' }))), /a request record, not a response/);
});

test('dechunk leaves a body that is not chunked alone and keeps what arrived of a cut one', () => {
  assert.equal(text(dechunk(Buffer.from(HTML))), HTML);
  const full = chunk(Buffer.from(HTML), [20, HTML.length - 20]);
  // 15 bytes of size line, 20 of data, CRLF, a 4-byte size line, then 9 bytes of the second chunk
  assert.equal(text(dechunk(full.subarray(0, 50))), HTML.slice(0, 29));
});

test('a request: method, target and headers', () => {
  const r = httpRequestFromRecord(record('request', httpRequestPayload({ method: 'POST', uri: 'https://news.example/search?q=ferry', headers: { 'User-Agent': 'test' } })));
  assert.deepEqual([r.method, r.target, r.httpVersion, r.headers.host, r.headers['user-agent']], ['POST', '/search?q=ferry', 'HTTP/1.1', 'news.example', 'test']);
});

test('a resource is its payload as is; a revisit carries its status and what it refers to', () => {
  const resource = httpResponseFromRecord(record('resource', HTML, 'text/html'));
  assert.deepEqual([resource.status, resource.headers['content-type'], text(resource.body)], [200, 'text/html', HTML]);
  const rec = record('revisit', 'HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n');
  rec.refersTo = '<urn:uuid:original>';
  rec.fields['warc-profile'] = 'http://netpreserve.org/warc/1.0/revisit/identical-payload-digest';
  const revisit = httpResponseFromRecord(rec);
  assert.equal(revisit.status, 200);
  assert.equal(revisit.body.length, 0);
  assert.deepEqual(revisit.revisit, { profile: 'http://netpreserve.org/warc/1.0/revisit/identical-payload-digest', refersTo: '<urn:uuid:original>' });
});
