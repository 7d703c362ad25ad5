/** The token store's contract, on SQLite and on PostgreSQL (a throw-away schema), and the app on PostgreSQL. */
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { dropSchema, openTestPostgres, postgresUnavailable, schemaUrl, testSchemaName, TEST_PG } from '../store/postgres/test-database.ts';
import { openTokenStore } from './auth/open-token-store.ts';
import type { TokenStore } from './auth/token-store.ts';
import { createToken, ensureFirstAdmin, hashToken } from './auth/tokens.ts';
import { call, fixtureApp } from './test-support.ts';

function contract(name: string, open: () => Promise<{ store: TokenStore; rawRows(): Promise<Record<string, unknown>[]>; dispose(): Promise<void> }>) {
  describe(`token store (${name})`, () => {
    let t: Awaited<ReturnType<typeof open>>;
    before(async () => {
      t = await open();
    });
    after(() => t.dispose());

    test('insert, find by hash, list, count, touch, delete', async () => {
      assert.equal(await t.store.count(), 0);
      const first = await ensureFirstAdmin(t.store, () => Date.parse('2025-01-01T00:00:00Z'));
      assert.ok(first);
      assert.equal(first.info.createdAt, '2025-01-01T00:00:00.000Z');
      assert.equal(await ensureFirstAdmin(t.store), undefined, 'only when there is none');
      const reader = await createToken(t.store, 'reader', 'read');
      assert.equal(typeof reader.info.id, 'number');
      assert.deepEqual(await t.store.findByHash(hashToken(reader.token)), reader.info);
      assert.equal(await t.store.findByHash(hashToken('spn_other')), undefined);
      assert.equal(await t.store.count(), 2);
      assert.equal(await t.store.count({ role: 'admin' }), 1);
      await t.store.touch(reader.info.id, '2025-02-02T00:00:00.000Z');
      assert.equal((await t.store.list()).find((x) => x.id === reader.info.id)?.lastUsedAt, '2025-02-02T00:00:00.000Z');
      assert.deepEqual((await t.store.list()).map((x) => x.name), ['first admin', 'reader']);
      const rows = await t.rawRows();
      assert.ok(!JSON.stringify(rows).includes(reader.token.slice(4)), 'only hashes are stored');
      assert.ok(rows.some((r) => r.token_sha256 === hashToken(reader.token)));
      assert.equal(await t.store.delete(reader.info.id), true);
      assert.equal(await t.store.delete(reader.info.id), false);
      assert.equal(await t.store.findByHash(hashToken(reader.token)), undefined);
    });

    test('a role outside read/write/admin is refused by the table itself', async () => {
      await assert.rejects(t.store.insert({ name: 'x', role: 'root' as 'admin', hash: 'h1', createdAt: 'now' }));
    });
  });
}

contract('sqlite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'spinscope-tokenstore-'));
  const path = join(dir, 'db.sqlite');
  const store = await openTokenStore(path);
  return {
    store,
    rawRows: async () => {
      const { default: Database } = await import('better-sqlite3');
      const db = new Database(path, { readonly: true });
      try {
        return db.prepare('SELECT * FROM api_tokens').all() as Record<string, unknown>[];
      } finally {
        db.close();
      }
    },
    dispose: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

const unavailable = await postgresUnavailable();
if (unavailable) {
  describe('token store (postgres)', { skip: unavailable }, () => {});
} else {
  contract('postgres', async () => {
    const schema = testSchemaName();
    const store = await openTokenStore(schemaUrl(schema));
    return {
      store,
      rawRows: async () => {
        const client = new pg.Client({ connectionString: TEST_PG });
        await client.connect();
        try {
          return (await client.query(`SELECT * FROM "${schema}".api_tokens`)).rows as Record<string, unknown>[];
        } finally {
          await client.end();
        }
      },
      dispose: async () => {
        await store.close();
        await dropSchema(schema);
      },
    };
  });

  test('the API on PostgreSQL: tokens in the store’s schema, search and dashboards', async () => {
    const pgStore = await openTestPostgres();
    const tokens = await openTokenStore(pgStore.url);
    const f = await fixtureApp({ store: pgStore.store, tokens });
    try {
      assert.equal((await call(f.app, 'GET', '/api/health')).body.store, 'postgres');
      const search = await call(f.app, 'GET', '/api/articles?q=grain', { token: f.token.read });
      assert.equal(search.status, 200, search.text);
      assert.equal(search.body.total, 2);
      const detail = await call(f.app, 'GET', `/api/articles/${f.ids.a1}`, { token: f.token.read });
      assert.equal(detail.body.analysis.techniques.length, 4);
      const quotes = await call(f.app, 'GET', '/api/actors/person:ivan-petrov/quotes', { token: f.token.read });
      assert.deepEqual(quotes.body[0].techniques.map((t: { technique: string }) => t.technique), ['Flag_Waving']);
      assert.equal((await call(f.app, 'GET', '/api/tokens', { token: f.token.admin })).body.length, 3);
      const exported = await call(f.app, 'GET', '/api/export?format=jsonl', { token: f.token.read });
      assert.equal(exported.text.trim().split('\n').length, 6);
    } finally {
      await tokens.close();
      await pgStore.dispose();
    }
  });
}
