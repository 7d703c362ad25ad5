/** Access control: roles, hashed token storage, token management, sessions with CSRF, rate limits. */
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openSqliteTokenStore } from './auth/sqlite-token-store.ts';
import { createToken, ensureFirstAdmin, hashToken } from './auth/tokens.ts';
import { call, fixtureApp, type Fixture } from './test-support.ts';

const plenty = { rate: 1e6, burst: 1e6 };

describe('roles', () => {
  let f: Fixture;
  before(async () => {
    f = await fixtureApp({ limits: { requests: plenty, analyze: plenty, anonymous: plenty } });
  });
  after(() => f.close());

  test('no token, a malformed header, an unknown token: 401 with WWW-Authenticate', async () => {
    const none = await call(f.app, 'GET', '/api/articles');
    assert.equal(none.status, 401);
    assert.equal(none.body.error.code, 'unauthorized');
    assert.match(none.headers.get('www-authenticate')!, /^Bearer/);
    const basic = await call(f.app, 'GET', '/api/articles', { headers: { authorization: 'Basic dXNlcjpwYXNz' } });
    assert.equal(basic.status, 401);
    assert.match(basic.body.error.message, /Bearer <token>/);
    const unknown = await call(f.app, 'GET', '/api/articles', { token: 'spn_not-a-real-token' });
    assert.equal(unknown.status, 401);
  });

  test('read can read but not write; write cannot manage tokens; admin can', async () => {
    assert.equal((await call(f.app, 'GET', '/api/articles', { token: f.token.read })).status, 200);
    const readPost = await call(f.app, 'POST', '/api/sources', { token: f.token.read, body: { domain: 'x.example' } });
    assert.equal(readPost.status, 403);
    assert.equal(readPost.body.error.code, 'forbidden');
    assert.match(readPost.body.error.message, /needs the write role; the token has read/);
    assert.equal((await call(f.app, 'POST', '/api/feeds', { token: f.token.read, body: { url: 'https://x.example/rss' } })).status, 403);
    const store = await call(f.app, 'POST', '/api/analyze', { token: f.token.read, body: { text: 'Hello there.', store: true } });
    assert.equal(store.status, 403, 'storing an analysis needs write');
    assert.equal((await call(f.app, 'POST', '/api/sources', { token: f.token.write, body: { domain: 'x.example' } })).status, 200);
    assert.equal((await call(f.app, 'GET', '/api/tokens', { token: f.token.write })).status, 403);
    assert.equal((await call(f.app, 'POST', '/api/tokens', { token: f.token.write, body: { name: 'x', role: 'read' } })).status, 403);
    assert.equal((await call(f.app, 'DELETE', '/api/tokens/1', { token: f.token.write })).status, 403);
    assert.equal((await call(f.app, 'GET', '/api/tokens', { token: f.token.admin })).status, 200);
  });

  test('admin creates a token (shown once), lists it without the secret, deletes it: it stops working at once', async () => {
    const created = await call(f.app, 'POST', '/api/tokens', { token: f.token.admin, body: { name: 'ci', role: 'write' } });
    assert.equal(created.status, 201, created.text);
    assert.match(created.body.token, /^spn_[A-Za-z0-9_-]{43}$/);
    assert.equal(created.body.info.role, 'write');
    const listed = await call(f.app, 'GET', '/api/tokens', { token: f.token.admin });
    assert.ok(listed.body.some((t: { id: number; name: string }) => t.id === created.body.info.id && t.name === 'ci'));
    assert.ok(!listed.text.includes(created.body.token), 'the list never shows a token');
    assert.ok(!listed.text.includes(hashToken(created.body.token)), 'nor its hash');
    assert.equal((await call(f.app, 'GET', '/api/stats', { token: created.body.token })).status, 200);
    const used = (await call(f.app, 'GET', '/api/tokens', { token: f.token.admin })).body.find((t: { id: number }) => t.id === created.body.info.id);
    assert.equal(used.lastUsedAt, new Date(f.clock.now()).toISOString(), 'last use is recorded');
    const deleted = await call(f.app, 'DELETE', `/api/tokens/${created.body.info.id}`, { token: f.token.admin });
    assert.equal(deleted.status, 200);
    assert.equal((await call(f.app, 'GET', '/api/stats', { token: created.body.token })).status, 401, 'revoked without waiting for the cache');
    assert.equal((await call(f.app, 'DELETE', `/api/tokens/${created.body.info.id}`, { token: f.token.admin })).status, 404);
    const bad = await call(f.app, 'POST', '/api/tokens', { token: f.token.admin, body: { name: 'x', role: 'root' } });
    assert.equal(bad.status, 400);
    assert.match(bad.body.error.message, /body\.role/);
  });

  test('the last admin token cannot be deleted', async () => {
    const admins = (await call(f.app, 'GET', '/api/tokens', { token: f.token.admin })).body.filter((t: { role: string }) => t.role === 'admin');
    assert.equal(admins.length, 1);
    const r = await call(f.app, 'DELETE', `/api/tokens/${admins[0].id}`, { token: f.token.admin });
    assert.equal(r.status, 400);
    assert.match(r.body.error.message, /last admin token/);
  });
});

