/**
 * Articles in SQLite: upserts keyed by canonical URL (else content hash),
 * deletions and cluster assignments, each call one IMMEDIATE transaction.
 * The bodies are synchronous, so no other call on this connection can run
 * in the middle of one, and a crash leaves a batch whole or absent.
 */
import { articleRow, replaces, type ArticleRow, type ExistingArticle } from '../article-row.ts';
import { RollupDeltas, dayOf, type Place } from '../rollup.ts';
import type { ArticleInput, ArticleWrite } from '../types.ts';
import { sourceIdFor } from './catalog.ts';
import type { Sqlite } from './connection.ts';
import { applyDeltas, contributionOf } from './rollups.ts';

interface ExistingRow {
  id: number;
  content_hash: string;
  modified_at: string | null;
  fetched_at: string | null;
  dated_at: string;
  source_id: number | null;
  word_count: number;
  latest_analysis_id: number | null;
}

const EXISTING = 'id, content_hash, modified_at, fetched_at, dated_at, source_id, word_count, latest_analysis_id';

function existingOf(r: ExistingRow): ExistingArticle {
  return {
    id: r.id,
    contentHash: r.content_hash,
    modifiedAt: r.modified_at,
    fetchedAt: r.fetched_at,
    datedAt: r.dated_at,
    sourceId: r.source_id,
    wordCount: r.word_count,
    latestAnalysisId: r.latest_analysis_id,
  };
}

const INSERT_ARTICLE = `INSERT INTO articles (source_id, dated_at, language, word_count, published_at, modified_at, fetched_at, cluster_id,
  canonical_url, content_hash, external_id, url, site_name, description, image, source_kind, source_location, feed, authors,
  created_at, updated_at, title) VALUES (${Array(22).fill('?').join(', ')})`;

const UPDATE_ARTICLE = `UPDATE articles SET source_id = ?, dated_at = ?, language = coalesce(?, language), word_count = ?,
  needs_analysis = CASE WHEN ? THEN 1 ELSE needs_analysis END, published_at = ?, modified_at = ?, fetched_at = ?,
  cluster_id = coalesce(?, cluster_id), canonical_url = ?, content_hash = ?, external_id = coalesce(?, external_id), url = ?,
  site_name = ?, description = ?, image = ?, source_kind = ?, source_location = ?, feed = ?, authors = ?, updated_at = ?,
  title = ? WHERE id = ?`;

function samePlace(a: Place, b: Place): boolean {
  return a.day === b.day && a.sourceId === b.sourceId;
}

export function upsertArticles(x: Sqlite, inputs: ArticleInput[]): ArticleWrite[] {
  const rows = inputs.map(articleRow);
  const now = new Date().toISOString();
  const run = x.db.transaction((): ArticleWrite[] => {
    const deltas = new RollupDeltas();
    const out = rows.map((row) => upsertOne(x, row, now, deltas));
    applyDeltas(x, deltas);
    return out;
  });
  return run.immediate();
}

function upsertOne(x: Sqlite, row: ArticleRow, now: string, deltas: RollupDeltas): ArticleWrite {
  const sourceId = row.domain ? sourceIdFor(x, row.domain, row.siteName, row.language, now) : null;
  const found = (
    row.canonicalUrl !== null
      ? x.stmt.get(`SELECT ${EXISTING} FROM articles WHERE canonical_url = ?`).get(row.canonicalUrl)
      : x.stmt.get(`SELECT ${EXISTING} FROM articles WHERE content_hash = ? AND canonical_url IS NULL`).get(row.contentHash)
  ) as ExistingRow | undefined;
  if (!found) {
    const datedAt = row.datedAt ?? now;
    const id = Number(
      x.stmt
        .get(INSERT_ARTICLE)
        .run(
          sourceId, datedAt, row.language, row.wordCount, row.publishedAt, row.modifiedAt, row.fetchedAt, row.clusterId,
          row.canonicalUrl, row.contentHash, row.externalId, row.url, row.siteName, row.description, row.image,
          row.sourceKind, row.sourceLocation, row.feed, row.authors, now, now, row.title,
        ).lastInsertRowid,
    );
    // after the row: the text's trigger indexes both
    x.stmt.get('INSERT INTO article_texts (id, text) VALUES (?, ?)').run(id, row.text);
    deltas.article({ day: dayOf(datedAt), sourceId }, row.wordCount, 1);
    return { id, status: 'inserted' };
  }
  const existing = existingOf(found);
  if (!replaces(row, existing)) return { id: existing.id, status: 'unchanged' };

  const oldText = (x.stmt.get('SELECT text FROM article_texts WHERE id = ?').get(existing.id) as { text: string } | undefined)?.text;
  const textChanged = oldText !== row.text;
  if (textChanged && existing.latestAnalysisId !== null) {
    // analyses that shared the article's text keep their own copy of the old one
    x.stmt.get('UPDATE analyses SET text = ? WHERE article_id = ? AND text IS NULL').run(oldText ?? null, existing.id);
  }
  const datedAt = row.datedAt ?? existing.datedAt;
  x.stmt
    .get(UPDATE_ARTICLE)
    .run(
      sourceId, datedAt, row.language, row.wordCount, textChanged ? 1 : 0, row.publishedAt, row.modifiedAt, row.fetchedAt,
      row.clusterId, row.canonicalUrl, row.contentHash, row.externalId, row.url, row.siteName, row.description, row.image,
      row.sourceKind, row.sourceLocation, row.feed, row.authors, now, row.title, existing.id,
    );
  // the row first, then the text: each step re-indexes from a consistent state (see the triggers)
  if (textChanged) x.stmt.get('UPDATE article_texts SET text = ? WHERE id = ?').run(row.text, existing.id);
  if (datedAt !== existing.datedAt) x.stmt.get('UPDATE quotes SET dated_at = ? WHERE article_id = ?').run(datedAt, existing.id);
  const before: Place = { day: dayOf(existing.datedAt), sourceId: existing.sourceId };
  const after: Place = { day: dayOf(datedAt), sourceId };
  deltas.article(before, existing.wordCount, -1);
  deltas.article(after, row.wordCount, 1);
  if (existing.latestAnalysisId !== null && !samePlace(before, after)) {
    const c = contributionOf(x, existing.latestAnalysisId);
    deltas.analysis(before, c, -1);
    deltas.analysis(after, c, 1);
  }
  return { id: existing.id, status: 'updated' };
}

export function deleteArticles(x: Sqlite, ids: number[]): number {
  const run = x.db.transaction((): number => {
    const deltas = new RollupDeltas();
    let n = 0;
    for (const id of ids) {
      const art = x.stmt.get('SELECT dated_at, source_id, word_count, latest_analysis_id FROM articles WHERE id = ?').get(id) as
        | { dated_at: string; source_id: number | null; word_count: number; latest_analysis_id: number | null }
        | undefined;
      if (!art) continue;
      const place: Place = { day: dayOf(art.dated_at), sourceId: art.source_id };
      deltas.article(place, art.word_count, -1);
      if (art.latest_analysis_id !== null) deltas.analysis(place, contributionOf(x, art.latest_analysis_id), -1);
      n += x.stmt.get('DELETE FROM articles WHERE id = ?').run(id).changes;
    }
    applyDeltas(x, deltas);
    return n;
  });
  return run.immediate();
}

export function setClusters(x: Sqlite, assignments: { articleId: number; clusterId: string | null }[]): void {
  const update = x.stmt.get('UPDATE articles SET cluster_id = ? WHERE id = ?');
  x.db.transaction(() => {
    for (const a of assignments) update.run(a.clusterId, a.articleId);
  }).immediate();
}
