/**
 * The server on a real loopback socket: security headers, the body limit,
 * CORS, the web app's files (and traversal attempts), URL analysis through
 * the safe fetcher, and the analysis thread.
 */
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../store/open.ts';
import type { Store } from '../store/types.ts';
import { inProcessAnalyzer } from './analyzer.ts';
import { openSqliteTokenStore } from './auth/sqlite-token-store.ts';
import type { TokenStore } from './auth/token-store.ts';
import { createToken } from './auth/tokens.ts';
import { CONTENT_SECURITY_POLICY } from './security-headers.ts';
import { startServer, type RunningServer, type ServerOptions } from './server.ts';

/** A JSON answer, loosely typed as tests read it. */
const json = async (r: Response | Promise<Response>): Promise<any> => (await r).json();

let dir: string;
let store: Store;
let tokens: TokenStore;
let token: string;
const servers: RunningServer[] = [];

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'spinscope-http-'));
  const web = join(dir, 'web');
  mkdirSync(join(web, 'assets'), { recursive: true });
  writeFileSync(join(web, 'index.html'), '<!doctype html><title>app</title><script src="/assets/app.js"></script>');
  writeFileSync(join(web, 'assets', 'app.js'), 'console.log("app");');
  writeFileSync(join(web, 'assets', 'style.css'), 'body{}');
  writeFileSync(join(web, 'logo.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  writeFileSync(join(web, '.env'), 'SECRET=dotfile');
  writeFileSync(join(dir, 'secret.txt'), 'TOP-SECRET outside the web root');
  symlinkSync(join(dir, 'secret.txt'), join(web, 'link.txt'));
  store = await openStore(':memory:');
  tokens = openSqliteTokenStore(':memory:');
  token = (await createToken(tokens, 't', 'admin')).token;
});

after(async () => {
  for (const s of servers) await s.close();
  await tokens.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

async function serve(options: Partial<ServerOptions> = {}): Promise<RunningServer> {
  const s = await startServer({
    store,
    tokens,
    port: 0,
    webRoot: join(dir, 'web'),
    analyzer: inProcessAnalyzer({ layers: ['sentences'] }),
    log: () => {},
    ...options,
  });
  servers.push(s);
  return s;
}

/** A raw request: the path goes out exactly as written (fetch would normalise `..`). */
function raw(
  url: string,
  path: string,
  options: { method?: string; headers?: Record<string, string>; chunks?: string[] } = {},
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({ host: hostname, port, path, method: options.method ?? 'GET', headers: options.headers }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (d: string) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on('error', reject);
    for (const c of options.chunks ?? []) req.write(c);
    req.end();
  });
}

describe('headers', () => {
  let s: RunningServer;
  before(async () => {
    s = await serve();
  });

  test('security headers on API answers, errors and pages alike', async () => {
    for (const path of ['/api/health', '/api/articles', '/api/nothing', '/', '/assets/app.js', '/missing.png']) {
      const r = await fetch(`${s.url}${path}`);
      await r.arrayBuffer();
      assert.equal(r.headers.get('content-security-policy'), CONTENT_SECURITY_POLICY, path);
      assert.equal(r.headers.get('x-content-type-options'), 'nosniff', path);
      assert.equal(r.headers.get('referrer-policy'), 'no-referrer', path);
      assert.equal(r.headers.get('x-frame-options'), 'DENY', path);
    }
    assert.match(CONTENT_SECURITY_POLICY, /default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'/);
    const api = await fetch(`${s.url}/api/health`);
    assert.equal(api.headers.get('cache-control'), 'no-store');
  });

  test('CORS is off by default: no Access-Control headers, preflight not answered', async () => {
    const r = await fetch(`${s.url}/api/health`, { headers: { origin: 'https://evil.example' } });
    assert.equal(r.headers.get('access-control-allow-origin'), null);
    const pre = await fetch(`${s.url}/api/articles`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' },
    });
    assert.equal(pre.headers.get('access-control-allow-origin'), null);
    assert.notEqual(pre.status, 204);
  });
});

describe('CORS with an origin', () => {
  test('that origin (only) may call, with Authorization and the CSRF header', async () => {
    const s = await serve({ cors: 'https://app.example' });
    const pre = await fetch(`${s.url}/api/articles`, {
      method: 'OPTIONS',
      headers: { origin: 'https://app.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
    });
    assert.equal(pre.status, 204);
    assert.equal(pre.headers.get('access-control-allow-origin'), 'https://app.example');
    assert.match(pre.headers.get('access-control-allow-headers')!, /Authorization/);
    assert.match(pre.headers.get('access-control-allow-headers')!, /X-CSRF-Token/);
    const get = await fetch(`${s.url}/api/articles`, { headers: { origin: 'https://app.example', authorization: `Bearer ${token}` } });
    assert.equal(get.status, 200);
    assert.equal(get.headers.get('access-control-allow-origin'), 'https://app.example');
    const other = await fetch(`${s.url}/api/health`, { headers: { origin: 'https://other.example' } });
    assert.equal(other.headers.get('access-control-allow-origin'), null);
  });
});

describe('body limit', () => {
  test('a body over the limit is 413, with or without Content-Length', async () => {
    const s = await serve({ limits: { bodyBytes: 1000 } });
    const big = JSON.stringify({ text: 'word '.repeat(400) });
    const declared = await raw(s.url, '/api/analyze', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(big)) },
      chunks: [big],
    });
    assert.equal(declared.status, 413);
    assert.equal(JSON.parse(declared.body).error.code, 'payload_too_large');
    const chunked = await raw(s.url, '/api/analyze', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      chunks: [big.slice(0, 600), big.slice(600)],
    });
    assert.equal(chunked.status, 413);
    const smallChunked = await raw(s.url, '/api/analyze', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      chunks: ['{"text": "Short.', ' Fine."}'],
    });
    assert.equal(smallChunked.status, 200, smallChunked.body);
    const empty = await raw(s.url, '/api/sources', { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' } });
    assert.equal(empty.status, 400, empty.body);
    assert.match(JSON.parse(empty.body).error.message, /not valid JSON/);
    const small = await fetch(`${s.url}/api/analyze`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'Short. Fine.' }),
    });
    assert.equal(small.status, 200);
  });
});

