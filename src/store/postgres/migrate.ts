/**
 * Applies pending PostgreSQL migrations in one transaction, under an
 * advisory lock per schema: concurrent openers take turns and the later
 * ones find nothing to do. DDL is transactional in PostgreSQL, so a failed
 * migration leaves no half-made tables.
 */
import type pg from 'pg';
import { StoreError } from '../errors.ts';
import { checkMigrations, type Migration } from '../migrations/types.ts';
import type { MigrationStatus } from '../types.ts';
import { quoteIdent, transaction } from './connection.ts';

export async function migratePostgres(
  pool: pg.Pool,
  schema: string | null,
  migrations: readonly Migration[],
  options: { target?: number; rebuildRollups?: (client: pg.PoolClient) => Promise<void> } = {},
): Promise<MigrationStatus> {
  checkMigrations(migrations);
  const latest = migrations.length;
  const target = options.target ?? latest;
  return transaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`spinscope-migrate:${schema ?? ''}`]);
    if (schema) await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)}`);
    await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL)');
    const done = new Set((await client.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((r) => r.version));
    const newest = Math.max(0, ...done);
    if (newest > latest) throw new StoreError(`the database has schema version ${newest}, newer than this spinscope knows (${latest}); upgrade spinscope`);
    const pending = migrations.filter((m) => !done.has(m.version) && m.version <= target);
    for (const m of pending) {
      await client.query(m.sql);
      await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, now())', [m.version, m.name]);
    }
    if (pending.some((m) => m.rebuildRollups) && target === latest) await options.rebuildRollups?.(client);
    return { applied: pending.map((m) => m.version), version: Math.max(newest, ...pending.map((m) => m.version)) };
  });
}
