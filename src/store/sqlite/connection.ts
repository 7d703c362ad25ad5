/**
 * Opens a SQLite database the way the store needs it: WAL (readers never
 * wait for the writer), synchronous=NORMAL (a commit survives a process
 * crash; only a power loss can take back the last ones), foreign keys on,
 * and a cache of prepared statements.
 */
import Database from 'better-sqlite3';
import { StoreError } from '../errors.ts';

export type Db = Database.Database;
export type Statement = Database.Statement<unknown[], unknown>;

export function openSqlite(path: string): Db {
  let db: Db;
  try {
    db = new Database(path, { timeout: 10_000 });
  } catch (e) {
    throw new StoreError(`cannot open the SQLite database ${path}: ${(e as Error).message}`);
  }
  // 8 KB pages: two article texts to a page instead of one, and fewer pages
  // per full-text posting list; only a new, empty file takes it, before WAL
  db.pragma('page_size = 8192');
  if (path !== ':memory:') db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('cache_size = -65536');
  db.pragma('temp_store = MEMORY');
  // checkpoint every 64 MB of WAL, not every 8: fewer fsyncs while loading batches
  db.pragma('wal_autocheckpoint = 8192');
  return db;
}

/** A SQLite connection and its prepared statements: what every write needs. */
export interface Sqlite {
  db: Db;
  stmt: Statements;
}

/** Prepares each SQL text once per connection. */
export class Statements {
  private readonly cache = new Map<string, Statement>();
  constructor(private readonly db: Db) {}

  get(sql: string): Statement {
    let s = this.cache.get(sql);
    if (!s) this.cache.set(sql, (s = this.db.prepare(sql)));
    return s;
  }
}
