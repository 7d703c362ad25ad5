/**
 * Articles in PostgreSQL: upserts keyed by canonical URL (else content
 * hash), deletions and cluster assignments, each call one transaction.
 * Article rows are locked in id order, so concurrent writers queue instead
 * of deadlocking (and `transaction` retries if one ever does).
 */
import { articleKey, articleRow, replaces, type ArticleRow, type ExistingArticle } from '../article-row.ts';
import { RollupDeltas, dayOf, type Place } from '../rollup.ts';
import { iso } from '../rows.ts';
import type { ArticleInput, ArticleWrite, WriteStatus } from '../types.ts';
import { sourceIds } from './catalog.ts';
import { transaction, type Postgres } from './connection.ts';
import { recordset, recordsetInsert } from './recordset.ts';
import { applyDeltas, contributions as storedContributions } from './rollups.ts';

interface ExistingRow {
  id: number;
  canonical_url: string | null;
  content_hash: string;
  modified_at: Date | null;
  fetched_at: Date | null;
  dated_at: Date;
  source_id: number | null;
  word_count: number;
  latest_analysis_id: number | null;
}

function existingOf(r: ExistingRow): ExistingArticle {
  return {
    id: r.id,
    contentHash: r.content_hash,
    modifiedAt: r.modified_at ? iso(r.modified_at) : null,
    fetchedAt: r.fetched_at ? iso(r.fetched_at) : null,
    datedAt: iso(r.dated_at),
    sourceId: r.source_id,
    wordCount: r.word_count,
    latestAnalysisId: r.latest_analysis_id,
  };
}

/** What an incoming row would look like once stored, to compare the next copy of it in the same batch. */
function asExisting(row: ArticleRow, id: number, datedAt: string, sourceId: number | null, latestAnalysisId: number | null): ExistingArticle {
  return { id, contentHash: row.contentHash, modifiedAt: row.modifiedAt, fetchedAt: row.fetchedAt, datedAt, sourceId, wordCount: row.wordCount, latestAnalysisId };
}

const ARTICLE_COLUMNS: [column: string, type: string, value: (p: Planned) => unknown][] = [
  ['source_id', 'bigint', (p) => p.sourceId],
  ['dated_at', 'timestamptz', (p) => p.datedAt],
  ['language', 'text', (p) => p.row.language],
  ['word_count', 'integer', (p) => p.row.wordCount],
  ['published_at', 'timestamptz', (p) => p.row.publishedAt],
  ['modified_at', 'timestamptz', (p) => p.row.modifiedAt],
  ['fetched_at', 'timestamptz', (p) => p.row.fetchedAt],
  ['cluster_id', 'text', (p) => p.row.clusterId],
  ['canonical_url', 'text', (p) => p.row.canonicalUrl],
  ['content_hash', 'text', (p) => p.row.contentHash],
  ['external_id', 'text', (p) => p.row.externalId],
  ['url', 'text', (p) => p.row.url],
  ['site_name', 'text', (p) => p.row.siteName],
  ['description', 'text', (p) => p.row.description],
  ['image', 'text', (p) => p.row.image],
  ['source_kind', 'text', (p) => p.row.sourceKind],
  ['source_location', 'text', (p) => p.row.sourceLocation],
  ['feed', 'text', (p) => p.row.feed],
  ['authors', 'jsonb', (p) => JSON.parse(p.row.authors) as unknown],
  ['title', 'text', (p) => p.row.title],
  ['text', 'text', (p) => p.row.text],
];

/** The new articles of a batch in one statement. */
const INSERT_ARTICLES = recordsetInsert(
  'articles',
  ARTICLE_COLUMNS.map(([c, t]) => [c, t]),
  [
    ['created_at', 'timestamptz'],
    ['updated_at', 'timestamptz'],
  ],
  ' RETURNING id, canonical_url, content_hash',
);

interface Planned {
  row: ArticleRow;
  sourceId: number | null;
  datedAt: string;
}

