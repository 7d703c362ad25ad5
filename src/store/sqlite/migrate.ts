/**
 * Applies pending SQLite migrations in one IMMEDIATE transaction: two
 * processes opening the same new file take turns, and the second finds
 * nothing left to do.
 */
import { StoreError } from '../errors.ts';
import { checkMigrations, type Migration } from '../migrations/types.ts';
import type { MigrationStatus } from '../types.ts';
import type { Db } from './connection.ts';

export function migrateSqlite(db: Db, migrations: readonly Migration[], options: { target?: number; rebuildRollups?: () => void } = {}): MigrationStatus {
  checkMigrations(migrations);
  const latest = migrations.length;
  const target = options.target ?? latest;
  const run = db.transaction((): MigrationStatus => {
    db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
    const done = new Set((db.prepare('SELECT version FROM schema_migrations').all() as { version: number }[]).map((r) => r.version));
    const newest = Math.max(0, ...done);
    if (newest > latest) throw new StoreError(`the database has schema version ${newest}, newer than this spinscope knows (${latest}); upgrade spinscope`);
    const pending = migrations.filter((m) => !done.has(m.version) && m.version <= target);
    const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
    for (const m of pending) {
      db.exec(m.sql);
      record.run(m.version, m.name, new Date().toISOString());
    }
    // a rebuild reads tables of later migrations too, so it waits for the whole schema
    if (pending.some((m) => m.rebuildRollups) && target === latest) options.rebuildRollups?.();
    return { applied: pending.map((m) => m.version), version: Math.max(newest, ...pending.map((m) => m.version)) };
  });
  return run.immediate();
}
