/**
 * `openStore(url)`: which backend a URL names.
 *
 *   undefined                      ./spinscope.db (SQLite)
 *   path/to/file.db, sqlite:path   that SQLite file
 *   :memory:                       an in-memory SQLite database (tests)
 *   postgres://user@host/db        PostgreSQL; `?schema=name` keeps the tables in that schema
 */
import { StoreError } from './errors.ts';
import type { Store } from './types.ts';

export const DEFAULT_DATABASE = './spinscope.db';

export interface OpenOptions {
  /** Apply pending migrations at open (default), only up to this version (upgrade tests), or none. */
  migrate?: boolean | number;
  /** PostgreSQL pool size (default 4). */
  poolSize?: number;
}

export type StoreLocation = { kind: 'sqlite'; path: string } | { kind: 'postgres'; connectionString: string; schema: string | null };

export function parseStoreUrl(url: string | undefined): StoreLocation {
  if (url === undefined || url === '') return { kind: 'sqlite', path: DEFAULT_DATABASE };
  if (/^postgres(ql)?:\/\//i.test(url)) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new StoreError(`'${url}' is not a PostgreSQL URL`);
    }
    const schema = parsed.searchParams.get('schema');
    if (schema !== null && !/^[a-z_][a-z0-9_]*$/i.test(schema)) throw new StoreError(`schema '${schema}' is not a plain identifier (letters, digits, _)`);
    parsed.searchParams.delete('schema');
    return { kind: 'postgres', connectionString: parsed.toString(), schema };
  }
  if (/^sqlite:/i.test(url)) {
    const path = url.replace(/^sqlite:(\/\/)?/i, '');
    if (!path) throw new StoreError(`'${url}' names no SQLite file`);
    return { kind: 'sqlite', path };
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) throw new StoreError(`unsupported database URL '${url}' (use a file path, sqlite:path or postgres://…)`);
  return { kind: 'sqlite', path: url };
}

export async function openStore(url?: string, options: OpenOptions = {}): Promise<Store> {
  const where = parseStoreUrl(url);
  if (where.kind === 'sqlite') {
    const { openSqliteStore } = await import('./sqlite/store.ts');
    return openSqliteStore(where.path, options);
  }
  const { openPostgresStore } = await import('./postgres/store.ts');
  return openPostgresStore(where.connectionString, where.schema, options);
}
