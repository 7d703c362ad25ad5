/** Bodies, encodings, limits, redirects and timeouts, against real loopback servers. */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { Fetcher, type FetcherOptions } from './fetcher.ts';

const ARTICLE = '<!doctype html><html><head><title>T</title></head><body><p>The minister said the talks had failed.</p></body></html>';
const routes = new Map<string, (req: IncomingMessage, res: ServerResponse) => void>();
const server = createServer((req, res) => {
  const route = routes.get(req.url ?? '');
  if (route) return route(req, res);
  res.writeHead(404, { 'content-type': 'text/plain' });
  res.end('no');
});
let base = '';

function route(path: string, handler: (req: IncomingMessage, res: ServerResponse) => void) {
  routes.set(path, handler);
}

function send(status: number, headers: Record<string, string | number>, body?: Buffer | string) {
  return (_req: IncomingMessage, res: ServerResponse) => {
    res.writeHead(status, headers);
    res.end(body);
  };
}

before(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});

after(() => {
  server.closeAllConnections();
  server.close();
});

/** Loopback allowed, no robots.txt, no politeness waits: these tests are about one request. */
function fetcher(options: FetcherOptions = {}) {
  return new Fetcher({ allow: ['127.0.0.1'], ignoreRobots: true, minIntervalMs: 0, sleep: async () => {}, ...options });
}

test('a plain page comes back with status, lowercased headers, bytes, text and metadata', async () => {
  route('/plain', send(200, { 'Content-Type': 'text/html; charset=utf-8', ETag: '"a1"', 'Last-Modified': 'Mon, 02 Mar 2026 10:00:00 GMT', 'X-Custom': 'yes' }, ARTICLE));
  const now = Date.parse('2026-03-02T12:00:00Z');
  const page = await fetcher({ now: () => now }).fetch(`${base}/plain`);
  assert.equal(page.status, 200);
  assert.equal(page.url, `${base}/plain`);
  assert.equal(page.finalUrl, `${base}/plain`);
  assert.equal(page.contentType, 'text/html');
  assert.equal(page.charset, 'utf-8');
  assert.equal(page.text, ARTICLE);
  assert.deepEqual(Buffer.from(page.bytes), Buffer.from(ARTICLE));
  assert.equal(page.headers['x-custom'], 'yes');
  assert.equal(page.etag, '"a1"');
  assert.equal(page.lastModified, 'Mon, 02 Mar 2026 10:00:00 GMT');
  assert.equal(page.notModified, false);
  assert.deepEqual(page.redirects, []);
  assert.equal(page.fetchedAt, '2026-03-02T12:00:00.000Z');
});

test('the request says who we are and what we accept', async () => {
  let seen: IncomingMessage['headers'] = {};
  route('/echo', (req, res) => {
    seen = req.headers;
    res.end('ok');
  });
  await fetcher().fetch(`${base}/echo`);
  assert.equal(seen['user-agent'], 'spinscope/0.1 (+https://github.com/spinscope/spinscope)');
  assert.equal(seen['accept-encoding'], 'gzip, deflate, br');
  assert.match(seen.accept ?? '', /text\/html/);
});

