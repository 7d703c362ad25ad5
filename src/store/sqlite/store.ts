/** The SQLite backend: one file (or `:memory:`), one connection, synchronous transactions. */
import { statSync } from 'node:fs';
import * as aggregate from '../aggregate.ts';
import { SQLITE_MIGRATIONS } from '../migrations/sqlite.ts';
import * as reads from '../reads.ts';
import { STATS_TABLES } from '../reads.ts';
import { search } from '../search.ts';
import type { Reader } from '../sql.ts';
import type { Store, StoreStats } from '../types.ts';
import { openSqlite, Statements, type Db, type Sqlite } from './connection.ts';
import { migrateSqlite } from './migrate.ts';
import { sqliteTextSearch } from './text-search.ts';
import * as analyses from './analyses.ts';
import * as articles from './articles.ts';
import * as catalog from './catalog.ts';
import * as rollups from './rollups.ts';

export interface SqliteOptions {
  /** Apply pending migrations at open (default), or up to this version only (tests of upgrades), or not at all. */
  migrate?: boolean | number;
}

export function openSqliteStore(path: string, options: SqliteOptions = {}): Store {
  const db = openSqlite(path);
  const x: Sqlite = { db, stmt: new Statements(db) };
  const migrate = (target?: number) => migrateSqlite(db, SQLITE_MIGRATIONS, { target, rebuildRollups: () => rollups.rebuildRollupsInTransaction(x) });
  try {
    if (options.migrate !== false) migrate(typeof options.migrate === 'number' ? options.migrate : undefined);
  } catch (e) {
    db.close();
    throw e;
  }
  return sqliteStore(x, path, () => migrate());
}

function sqliteStore(x: Sqlite, path: string, migrate: () => ReturnType<typeof migrateSqlite>): Store {
  const { db, stmt } = x;
  const reader: Reader = {
    dialect: 'sqlite',
    all: async <T>(sql: string, params: readonly unknown[] = []) => stmt.get(sql).all(...params) as T[],
  };
  const text = sqliteTextSearch(stmt);
  // better-sqlite3 is synchronous; `async` turns its exceptions into rejections like the PostgreSQL backend's
  return {
    dialect: 'sqlite',
    migrate: async () => migrate(),
    upsertSources: async (sources) => catalog.upsertSources(x, sources),
    listSources: () => reads.listSources(reader),
    upsertFeeds: async (feeds) => catalog.upsertFeeds(x, feeds),
    listFeeds: (options) => reads.listFeeds(reader, options),
    recordFeedPolls: async (polls) => catalog.recordFeedPolls(x, polls),
    upsertArticles: async (list) => articles.upsertArticles(x, list),
    getArticle: (id) => reads.getArticle(reader, id),
    findArticle: (key) => reads.findArticle(reader, key),
    pendingAnalysis: (options) => reads.pendingAnalysis(reader, options),
    setClusters: async (assignments) => articles.setClusters(x, assignments),
    deleteArticles: async (ids) => articles.deleteArticles(x, ids),
    saveAnalyses: async (items) => analyses.saveAnalyses(x, items),
    getAnalysis: (id) => reads.getAnalysis(reader, id),
    latestAnalysis: (articleId) => reads.latestAnalysis(reader, articleId),
    analysisHistory: (articleId) => reads.analysisHistory(reader, articleId),
    saveAnnotations: async (annotations) => catalog.saveAnnotations(x, annotations),
    listAnnotations: (filter) => reads.listAnnotations(reader, filter),
    search: (query) => search(reader, text, query),
    articleCounts: (options) => aggregate.articleCounts(reader, options),
    labelCounts: (options) => aggregate.labelCounts(reader, options),
    techniqueRates: (options) => aggregate.techniqueRates(reader, options),
    labelShares: (options) => aggregate.labelShares(reader, options),
    topActors: (options) => aggregate.topActors(reader, options),
    actorQuotes: (key, options) => aggregate.actorQuotes(reader, key, options),
    clusters: (options) => aggregate.clusters(reader, options),
    stats: async (): Promise<StoreStats> => {
      const tables: Record<string, number> = {};
      for (const t of STATS_TABLES) tables[t] = (stmt.get(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n;
      return { dialect: 'sqlite', tables, bytes: size(db, path) };
    },
    iterateArticles: (options) => reads.iterateArticles(reader, options),
    iterateAnalyses: (options) => reads.iterateAnalyses(reader, options),
    rebuildRollups: async () => rollups.rebuildRollups(x),
    optimize: async () => {
      // sampled statistics: seconds, not minutes, at a million rows
      db.pragma('analysis_limit = 1000');
      db.exec('ANALYZE');
      db.pragma('optimize');
    },
    close: async () => {
      if (db.open) db.close();
    },
  };
}

function size(db: Db, path: string): number {
  if (path === ':memory:' || path === '') return (db.pragma('page_count', { simple: true }) as number) * (db.pragma('page_size', { simple: true }) as number);
  let bytes = 0;
  for (const file of [path, `${path}-wal`]) {
    try {
      bytes += statSync(file).size;
    } catch {
      // no WAL file when nothing is pending
    }
  }
  return bytes;
}