describe('token storage', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'spinscope-tokens-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('the database holds the SHA-256 of a token, never the token', async () => {
    const path = join(dir, 'tokens.db');
    const store = openSqliteTokenStore(path);
    const { token, info } = await createToken(store, 'analyst', 'read');
    await store.touch(info.id, new Date().toISOString());
    assert.equal((await store.findByHash(hashToken(token)))?.id, info.id);
    await store.close();
    const db = new Database(path, { readonly: true });
    const rows = db.prepare('SELECT * FROM api_tokens').all() as Record<string, unknown>[];
    db.close();
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.token_sha256, hashToken(token));
    assert.ok(!JSON.stringify(rows).includes(token));
    // nor anywhere in the files (database, WAL), as bytes
    for (const name of readdirSync(dir)) assert.ok(!readFileSync(join(dir, name)).includes(Buffer.from(token.slice(4))), name);
  });

  test('the first admin token is created once, only when there is no token', async () => {
    const store = openSqliteTokenStore(join(dir, 'first.db'));
    const first = await ensureFirstAdmin(store);
    assert.ok(first);
    assert.equal(first.info.role, 'admin');
    assert.equal(await ensureFirstAdmin(store), undefined);
    assert.equal(await store.insert({ name: 'x', role: 'read', hash: 'h', createdAt: 'now' }, { onlyIfEmpty: true }), undefined);
    assert.equal(await store.count(), 1);
    await store.close();
  });
});