describe('web app files', () => {
  let s: RunningServer;
  before(async () => {
    s = await serve();
  });

  test('files with their content types; client-side routes get index.html; a missing asset is 404', async () => {
    const index = await fetch(`${s.url}/`);
    assert.equal(index.status, 200);
    assert.match(index.headers.get('content-type')!, /^text\/html/);
    assert.match(await index.text(), /<title>app<\/title>/);
    const js = await fetch(`${s.url}/assets/app.js`);
    assert.match(js.headers.get('content-type')!, /^text\/javascript/);
    assert.match(js.headers.get('cache-control')!, /immutable/);
    assert.equal(await js.text(), 'console.log("app");');
    assert.match((await fetch(`${s.url}/assets/style.css`)).headers.get('content-type')!, /^text\/css/);
    assert.equal((await fetch(`${s.url}/logo.svg`)).headers.get('content-type'), 'image/svg+xml');
    const route = await fetch(`${s.url}/articles/12`);
    assert.equal(route.status, 200);
    assert.match(await route.text(), /<title>app<\/title>/);
    const dirListing = await fetch(`${s.url}/assets/`);
    assert.equal(await dirListing.text(), '<!doctype html><title>app</title><script src="/assets/app.js"></script>', 'the app page, not a listing');
    assert.equal((await fetch(`${s.url}/assets/missing.js`)).status, 404);
    const head = await fetch(`${s.url}/assets/app.js`, { method: 'HEAD' });
    assert.equal(head.status, 200);
    assert.equal(await head.text(), '');
  });

  test('traversal, encoded traversal, dotfiles and links out of the root are refused', async () => {
    for (const path of [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/..%2fsecret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/%2e%2e%5csecret.txt',
      '/assets/%2e%2e/%2e%2e/secret.txt',
      '/.env',
      '/link.txt',
      '/%00index.html',
    ]) {
      const r = await raw(s.url, path);
      assert.ok(r.status === 400 || r.status === 404, `${path}: ${r.status}`);
      assert.doesNotMatch(r.body, /TOP-SECRET|SECRET=dotfile/, path);
    }
  });

  test('without a built web app, / says how to build it', async () => {
    const bare = await serve({ webRoot: join(dir, 'no-such-dir') });
    const r = await fetch(`${bare.url}/`);
    assert.equal(r.status, 200);
    assert.match(await r.text(), /npm run build:web/);
    assert.equal(r.headers.get('content-security-policy'), CONTENT_SECURITY_POLICY);
    assert.equal((await fetch(`${bare.url}/api/health`)).status, 200);
  });
});

describe('analysis', () => {
  let page: Server;
  let pageUrl: string;
  before(async () => {
    page = createServer((req, res) => {
      if (req.url === '/story') {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end('<html><head><title>Harbour strike</title></head><body><article><h1>Harbour strike</h1><p>Dock workers extended the strike over pay on Monday. The port authority said talks would resume.</p><p>Unions said the offer was an insult to every worker in the port.</p></article></body></html>');
      } else {
        res.writeHead(404).end('not here');
      }
    });
    await new Promise<void>((resolve) => page.listen(0, '127.0.0.1', resolve));
    pageUrl = `http://127.0.0.1:${(page.address() as { port: number }).port}`;
  });
  after(() => new Promise<void>((resolve) => page.close(() => resolve())));

  const analyze = (s: RunningServer, body: unknown) =>
    fetch(`${s.url}/api/analyze`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });

  test('a URL is fetched through the safe fetcher, extracted and analysed; store: true keeps it', async () => {
    const logged: string[] = [];
    const s = await serve({ allowHosts: ['127.0.0.1'], log: (l) => logged.push(l) });
    const r = await analyze(s, { url: `${pageUrl}/story`, store: true });
    const body = await json(r);
    assert.equal(r.status, 200, `${JSON.stringify(body)} ${logged.join('\n')}`);
    assert.equal(body.analysis.source.kind, 'url');
    assert.equal(body.analysis.source.url, `${pageUrl}/story`);
    assert.match(body.analysis.text, /Dock workers extended the strike/);
    const stored = await json(fetch(`${s.url}/api/articles/${body.articleId}`, { headers: { authorization: `Bearer ${token}` } }));
    assert.equal(stored.article.url, `${pageUrl}/story`);
    const missing = await analyze(s, { url: `${pageUrl}/gone` });
    assert.equal(missing.status, 422);
    const error = (await json(missing)).error;
    assert.equal(error.code, 'fetch_failed');
    assert.match(error.message, /404/);
  });

  test('the server’s own analysis thread answers, and closes with the server', async () => {
    const s = await startServer({ store, tokens, port: 0, webRoot: null, pipeline: { layers: ['sentences'] }, log: () => {} });
    try {
      const [a, b] = await Promise.all([analyze(s, { text: 'First. Second.' }), analyze(s, { text: 'Only one.' })]);
      assert.equal(a.status, 200);
      assert.equal((await json(a)).analysis.layers.sentences.spans.length, 2);
      assert.equal((await json(b)).analysis.layers.sentences.spans.length, 1);
      const bad = await analyze(s, { text: 'x', layers: ['nope'] });
      assert.equal(bad.status, 400);
    } finally {
      await s.close();
    }
  });
});
