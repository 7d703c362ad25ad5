/** robots.txt, retries, conditional GET and per-host spacing, on a loopback server with injected time. */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { Fetcher, type FetcherOptions } from './fetcher.ts';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** A fake clock: sleeping moves it forward at once, and every sleep is recorded. */
function fakeTime(start = Date.parse('2026-03-02T12:00:00Z')) {
  const clock = { t: start, sleeps: [] as number[] };
  return {
    clock,
    now: () => clock.t,
    sleep: async (ms: number) => {
      clock.sleeps.push(ms);
      clock.t += ms;
    },
  };
}

let robots: Handler = (_req, res) => {
  res.writeHead(404);
  res.end();
};
const routes = new Map<string, Handler>();
/** Path and fake time of every request the server saw, robots.txt included. */
let log: { path: string; at: number }[] = [];
let now = () => 0;
const server = createServer((req, res) => {
  log.push({ path: req.url ?? '', at: now() });
  if (req.url === '/robots.txt') return robots(req, res);
  const route = routes.get(req.url ?? '');
  if (route) return route(req, res);
  res.writeHead(200, { 'content-type': 'text/plain' });
  res.end(`page ${req.url}`);
});
let base = '';

before(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});

after(() => server.close());

function setup(options: FetcherOptions = {}, robotsTxt?: string | number) {
  const time = fakeTime();
  now = time.now;
  log = [];
  robots = (_req, res) => {
    if (typeof robotsTxt === 'number' || robotsTxt === undefined) res.writeHead(robotsTxt ?? 404);
    else res.writeHead(200, { 'content-type': 'text/plain' });
    res.end(typeof robotsTxt === 'string' ? robotsTxt : undefined);
  };
  const fetcher = new Fetcher({ allow: ['127.0.0.1'], now: time.now, sleep: time.sleep, random: () => 0.5, ...options });
  return { fetcher, clock: time.clock };
}

const paths = () => log.map((entry) => entry.path);

test('robots.txt is fetched once per origin and obeyed', async () => {
  const { fetcher } = setup({ minIntervalMs: 0 }, 'User-agent: *\nDisallow: /private\n');
  assert.equal((await fetcher.fetch(`${base}/news/1`)).text, 'page /news/1');
  await assert.rejects(fetcher.fetch(`${base}/private/memo`), { name: 'InputError', message: `${base}/private/memo: blocked by robots.txt` });
  assert.equal((await fetcher.fetch(`${base}/news/2`)).text, 'page /news/2');
  assert.deepEqual(paths(), ['/robots.txt', '/news/1', '/news/2']);
});

test('a redirect into a disallowed path is blocked too', async () => {
  routes.set('/go', (_req, res) => {
    res.writeHead(302, { location: '/private/x' });
    res.end();
  });
  const { fetcher } = setup({ minIntervalMs: 0 }, 'User-agent: *\nDisallow: /private\n');
  await assert.rejects(fetcher.fetch(`${base}/go`), { message: `${base}/go → ${base}/private/x: blocked by robots.txt` });
  assert.deepEqual(paths(), ['/robots.txt', '/go']);
});

test('a missing robots.txt allows all; a 5xx one blocks for now; ignoreRobots skips it', async () => {
  assert.equal((await setup({}, 404).fetcher.fetch(`${base}/a`)).status, 200);
  const down = setup({}, 503);
  await assert.rejects(down.fetcher.fetch(`${base}/a`), {
    message: `${base}/a: blocked by robots.txt (it answered 503 Service Unavailable; try again later)`,
  });
  assert.deepEqual(paths(), ['/robots.txt']);
  // after the short wait it is asked again
  down.clock.t += 61_000;
  await assert.rejects(down.fetcher.fetch(`${base}/a`), /blocked by robots\.txt/);
  assert.deepEqual(paths(), ['/robots.txt', '/robots.txt']);
  const ignoring = setup({ ignoreRobots: true }, 'User-agent: *\nDisallow: /\n');
  assert.equal((await ignoring.fetcher.fetch(`${base}/a`)).status, 200);
  assert.deepEqual(paths(), ['/a']);
});

test('requests to one host are spaced by the minimum interval; robots.txt and redirect hops do not wait', async () => {
  routes.set('/moved', (_req, res) => {
    res.writeHead(301, { location: '/landing' });
    res.end();
  });
  const { fetcher, clock } = setup({}, 404);
  await fetcher.fetch(`${base}/1`);
  clock.t += 300; // the caller did something else for a while
  await fetcher.fetch(`${base}/2`);
  await fetcher.fetch(`${base}/moved`);
  await fetcher.fetch(`${base}/3`);
  assert.deepEqual(paths(), ['/robots.txt', '/1', '/2', '/moved', '/landing', '/3']);
  const at = Object.fromEntries(log.map((entry) => [entry.path, entry.at - log[0]!.at]));
  assert.deepEqual(at, { '/robots.txt': 0, '/1': 0, '/2': 1000, '/moved': 2000, '/landing': 2000, '/3': 3000 });
  assert.deepEqual(clock.sleeps, [700, 1000, 1000]);
});