export async function upsertArticles(x: Postgres, inputs: ArticleInput[]): Promise<ArticleWrite[]> {
  const rows = inputs.map(articleRow);
  return transaction(x.pool, async (c) => {
    const now = new Date().toISOString();
    // one article writer at a time per schema: two batches inserting the same new URL would otherwise race
    await c.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`spinscope-articles:${x.schema ?? ''}`]);
    const wanted = new Map<string, { name: string | null; language: string | null }>();
    for (const r of rows) if (r.domain && !wanted.has(r.domain)) wanted.set(r.domain, { name: r.siteName, language: r.language });
    const sources = await sourceIds(c, wanted, now);

    const urls = [...new Set(rows.filter((r) => r.canonicalUrl !== null).map((r) => r.canonicalUrl!))];
    const hashes = [...new Set(rows.filter((r) => r.canonicalUrl === null).map((r) => r.contentHash))];
    const found = (
      await c.query<ExistingRow>(
        `SELECT id, canonical_url, content_hash, modified_at, fetched_at, dated_at, source_id, word_count, latest_analysis_id FROM articles
         WHERE canonical_url = ANY($1::text[]) OR (canonical_url IS NULL AND content_hash = ANY($2::text[])) ORDER BY id FOR UPDATE`,
        [urls, hashes],
      )
    ).rows;
    const original = new Map(found.map((r) => [articleKey({ canonicalUrl: r.canonical_url, contentHash: r.content_hash }), existingOf(r)]));

    // the batch in order, as if stored one by one: the same article twice is inserted once, then updated or left
    const current = new Map<string, ExistingArticle>(original);
    const inserts = new Map<string, Planned>();
    const updates = new Map<string, Planned>();
    const results: { key: string; status: WriteStatus }[] = [];
    for (const row of rows) {
      const key = articleKey(row);
      const sourceId = row.domain ? sources.get(row.domain)! : null;
      const seen = current.get(key);
      if (!seen) {
        const datedAt = row.datedAt ?? now;
        inserts.set(key, { row, sourceId, datedAt });
        current.set(key, asExisting(row, -1, datedAt, sourceId, null));
        results.push({ key, status: 'inserted' });
      } else if (replaces(row, seen)) {
        const datedAt = row.datedAt ?? seen.datedAt;
        if (inserts.has(key)) inserts.set(key, { row, sourceId, datedAt });
        else updates.set(key, { row, sourceId, datedAt });
        current.set(key, asExisting(row, seen.id, datedAt, sourceId, seen.latestAnalysisId));
        results.push({ key, status: 'updated' });
      } else {
        results.push({ key, status: 'unchanged' });
      }
    }

    const deltas = new RollupDeltas();
    const ids = new Map<string, number>();
    for (const [key, e] of original) ids.set(key, e.id);
    if (inserts.size) {
      const planned = [...inserts.values()];
      const rows = recordset(planned, ARTICLE_COLUMNS.map(([column, , get]) => [column, get]));
      const inserted = (await c.query<{ id: number; canonical_url: string | null; content_hash: string }>(INSERT_ARTICLES, [rows, now, now])).rows;
      for (const r of inserted) ids.set(articleKey({ canonicalUrl: r.canonical_url, contentHash: r.content_hash }), r.id);
      for (const p of planned) deltas.article({ day: dayOf(p.datedAt), sourceId: p.sourceId }, p.row.wordCount, 1);
    }
    const changed = [...updates.entries()].map(([key, p]) => ({ key, p, before: original.get(key)! })).sort((a, b) => a.before.id - b.before.id);
    const moved = changed.filter(({ p, before }) => before.latestAnalysisId !== null && (dayOf(before.datedAt) !== dayOf(p.datedAt) || before.sourceId !== p.sourceId));
    const contributions = await storedContributions(c, moved.map(({ before }) => before.latestAnalysisId!));
    for (const { p, before } of changed) {
      if (before.latestAnalysisId !== null) {
        // analyses that shared the article's text keep their own copy of the old one
        await c.query(
          'UPDATE analyses an SET text = a.text FROM articles a WHERE a.id = an.article_id AND an.article_id = $1 AND an.text IS NULL AND a.text IS DISTINCT FROM $2',
          [before.id, p.row.text],
        );
      }
      const r = p.row;
      await c.query(
        `UPDATE articles SET source_id = $1, dated_at = $2, language = coalesce($3, language), word_count = $4,
           needs_analysis = CASE WHEN text IS DISTINCT FROM $22 THEN 1 ELSE needs_analysis END, published_at = $5, modified_at = $6, fetched_at = $7,
           cluster_id = coalesce($8, cluster_id), canonical_url = $9, content_hash = $10, external_id = coalesce($11, external_id), url = $12,
           site_name = $13, description = $14, image = $15, source_kind = $16, source_location = $17, feed = $18, authors = $19::jsonb,
           updated_at = $20, title = $21, text = $22 WHERE id = $23`,
        [
          p.sourceId, p.datedAt, r.language, r.wordCount, r.publishedAt, r.modifiedAt, r.fetchedAt, r.clusterId, r.canonicalUrl,
          r.contentHash, r.externalId, r.url, r.siteName, r.description, r.image, r.sourceKind, r.sourceLocation, r.feed, r.authors, now,
          r.title, r.text, before.id,
        ],
      );
      if (p.datedAt !== before.datedAt) await c.query('UPDATE quotes SET dated_at = $1 WHERE article_id = $2', [p.datedAt, before.id]);
      const from: Place = { day: dayOf(before.datedAt), sourceId: before.sourceId };
      const to: Place = { day: dayOf(p.datedAt), sourceId: p.sourceId };
      deltas.article(from, before.wordCount, -1);
      deltas.article(to, r.wordCount, 1);
      const contribution = before.latestAnalysisId !== null ? contributions.get(before.latestAnalysisId) : undefined;
      if (contribution) {
        deltas.analysis(from, contribution, -1);
        deltas.analysis(to, contribution, 1);
      }
    }
    await applyDeltas(c, deltas);
    return results.map(({ key, status }) => ({ id: ids.get(key)!, status }));
  });
}

