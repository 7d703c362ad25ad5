/** The PostgreSQL backend: a pg Pool, optionally confined to one schema. */
import * as aggregate from '../aggregate.ts';
import { StoreError } from '../errors.ts';
import { POSTGRES_MIGRATIONS } from '../migrations/postgres.ts';
import * as reads from '../reads.ts';
import { STATS_TABLES } from '../reads.ts';
import { search } from '../search.ts';
import { numberPlaceholders, type Reader } from '../sql.ts';
import type { Store, StoreStats } from '../types.ts';
import { createPool, type Postgres } from './connection.ts';
import { migratePostgres } from './migrate.ts';
import { postgresTextSearch } from './text-search.ts';
import * as analyses from './analyses.ts';
import * as articles from './articles.ts';
import * as catalog from './catalog.ts';
import * as rollups from './rollups.ts';

export interface PostgresOptions {
  migrate?: boolean | number;
  poolSize?: number;
}

export async function openPostgresStore(connectionString: string, schema: string | null, options: PostgresOptions = {}): Promise<Store> {
  const pool = createPool(connectionString, schema, options.poolSize ?? 4);
  const x: Postgres = { pool, schema };
  const migrate = (target?: number) => migratePostgres(pool, schema, POSTGRES_MIGRATIONS, { target, rebuildRollups: (c) => rollups.rebuildRollupsIn(c) });
  try {
    if (options.migrate !== false) await migrate(typeof options.migrate === 'number' ? options.migrate : undefined);
  } catch (e) {
    await pool.end();
    if ((e as { code?: string }).code === 'ECONNREFUSED') throw new StoreError(`cannot connect to PostgreSQL at ${redact(connectionString)}: connection refused`);
    throw e;
  }
  const reader: Reader = {
    dialect: 'postgres',
    all: async <T>(sql: string, params: readonly unknown[] = []) => (await pool.query(numberPlaceholders(sql), params as unknown[])).rows as T[],
  };
  const text = postgresTextSearch(pool);
  let closed = false;
  return {
    dialect: 'postgres',
    migrate: () => migrate(),
    upsertSources: (sources) => catalog.upsertSources(x, sources),
    listSources: () => reads.listSources(reader),
    upsertFeeds: (feeds) => catalog.upsertFeeds(x, feeds),
    listFeeds: (o) => reads.listFeeds(reader, o),
    recordFeedPolls: (polls) => catalog.recordFeedPolls(x, polls),
    upsertArticles: (list) => articles.upsertArticles(x, list),
    getArticle: (id) => reads.getArticle(reader, id),
    findArticle: (key) => reads.findArticle(reader, key),
    pendingAnalysis: (o) => reads.pendingAnalysis(reader, o),
    setClusters: (assignments) => articles.setClusters(x, assignments),
    deleteArticles: (ids) => articles.deleteArticles(x, ids),
    saveAnalyses: (items) => analyses.saveAnalyses(x, items),
    getAnalysis: (id) => reads.getAnalysis(reader, id),
    latestAnalysis: (articleId) => reads.latestAnalysis(reader, articleId),
    analysisHistory: (articleId) => reads.analysisHistory(reader, articleId),
    saveAnnotations: (annotations) => catalog.saveAnnotations(x, annotations),
    listAnnotations: (filter) => reads.listAnnotations(reader, filter),
    search: (query) => search(reader, text, query),
    articleCounts: (o) => aggregate.articleCounts(reader, o),
    labelCounts: (o) => aggregate.labelCounts(reader, o),
    techniqueRates: (o) => aggregate.techniqueRates(reader, o),
    labelShares: (o) => aggregate.labelShares(reader, o),
    topActors: (o) => aggregate.topActors(reader, o),
    actorQuotes: (key, o) => aggregate.actorQuotes(reader, key, o),
    clusters: (o) => aggregate.clusters(reader, o),
    stats: async (): Promise<StoreStats> => {
      const tables: Record<string, number> = {};
      for (const t of STATS_TABLES) tables[t] = (await pool.query<{ n: number }>(`SELECT count(*) AS n FROM ${t}`)).rows[0]!.n;
      const size = await pool.query<{ bytes: number | null }>(
        `SELECT sum(pg_total_relation_size(c.oid)) AS bytes FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'm')`,
      );
      return { dialect: 'postgres', tables, bytes: size.rows[0]?.bytes ?? 0 };
    },
    iterateArticles: (o) => reads.iterateArticles(reader, o),
    iterateAnalyses: (o) => reads.iterateAnalyses(reader, o),
    rebuildRollups: () => rollups.rebuildRollups(x),
    optimize: async () => {
      // a bare ANALYZE would go through every table of the database, other schemas' too
      for (const t of STATS_TABLES) await pool.query(`ANALYZE ${t}`);
    },
    close: async () => {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}

/** The URL without its password, for messages. */
function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'the given URL';
  }
}
