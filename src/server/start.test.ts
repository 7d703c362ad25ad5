/**
 * What `spinscope start` does, on a temporary SQLite file: the first run
 * ingests and analyses the bundled examples, prints a first admin token once
 * and serves; a second run adds nothing and prints no token.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { serverOptions } from '../cli/commands/serve.ts';
import { UsageError } from '../cli/errors.ts';
import { bundledExamples } from '../examples.ts';
import { launch } from './launch.ts';
import { isLoopback, urlFor, type RunningServer } from './server.ts';

/** A JSON answer, loosely typed as tests read it. */
const json = async (r: Response | Promise<Response>): Promise<any> => (await r).json();

let dir: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'spinscope-start-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

/** Runs launch until `use` is done with the server; returns what it wrote on stderr. */
async function startOnce(use: (server: RunningServer, stderr: () => string) => Promise<void>): Promise<string> {
  const stderr = new PassThrough();
  let text = '';
  stderr.setEncoding('utf8').on('data', (d: string) => (text += d));
  let stop!: () => void;
  const stopped = new Promise<void>((resolve) => (stop = resolve));
  let failure: unknown;
  const running = launch({
    storeUrl: join(dir, 'spinscope.db'),
    port: 0,
    webRoot: null,
    examples: bundledExamples(),
    layers: ['techniques'],
    stderr,
    stop: stopped,
    onListening: (server) => {
      use(server, () => text).catch((e) => (failure = e)).finally(stop);
    },
  });
  await running;
  if (failure) throw failure;
  return text;
}

const examples = readdirSync(bundledExamples()).filter((n) => n.endsWith('.txt')).length;

test('first start: examples analysed into the store, first admin token printed once, API served', async () => {
  let adminToken = '';
  const stderr = await startOnce(async (server, err) => {
    adminToken = /\n {4}(spn_[A-Za-z0-9_-]{43})\n/.exec(err())?.[1] ?? '';
    assert.ok(adminToken, `a token on stderr: ${err()}`);
    assert.match(err(), new RegExp(`serving ${server.url.replace(/[.]/g, '\\.')} — open it and sign in with the token above`));
    const auth = { authorization: `Bearer ${adminToken}` };
    const stats = await json(fetch(`${server.url}/api/stats`, { headers: auth }));
    assert.equal(stats.tables.articles, examples);
    assert.equal(stats.tables.analyses, examples);
    const rates = await json(fetch(`${server.url}/api/dashboards/techniques?by=total`, { headers: auth }));
    assert.ok(rates.length > 0, 'technique rates from the analysed examples');
    const search = await json(fetch(`${server.url}/api/articles?q=grain`, { headers: auth }));
    assert.ok(search.total >= 1);
    assert.match(search.items[0].title, /grain/i, 'the headline became the title');
    const tokens = await json(fetch(`${server.url}/api/tokens`, { headers: auth }));
    assert.deepEqual(tokens.map((t: { name: string; role: string }) => [t.name, t.role]), [['first admin', 'admin']]);
  });
  assert.match(stderr, new RegExp(`analysing the ${examples} example articles`));
  assert.match(stderr, new RegExp(`\\[${examples}/${examples}\\]`));
  assert.match(stderr, /shown only this once/);
  assert.match(stderr, /stopping/);

  const again = await startOnce(async (server) => {
    const auth = { authorization: `Bearer ${adminToken}` };
    const stats = await json(fetch(`${server.url}/api/stats`, { headers: auth }));
    assert.equal(stats.tables.articles, examples, 'no duplicates');
    assert.equal(stats.tables.analyses, examples, 'not analysed again');
  });
  assert.doesNotMatch(again, /analysing/);
  assert.doesNotMatch(again, /spn_/, 'no token the second time');
  assert.match(again, /sign in with an API token/);
});

test('serve and start options are checked before anything opens', () => {
  assert.deepEqual(serverOptions({ port: '0', host: '127.0.0.1', cors: 'https://app.example' }), { port: 0, host: '127.0.0.1', cors: 'https://app.example' });
  assert.deepEqual(serverOptions({ 'rate-limit': '50' }).limits, { requests: { rate: 50, burst: 100 } });
  assert.throws(() => serverOptions({ port: '70000' }), UsageError);
  assert.throws(() => serverOptions({ port: 'eighty' }), UsageError);
  assert.throws(() => serverOptions({ cors: 'https://app.example/path' }), UsageError);
  assert.throws(() => serverOptions({ cors: '*' }), UsageError);
  assert.throws(() => serverOptions({ 'rate-limit': '0' }), UsageError);
  assert.throws(() => serverOptions({ 'allow-host': ['not a host'] }), UsageError);
});

test('loopback is told apart from addresses other machines can reach', () => {
  for (const h of ['127.0.0.1', 'localhost', '::1', '[::1]', '127.8.9.10']) assert.equal(isLoopback(h), true, h);
  for (const h of ['0.0.0.0', '::', '192.168.1.10', 'example.com']) assert.equal(isLoopback(h), false, h);
  assert.equal(urlFor('::1', 8080), 'http://[::1]:8080');
  assert.equal(urlFor('0.0.0.0', 80), 'http://127.0.0.1:80');
});

test('start keeps the feeds it is given ingested and analysed while it serves', async () => {
  const { startNewsSite } = await import('../jobs/testing/news-site.ts');
  const { waitFor } = await import('../jobs/testing/wait.ts');
  const site = await startNewsSite({ articles: 3, seed: 5 });
  const stderr = new PassThrough();
  let text = '';
  stderr.setEncoding('utf8').on('data', (d: string) => (text += d));
  let stop!: () => void;
  const stopped = new Promise<void>((resolve) => (stop = resolve));
  let failure: unknown;
  try {
    await launch({
      storeUrl: join(dir, 'feeds.db'),
      port: 0,
      webRoot: null,
      layers: ['techniques'],
      ingest: true,
      feeds: [site.feedUrl],
      allowHosts: ['127.0.0.1'],
      stderr,
      stop: stopped,
      onListening: (server) => {
        (async () => {
          const token = /\n {4}(spn_[A-Za-z0-9_-]{43})\n/.exec(text)?.[1] ?? '';
          const auth = { authorization: `Bearer ${token}` };
          const stats = await waitFor('the feed articles analysed', () => json(fetch(`${server.url}/api/stats`, { headers: auth })), (s) => s.tables.analyses >= 3, 90_000);
          assert.equal(stats.tables.articles, 3);
          const found = await json(fetch(`${server.url}/api/articles?q=${encodeURIComponent(site.articles[0]!.title.split(' ')[0]!)}`, { headers: auth }));
          assert.ok(found.total >= 1, 'a feed article is searchable');
        })()
          .catch((e) => (failure = e))
          .finally(stop);
      },
    });
  } finally {
    await site.close();
  }
  if (failure) throw failure;
  assert.match(text, /following 1 feed/);
  assert.match(text, /ingesting 1 feed continuously/);
});