export async function deleteArticles(x: Postgres, ids: number[]): Promise<number> {
  return transaction(x.pool, async (c) => {
    const arts = (
      await c.query<{ id: number; dated_at: Date; source_id: number | null; word_count: number; latest_analysis_id: number | null }>(
        'SELECT id, dated_at, source_id, word_count, latest_analysis_id FROM articles WHERE id = ANY($1::bigint[]) ORDER BY id FOR UPDATE',
        [ids],
      )
    ).rows;
    const contributions = await storedContributions(c, arts.filter((a) => a.latest_analysis_id !== null).map((a) => a.latest_analysis_id!));
    const deltas = new RollupDeltas();
    for (const a of arts) {
      const place: Place = { day: dayOf(iso(a.dated_at)), sourceId: a.source_id };
      deltas.article(place, a.word_count, -1);
      const contribution = a.latest_analysis_id !== null ? contributions.get(a.latest_analysis_id) : undefined;
      if (contribution) deltas.analysis(place, contribution, -1);
    }
    const n = (await c.query('DELETE FROM articles WHERE id = ANY($1::bigint[])', [arts.map((a) => a.id)])).rowCount ?? 0;
    await applyDeltas(c, deltas);
    return n;
  });
}

export async function setClusters(x: Postgres, assignments: { articleId: number; clusterId: string | null }[]): Promise<void> {
  const sorted = [...assignments].sort((a, b) => a.articleId - b.articleId);
  await transaction(x.pool, (c) =>
    c.query('UPDATE articles a SET cluster_id = u.cid FROM unnest($1::bigint[], $2::text[]) AS u(id, cid) WHERE a.id = u.id', [
      sorted.map((a) => a.articleId),
      sorted.map((a) => a.clusterId),
    ]),
  );
}