describe('sessions and CSRF', () => {
  let f: Fixture;
  before(async () => {
    f = await fixtureApp({ limits: { requests: plenty, analyze: plenty, anonymous: plenty, sessionTtlMs: 3600_000 } });
  });
  after(() => f.close());

  async function signIn(token: string) {
    const r = await call(f.app, 'POST', '/api/session', { body: { token } });
    assert.equal(r.status, 200, r.text);
    const cookie = r.headers.get('set-cookie')!;
    return { cookie: cookie.split(';')[0]!, setCookie: cookie, csrf: r.body.csrfToken as string, role: r.body.role as string };
  }

  test('sign-in sets an HttpOnly, SameSite=Strict, Path=/ cookie and answers the role and a CSRF token', async () => {
    const s = await signIn(f.token.write);
    assert.equal(s.role, 'write');
    assert.match(s.setCookie, /^spinscope_session=[A-Za-z0-9_-]{43};/);
    assert.match(s.setCookie, /HttpOnly/);
    assert.match(s.setCookie, /SameSite=Strict/);
    assert.match(s.setCookie, /Path=\//);
    assert.doesNotMatch(s.setCookie, new RegExp(f.token.write), 'the cookie is not the token');
    assert.ok(s.csrf.length >= 32);
    const bad = await call(f.app, 'POST', '/api/session', { body: { token: 'spn_wrong' } });
    assert.equal(bad.status, 401);
    assert.equal(bad.headers.get('set-cookie'), null);
  });

  test('reads with the cookie need no CSRF token; a cookie write without it is 403, with it ok', async () => {
    const s = await signIn(f.token.write);
    const read = await call(f.app, 'GET', '/api/sources', { headers: { cookie: s.cookie } });
    assert.equal(read.status, 200);
    const me = await call(f.app, 'GET', '/api/session', { headers: { cookie: s.cookie } });
    assert.deepEqual(me.body, { role: 'write', csrfToken: s.csrf });
    const without = await call(f.app, 'POST', '/api/sources', { headers: { cookie: s.cookie }, body: { domain: 'csrf.example' } });
    assert.equal(without.status, 403);
    assert.equal(without.body.error.code, 'forbidden');
    assert.match(without.body.error.message, /X-CSRF-Token/);
    const wrong = await call(f.app, 'POST', '/api/sources', { headers: { cookie: s.cookie, 'x-csrf-token': `${s.csrf.slice(0, -1)}x` }, body: { domain: 'csrf.example' } });
    assert.equal(wrong.status, 403);
    const ok = await call(f.app, 'POST', '/api/sources', { headers: { cookie: s.cookie, 'x-csrf-token': s.csrf }, body: { domain: 'csrf.example' } });
    assert.equal(ok.status, 200, ok.text);
  });

  test('a Bearer request needs no CSRF token; a session keeps its token’s role', async () => {
    assert.equal((await call(f.app, 'POST', '/api/sources', { token: f.token.write, body: { domain: 'bearer.example' } })).status, 200);
    const s = await signIn(f.token.read);
    const r = await call(f.app, 'POST', '/api/sources', { headers: { cookie: s.cookie, 'x-csrf-token': s.csrf }, body: { domain: 'no.example' } });
    assert.equal(r.status, 403);
    assert.match(r.body.error.message, /write role/);
  });

  test('sign-out ends the session; expiry ends it too', async () => {
    const s = await signIn(f.token.read);
    const noCsrf = await call(f.app, 'DELETE', '/api/session', { headers: { cookie: s.cookie } });
    assert.equal(noCsrf.status, 403, 'signing out is a change too');
    const out = await call(f.app, 'DELETE', '/api/session', { headers: { cookie: s.cookie, 'x-csrf-token': s.csrf } });
    assert.equal(out.status, 200);
    assert.match(out.headers.get('set-cookie')!, /spinscope_session=;.*Max-Age=0/);
    assert.equal((await call(f.app, 'GET', '/api/sources', { headers: { cookie: s.cookie } })).status, 401);
    const t = await signIn(f.token.read);
    assert.equal((await call(f.app, 'GET', '/api/sources', { headers: { cookie: t.cookie } })).status, 200);
    f.clock.advance(3600_000);
    assert.equal((await call(f.app, 'GET', '/api/sources', { headers: { cookie: t.cookie } })).status, 401);
  });

  test('deleting a token ends its sessions', async () => {
    const created = await call(f.app, 'POST', '/api/tokens', { token: f.token.admin, body: { name: 'temp', role: 'read' } });
    const s = await signIn(created.body.token);
    assert.equal((await call(f.app, 'GET', '/api/stats', { headers: { cookie: s.cookie } })).status, 200);
    await call(f.app, 'DELETE', `/api/tokens/${created.body.info.id}`, { token: f.token.admin });
    assert.equal((await call(f.app, 'GET', '/api/stats', { headers: { cookie: s.cookie } })).status, 401);
  });
});

describe('rate limits (injected clock, no sleeping)', () => {
  test('a token’s bucket empties into 429 with Retry-After and refills with time; other tokens are unaffected', async () => {
    const f = await fixtureApp({ limits: { requests: { rate: 2, burst: 4 } } });
    try {
      for (let i = 0; i < 4; i++) assert.equal((await call(f.app, 'GET', '/api/sources', { token: f.token.read })).status, 200, `request ${i + 1}`);
      const limited = await call(f.app, 'GET', '/api/sources', { token: f.token.read });
      assert.equal(limited.status, 429);
      assert.equal(limited.body.error.code, 'rate_limited');
      assert.equal(limited.headers.get('retry-after'), '1');
      assert.equal((await call(f.app, 'GET', '/api/sources', { token: f.token.write })).status, 200, 'another token has its own bucket');
      f.clock.advance(500); // one token back at 2/s
      assert.equal((await call(f.app, 'GET', '/api/sources', { token: f.token.read })).status, 200);
      assert.equal((await call(f.app, 'GET', '/api/sources', { token: f.token.read })).status, 429);
    } finally {
      await f.close();
    }
  });

  test('analyses have a lower limit of their own', async () => {
    const f = await fixtureApp({ limits: { analyze: { rate: 0.5, burst: 2 } } });
    try {
      const post = () => call(f.app, 'POST', '/api/analyze', { token: f.token.read, body: { text: 'One sentence.' } });
      assert.equal((await post()).status, 200);
      assert.equal((await post()).status, 200);
      const limited = await post();
      assert.equal(limited.status, 429);
      assert.equal(limited.headers.get('retry-after'), '2');
      assert.equal((await call(f.app, 'GET', '/api/sources', { token: f.token.read })).status, 200, 'reads go on');
      f.clock.advance(2000);
      assert.equal((await post()).status, 200);
    } finally {
      await f.close();
    }
  });

  test('analyses beyond the queue are refused with 429 rather than piling up', async () => {
    const f = await fixtureApp({ limits: { analyzeQueue: 0 } });
    try {
      const r = await call(f.app, 'POST', '/api/analyze', { token: f.token.read, body: { text: 'One sentence.' } });
      assert.equal(r.status, 429);
      assert.equal(r.headers.get('retry-after'), '5');
      assert.match(r.body.error.message, /already running or waiting/);
    } finally {
      await f.close();
    }
  });

  test('failed authentication and sign-in attempts are limited per client', async () => {
    const f = await fixtureApp({ limits: { anonymous: { rate: 1, burst: 3 } } });
    try {
      for (let i = 0; i < 3; i++) assert.equal((await call(f.app, 'GET', '/api/sources', { token: `spn_guess${i}` })).status, 401);
      assert.equal((await call(f.app, 'GET', '/api/sources', { token: 'spn_guess' })).status, 429);
      assert.equal((await call(f.app, 'POST', '/api/session', { body: { token: f.token.read } })).status, 429, 'sign-in shares the bucket');
      assert.equal((await call(f.app, 'GET', '/api/sources', { token: f.token.read })).status, 200, 'a valid token is not held back');
      f.clock.advance(1000);
      assert.equal((await call(f.app, 'POST', '/api/session', { body: { token: f.token.read } })).status, 200);
    } finally {
      await f.close();
    }
  });
});
