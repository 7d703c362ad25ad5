/**
 * A pg Pool set up for the store: UTC sessions, the chosen schema first on
 * the search path, 64-bit integers and sums as JavaScript numbers (ids and
 * counts stay far below 2^53), dates as text. Type parsers are per pool, so
 * other users of `pg` in the process are not affected.
 */
import pg from 'pg';
import { StoreError } from '../errors.ts';

const INT8 = 20;
const NUMERIC = 1700;
const DATE = 1082;

function getTypeParser(oid: number, format?: string): (value: string) => unknown {
  if (oid === INT8 || oid === NUMERIC) return (v: string) => Number(v);
  if (oid === DATE) return (v: string) => v;
  return pg.types.getTypeParser(oid, format as 'text') as (value: string) => unknown;
}

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export function createPool(connectionString: string, schema: string | null, size: number): pg.Pool {
  const pool = new pg.Pool({
    connectionString,
    max: size,
    options: `-c timezone=UTC${schema ? ` -c search_path=${schema}` : ''}`,
    types: { getTypeParser: getTypeParser as typeof pg.types.getTypeParser },
  });
  // an idle client losing its server must not crash the process; the next query reports it
  pool.on('error', () => {});
  return pool;
}

/** The pool and the schema its connections use: what every write needs. */
export interface Postgres {
  pool: pg.Pool;
  schema: string | null;
}

const RETRYABLE = new Set(['40P01', '40001']);

/**
 * Runs `fn` in a transaction on one client; a deadlock or serialization
 * failure (another writer got in the way) is retried from the start.
 */
export async function transaction<T>(pool: pg.Pool, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    let client: pg.PoolClient;
    try {
      client = await pool.connect();
    } catch (e) {
      throw new StoreError(`cannot connect to PostgreSQL: ${(e as Error).message}`);
    }
    try {
      await client.query('BEGIN');
      const out = await fn(client);
      await client.query('COMMIT');
      return out;
    } catch (e) {
      await client.query('ROLLBACK').catch(() => {});
      if (attempt < 4 && RETRYABLE.has((e as { code?: string }).code ?? '')) continue;
      throw e;
    } finally {
      client.release();
    }
  }
}