test('gzip, deflate (zlib and raw) and br bodies are decompressed', async () => {
  const body = Buffer.from(ARTICLE);
  route('/gzip', send(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' }, gzipSync(body)));
  route('/deflate', send(200, { 'content-type': 'text/html', 'content-encoding': 'deflate' }, deflateSync(body)));
  route('/raw-deflate', send(200, { 'content-type': 'text/html', 'content-encoding': 'deflate' }, deflateRawSync(body)));
  route('/br', send(200, { 'content-type': 'text/html', 'content-encoding': 'br' }, brotliCompressSync(body)));
  route('/twice', send(200, { 'content-type': 'text/html', 'content-encoding': 'gzip, br' }, brotliCompressSync(gzipSync(body))));
  for (const path of ['/gzip', '/deflate', '/raw-deflate', '/br', '/twice']) {
    assert.equal((await fetcher().fetch(`${base}${path}`)).text, ARTICLE, path);
  }
  route('/zstd', send(200, { 'content-encoding': 'zstd' }, 'xx'));
  await assert.rejects(fetcher().fetch(`${base}/zstd`), { name: 'InputError', message: `${base}/zstd: unsupported content encoding 'zstd'` });
});

test('a gzip bomb is refused by the ratio limit, and by the size cap when the ratio is off', async () => {
  const bomb = gzipSync(Buffer.alloc(50 * 1024 * 1024), { level: 9 });
  route('/bomb', send(200, { 'content-type': 'text/html', 'content-encoding': 'gzip', 'content-length': bomb.length }, bomb));
  await assert.rejects(fetcher().fetch(`${base}/bomb`), { message: `${base}/bomb: refused: the compressed body expands more than 100 times (a decompression bomb?)` });
  await assert.rejects(fetcher({ maxRatio: Infinity }).fetch(`${base}/bomb`), { message: `${base}/bomb: larger than the 10.0 MB limit (raise it with --max-bytes)` });
});

test('truncated or corrupt gzip gives a clear error', async () => {
  const whole = gzipSync(Buffer.from(ARTICLE.repeat(20)));
  route('/truncated', send(200, { 'content-encoding': 'gzip' }, whole.subarray(0, whole.length - 20)));
  await assert.rejects(fetcher().fetch(`${base}/truncated`), { message: `${base}/truncated: gzip body is truncated (the compressed data ends early)` });
  route('/corrupt', send(200, { 'content-encoding': 'gzip' }, Buffer.from('this is not gzip at all')));
  await assert.rejects(fetcher().fetch(`${base}/corrupt`), { message: /\/corrupt: gzip body is corrupt \(/ });
});

test('oversized bodies are refused with and without Content-Length', async () => {
  route('/declared', (_req, res) => {
    res.writeHead(200, { 'content-length': 11 * 1024 * 1024 });
    res.write('a'); // the header alone must be enough to refuse
  });
  await assert.rejects(fetcher().fetch(`${base}/declared`), { message: `${base}/declared: larger than the 10.0 MB limit (raise it with --max-bytes)` });
  route('/chunked', (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    for (let i = 0; i < 10; i++) res.write('x'.repeat(500));
    res.end();
  });
  await assert.rejects(fetcher({ maxBytes: 1000 }).fetch(`${base}/chunked`), { message: `${base}/chunked: larger than the 1000 bytes limit (raise it with --max-bytes)` });
  assert.equal((await fetcher({ maxBytes: 5000 }).fetch(`${base}/chunked`)).bytes.length, 5000);
});

test('charsets: header, <meta>, http-equiv, XML declaration; invalid UTF-8 in a page is replaced, raw bytes kept', async () => {
  const privet = Buffer.from([0xcf, 0xf0, 0xe8, 0xe2, 0xe5, 0xf2]); // "Привет" in windows-1251
  route('/cp1251', send(200, { 'content-type': 'text/plain; charset=windows-1251' }, privet));
  route('/meta', send(200, { 'content-type': 'text/html' }, Buffer.concat([Buffer.from('<html><head><meta charset="windows-1251"></head><body>'), privet])));
  const koi = Buffer.from([0xf0, 0xd2, 0xc9, 0xd7, 0xc5, 0xd4]); // "Привет" in koi8-r
  route('/equiv', send(200, { 'content-type': 'text/html' }, Buffer.concat([Buffer.from('<meta http-equiv="content-type" content="text/html; charset=koi8-r">'), koi])));
  route('/xml', send(200, { 'content-type': 'application/rss+xml' }, Buffer.concat([Buffer.from('<?xml version="1.0" encoding="windows-1251"?><t>'), privet, Buffer.from('</t>')])));
  route('/sjis', send(200, { 'content-type': 'text/plain; charset=shift_jis' }, Buffer.from([0x93, 0xfa, 0x96, 0x7b])));
  route('/broken', send(200, { 'content-type': 'text/html' }, Buffer.from([0x3c, 0x70, 0x3e, 0x61, 0xff, 0x62])));
  assert.equal((await fetcher().fetch(`${base}/cp1251`)).text, 'Привет');
  const meta = await fetcher().fetch(`${base}/meta`);
  assert.equal(meta.charset, 'windows-1251');
  assert.match(meta.text, /<body>Привет$/);
  assert.match((await fetcher().fetch(`${base}/equiv`)).text, /Привет$/);
  assert.equal((await fetcher().fetch(`${base}/xml`)).text, '<?xml version="1.0" encoding="windows-1251"?><t>Привет</t>');
  assert.equal((await fetcher().fetch(`${base}/sjis`)).text, '日本');
  const broken = await fetcher().fetch(`${base}/broken`);
  assert.equal(broken.text, '<p>a\uFFFDb');
  assert.deepEqual([...broken.bytes], [0x3c, 0x70, 0x3e, 0x61, 0xff, 0x62]);
});

test('redirects: a chain is followed and listed; loops, long chains and other schemes are refused', async () => {
  route('/r1', send(301, { location: '/r2' }));
  route('/r2', send(302, { location: `${base}/r3` }));
  route('/r3', send(307, { location: '/plain' }));
  const page = await fetcher().fetch(`${base}/r1`);
  assert.equal(page.finalUrl, `${base}/plain`);
  assert.deepEqual(page.redirects, [`${base}/r2`, `${base}/r3`, `${base}/plain`]);
  assert.equal(page.status, 200);

  route('/loop-a', send(302, { location: '/loop-b' }));
  route('/loop-b', send(302, { location: '/loop-a' }));
  await assert.rejects(fetcher().fetch(`${base}/loop-a`), { message: `${base}/loop-a: redirect loop (back to ${base}/loop-a)` });

  for (let i = 0; i < 7; i++) route(`/hop${i}`, send(302, { location: `/hop${i + 1}` }));
  route('/hop7', send(200, {}, 'arrived'));
  await assert.rejects(fetcher().fetch(`${base}/hop0`), { message: `${base}/hop0: more than 5 redirects` });
  assert.equal((await fetcher({ maxRedirects: 7 }).fetch(`${base}/hop0`)).text, 'arrived');

  route('/to-file', send(302, { location: 'file:///etc/passwd' }));
  await assert.rejects(fetcher().fetch(`${base}/to-file`), { message: `${base}/to-file: redirect to file:///etc/passwd, which is not an http or https URL` });
});

test('error statuses, bad URLs and other schemes are one line each', async () => {
  await assert.rejects(fetcher().fetch(`${base}/missing`), { name: 'InputError', message: `${base}/missing: server answered 404 Not Found` });
  await assert.rejects(fetcher().fetch('not a url'), { message: 'not a url: not a valid URL' });
  await assert.rejects(fetcher().fetch('ftp://example.org/x'), { message: 'ftp://example.org/x: only http and https URLs can be fetched' });
});

test('a server that never answers, or stalls mid-body, times out', async () => {
  route('/silent', () => {});
  await assert.rejects(fetcher({ timeoutMs: 150 }).fetch(`${base}/silent`), { message: `${base}/silent: no answer within 0.15 s` });
  route('/stall', (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.write('first part…');
  });
  await assert.rejects(fetcher({ timeoutMs: 150 }).fetch(`${base}/stall`), { message: `${base}/stall: no answer within 0.15 s` });
});

test('a connection that cannot be made in time gives up', async () => {
  const never = new Fetcher({ allow: ['slow.test'], ignoreRobots: true, connectTimeoutMs: 100, resolve: () => new Promise<string[]>(() => {}) });
  await assert.rejects(never.fetch('http://slow.test/'), { message: 'http://slow.test/: could not connect within 0.1 s' });
});

test('credentials in the URL are sent to that origin but never shown', async () => {
  let auth: string | undefined;
  route('/private', (req, res) => {
    auth = req.headers.authorization;
    res.end('members only');
  });
  const withUser = base.replace('http://', 'http://reader:s3cret@');
  const page = await fetcher().fetch(`${withUser}/private`);
  assert.equal(auth, `Basic ${Buffer.from('reader:s3cret').toString('base64')}`);
  assert.equal(page.url, `${base}/private`);
  await assert.rejects(fetcher().fetch(`${withUser}/missing`), (error: Error) => !error.message.includes('s3cret') && /server answered 404/.test(error.message));
});
