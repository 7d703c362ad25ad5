/**
 * A throwaway PostgreSQL schema per test store, so that parallel test runs
 * never see each other's rows. SPINSCOPE_TEST_PG names the server
 * (default: the local one); tests skip when it cannot be reached.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openStore, type OpenOptions } from '../open.ts';
import type { Store } from '../types.ts';

export const TEST_PG = process.env.SPINSCOPE_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Why PostgreSQL tests cannot run here, or null when they can. */
export async function postgresUnavailable(): Promise<string | null> {
  const client = new pg.Client({ connectionString: TEST_PG, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return null;
  } catch (e) {
    return `PostgreSQL not reachable at ${TEST_PG}: ${(e as Error).message}`;
  } finally {
    await client.end().catch(() => {});
  }
}

export function testSchemaName(): string {
  return `spinscope_test_${randomBytes(6).toString('hex')}`;
}

export async function dropSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_PG });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}

export function schemaUrl(schema: string): string {
  const url = new URL(TEST_PG);
  url.searchParams.set('schema', schema);
  return url.toString();
}

export async function openTestPostgres(options: OpenOptions = {}): Promise<{ store: Store; schema: string; url: string; dispose(): Promise<void> }> {
  const schema = testSchemaName();
  const url = schemaUrl(schema);
  const store = await openStore(url, options);
  return {
    store,
    schema,
    url,
    dispose: async () => {
      await store.close();
      await dropSchema(schema);
    },
  };
}
