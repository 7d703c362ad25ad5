/**
 * API tokens in SQLite: its own connection to the store's file (WAL lets it
 * sit beside the store's), so the store's schema and migrations stay the
 * store's business. `:memory:` gives a private in-memory table (tests).
 */
import Database from 'better-sqlite3';
import { tokenInfo, tokenTableSql, type NewToken, type TokenRow, type TokenStore } from './token-store.ts';

const COLUMNS = 'id, name, role, created_at, last_used_at';

export function openSqliteTokenStore(path: string): TokenStore {
  const db = new Database(path, { timeout: 10_000 });
  if (path !== ':memory:') db.pragma('journal_mode = WAL');
  db.exec(tokenTableSql('INTEGER PRIMARY KEY AUTOINCREMENT'));
  const insert = db.prepare(`INSERT INTO api_tokens (name, role, token_sha256, created_at) VALUES (?, ?, ?, ?) RETURNING ${COLUMNS}`);
  const insertIfEmpty = db.prepare(
    `INSERT INTO api_tokens (name, role, token_sha256, created_at) SELECT ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM api_tokens) RETURNING ${COLUMNS}`,
  );
  const byHash = db.prepare(`SELECT ${COLUMNS} FROM api_tokens WHERE token_sha256 = ?`);
  const all = db.prepare(`SELECT ${COLUMNS} FROM api_tokens ORDER BY id`);
  const countAll = db.prepare('SELECT count(*) AS n FROM api_tokens');
  const countRole = db.prepare('SELECT count(*) AS n FROM api_tokens WHERE role = ?');
  const remove = db.prepare('DELETE FROM api_tokens WHERE id = ?');
  const touch = db.prepare('UPDATE api_tokens SET last_used_at = ? WHERE id = ?');
  // better-sqlite3 is synchronous; `async` turns its exceptions into rejections
  return {
    insert: async (t: NewToken, options = {}) => {
      const row = (options.onlyIfEmpty ? insertIfEmpty : insert).get(t.name, t.role, t.hash, t.createdAt) as TokenRow | undefined;
      return row ? tokenInfo(row) : undefined;
    },
    findByHash: async (hash) => {
      const row = byHash.get(hash) as TokenRow | undefined;
      return row ? tokenInfo(row) : undefined;
    },
    list: async () => (all.all() as TokenRow[]).map(tokenInfo),
    count: async (filter = {}) => ((filter.role ? countRole.get(filter.role) : countAll.get()) as { n: number }).n,
    delete: async (id) => remove.run(id).changes > 0,
    touch: async (id, at) => {
      touch.run(at, id);
    },
    close: async () => {
      if (db.open) db.close();
    },
  };
}
