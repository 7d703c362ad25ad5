/** The address policy on real connections: literals, names, redirects and rebinding. */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { Fetcher, type FetcherOptions } from './fetcher.ts';

interface Site {
  server: Server;
  port: number;
  hits: string[];
}

async function site(host: string, answer: (path: string) => { status: number; headers?: Record<string, string>; body?: string }): Promise<Site> {
  const hits: string[] = [];
  const server = createServer((req, res) => {
    hits.push(req.url ?? '');
    const { status, headers, body } = answer(req.url ?? '');
    res.writeHead(status, { 'content-type': 'text/plain', ...headers });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  return { server, port: (server.address() as { port: number }).port, hits };
}

let a: Site; // 127.0.0.1, redirects to the others
let b: Site; // 127.0.0.1, another port
let c: Site; // 127.0.0.2

before(async () => {
  b = await site('127.0.0.1', () => ({ status: 200, body: 'b' }));
  c = await site('127.0.0.2', () => ({ status: 200, body: 'c' }));
  a = await site('127.0.0.1', (path) => {
    if (path === '/to-b') return { status: 302, headers: { location: `http://127.0.0.1:${b.port}/` } };
    if (path === '/to-c') return { status: 302, headers: { location: `http://127.0.0.2:${c.port}/` } };
    if (path === '/to-metadata') return { status: 302, headers: { location: 'http://169.254.169.254/latest/meta-data/' } };
    if (path === '/to-private-name') return { status: 302, headers: { location: 'http://intranet.test/' } };
    return { status: 200, body: 'a' };
  });
});

after(() => {
  for (const s of [a, b, c]) s.server.close();
});

function fetcher(options: FetcherOptions) {
  return new Fetcher({ ignoreRobots: true, minIntervalMs: 0, sleep: async () => {}, ...options });
}

function clearHits() {
  for (const s of [a, b, c]) s.hits.length = 0;
}

test('loopback is refused without an allow entry, before any connection', async () => {
  clearHits();
  await assert.rejects(fetcher({}).fetch(`http://127.0.0.1:${a.port}/`), {
    name: 'InputError',
    message: `http://127.0.0.1:${a.port}/: refused: 127.0.0.1 is a loopback address (allow it with --allow-host)`,
  });
  // other spellings of the same address are normalised by the URL parser or unmapped by the policy
  await assert.rejects(fetcher({}).fetch(`http://2130706433:${a.port}/`), /refused: 127\.0\.0\.1 is a loopback address/);
  await assert.rejects(fetcher({}).fetch(`http://[::ffff:127.0.0.1]:${a.port}/`), /refused: ::ffff:7f00:1 \(127\.0\.0\.1\) is a loopback address/);
  await assert.rejects(fetcher({}).fetch('http://10.0.0.5/'), { message: 'http://10.0.0.5/: refused: 10.0.0.5 is a private address (allow it with --allow-host)' });
  assert.deepEqual(a.hits, []);
});

test('a redirect to another port is refused when only the first host:port is allowed', async () => {
  clearHits();
  const onlyA = fetcher({ allow: [`127.0.0.1:${a.port}`] });
  assert.equal((await onlyA.fetch(`http://127.0.0.1:${a.port}/`)).text, 'a');
  await assert.rejects(onlyA.fetch(`http://127.0.0.1:${a.port}/to-b`), {
    message: `http://127.0.0.1:${a.port}/to-b → http://127.0.0.1:${b.port}/: refused: 127.0.0.1 is a loopback address (allow it with --allow-host)`,
  });
  assert.deepEqual(b.hits, []);
  // the same redirect goes through once b is allowed too: the refusal above was the policy, not the network
  assert.equal((await fetcher({ allow: [`127.0.0.1:${a.port}`, `127.0.0.1:${b.port}`] }).fetch(`http://127.0.0.1:${a.port}/to-b`)).text, 'b');
});

test('a redirect to another loopback address is refused when only 127.0.0.1/32 is allowed', async () => {
  clearHits();
  await assert.rejects(fetcher({ allow: ['127.0.0.1/32'] }).fetch(`http://127.0.0.1:${a.port}/to-c`), /→ http:\/\/127\.0\.0\.2:\d+\/: refused: 127\.0\.0\.2 is a loopback address/);
  assert.deepEqual(c.hits, []);
  assert.equal((await fetcher({ allow: ['127.0.0.0/8'] }).fetch(`http://127.0.0.1:${a.port}/to-c`)).text, 'c');
});

test('a redirect to the cloud metadata address is refused', async () => {
  await assert.rejects(fetcher({ allow: ['127.0.0.1'] }).fetch(`http://127.0.0.1:${a.port}/to-metadata`), {
    message: `http://127.0.0.1:${a.port}/to-metadata → http://169.254.169.254/latest/meta-data/: refused: 169.254.169.254 is a cloud metadata address (allow it with --allow-host)`,
  });
});

test('a name is checked on the address it resolves to; only allowed addresses are connected to', async () => {
  const resolved: string[] = [];
  const resolve = async (host: string) => {
    resolved.push(host);
    return host === 'intranet.test' ? ['10.0.0.5'] : ['10.0.0.5', '127.0.0.1'];
  };
  await assert.rejects(fetcher({ resolve }).fetch('http://intranet.test/'), {
    message: 'http://intranet.test/: refused: intranet.test resolves to 10.0.0.5, a private address (allow it with --allow-host)',
  });
  await assert.rejects(fetcher({ resolve, allow: ['127.0.0.1'] }).fetch(`http://127.0.0.1:${a.port}/to-private-name`), /→ http:\/\/intranet\.test\/: refused: intranet\.test resolves to 10\.0\.0\.5/);
  // of a mixed answer only the allowed address is used
  clearHits();
  assert.equal((await fetcher({ resolve, allow: ['127.0.0.1'] }).fetch(`http://mixed.test:${a.port}/`)).text, 'a');
  assert.deepEqual(a.hits, ['/']);
  assert.deepEqual(resolved, ['intranet.test', 'intranet.test', 'mixed.test']);
});

test('a name allowed by name may reach what it resolves to', async () => {
  const page = await fetcher({ allow: [`dev.test:${a.port}`], resolve: async () => ['127.0.0.1'] }).fetch(`http://dev.test:${a.port}/`);
  assert.equal(page.text, 'a');
  await assert.rejects(fetcher({ allow: ['dev.test:1'], resolve: async () => ['127.0.0.1'] }).fetch(`http://dev.test:${a.port}/`), /resolves to 127\.0\.0\.1, a loopback address/);
});

test('each connection resolves once and is checked on that answer (no rebinding gap)', async () => {
  // robots.txt and the page are two connections; the second answer turns private
  const answers = [['127.0.0.1'], ['10.0.0.5']];
  let calls = 0;
  const rebinding = fetcher({ ignoreRobots: false, allow: [`127.0.0.1:${a.port}`], resolve: async () => answers[calls++]! });
  clearHits();
  await assert.rejects(rebinding.fetch(`http://rebind.test:${a.port}/`), /rebind\.test resolves to 10\.0\.0\.5, a private address/);
  assert.equal(calls, 2);
  assert.deepEqual(a.hits, ['/robots.txt']);
});