test('concurrent requests to one host queue behind each other', async () => {
  const { fetcher, clock } = setup({}, 404);
  const frozen = clock.t;
  const pages = await Promise.all([1, 2, 3].map((n) => fetcher.fetch(`${base}/c${n}`)));
  assert.deepEqual(pages.map((p) => p.text).sort(), ['page /c1', 'page /c2', 'page /c3']);
  assert.deepEqual(clock.sleeps, [1000, 1000]);
  assert.equal(clock.t - frozen, 2000);
  assert.deepEqual(paths().filter((p) => p === '/robots.txt'), ['/robots.txt']); // one robots.txt request shared by all three
});

test('a larger Crawl-delay wins over the minimum interval', async () => {
  const { fetcher, clock } = setup({}, 'User-agent: *\nCrawl-delay: 5\n');
  await fetcher.fetch(`${base}/1`);
  await fetcher.fetch(`${base}/2`);
  assert.deepEqual(clock.sleeps, [5000]);
});

test('429 with Retry-After is retried after the time it asks for', async () => {
  let calls = 0;
  routes.set('/busy', (_req, res) => {
    if (++calls === 1) res.writeHead(429, { 'retry-after': '2' }).end();
    else res.writeHead(200, { 'content-type': 'text/plain' }).end('finally');
  });
  const { fetcher, clock } = setup({ ignoreRobots: true }, 404);
  assert.equal((await fetcher.fetch(`${base}/busy`)).text, 'finally');
  assert.equal(calls, 2);
  assert.deepEqual(clock.sleeps, [2000]);
  routes.set('/too-busy', (_req, res) => res.writeHead(429, { 'retry-after': '3600' }).end());
  await assert.rejects(fetcher.fetch(`${base}/too-busy`), { message: `${base}/too-busy: server answered 429 Too Many Requests and asks to wait 3600 s` });
});

test('503 forever gives up after the attempts, backing off exponentially', async () => {
  let calls = 0;
  routes.set('/down', (_req, res) => {
    calls++;
    res.writeHead(503).end();
  });
  const { fetcher, clock } = setup({ ignoreRobots: true, minIntervalMs: 0 }, 404);
  await assert.rejects(fetcher.fetch(`${base}/down`), { message: `${base}/down: server answered 503 Service Unavailable after 3 attempts` });
  assert.equal(calls, 3);
  assert.deepEqual(clock.sleeps, [750, 1500]); // base 1 s doubling, half jittered with random() = 0.5
  calls = 0;
  await assert.rejects(setup({ ignoreRobots: true, maxAttempts: 1 }).fetcher.fetch(`${base}/down`), { message: `${base}/down: server answered 503 Service Unavailable` });
  assert.equal(calls, 1);
});

test('a dropped connection is retried; a 404 is not', async () => {
  let calls = 0;
  routes.set('/flaky', (req, res) => {
    if (++calls === 1) req.socket.destroy();
    else res.end('steady now');
  });
  const { fetcher } = setup({ ignoreRobots: true, minIntervalMs: 0 }, 404);
  assert.equal((await fetcher.fetch(`${base}/flaky`)).text, 'steady now');
  assert.equal(calls, 2);
  let missing = 0;
  routes.set('/gone', (_req, res) => {
    missing++;
    res.writeHead(404).end();
  });
  await assert.rejects(fetcher.fetch(`${base}/gone`), { message: `${base}/gone: server answered 404 Not Found` });
  assert.equal(missing, 1);
});

test('conditional GET sends the validators and a 304 comes back as notModified', async () => {
  let seen: IncomingMessage['headers'] = {};
  routes.set('/feed', (req, res) => {
    seen = req.headers;
    if (req.headers['if-none-match'] === '"v7"') return res.writeHead(304, { etag: '"v7"' }).end();
    res.writeHead(200, { etag: '"v7"', 'last-modified': 'Mon, 02 Mar 2026 10:00:00 GMT', 'content-type': 'text/plain' }).end('items');
  });
  const { fetcher } = setup({ ignoreRobots: true, minIntervalMs: 0 }, 404);
  const first = await fetcher.fetch(`${base}/feed`);
  assert.equal(first.notModified, false);
  assert.equal(first.text, 'items');
  const again = await fetcher.fetch(`${base}/feed`, { etag: first.etag!, lastModified: first.lastModified! });
  assert.equal(seen['if-none-match'], '"v7"');
  assert.equal(seen['if-modified-since'], 'Mon, 02 Mar 2026 10:00:00 GMT');
  assert.equal(again.notModified, true);
  assert.equal(again.status, 304);
  assert.equal(again.text, '');
  assert.equal(again.bytes.length, 0);
  assert.equal(again.etag, '"v7"');
  assert.equal(again.lastModified, 'Mon, 02 Mar 2026 10:00:00 GMT');
});
