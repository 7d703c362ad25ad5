/** The rollups in SQLite: applying a batch's changes, and recounting them all (rollup.ts says what they hold). */
import type { Contribution } from '../derive.ts';
import { RollupDeltas, dayOf, type Place } from '../rollup.ts';
import type { Sqlite } from './connection.ts';

/** What an analysis added to the rollups, as stored with it. */
export function contributionOf(x: Sqlite, analysisId: number): Contribution {
  const r = x.stmt.get('SELECT contribution FROM analyses WHERE id = ?').get(analysisId) as { contribution: string };
  return JSON.parse(r.contribution) as Contribution;
}

export function applyDeltas(x: Sqlite, deltas: RollupDeltas): void {
  // one writer at a time: no lock order to keep, so no sort
  const { articles, labels, actors } = deltas.changes(false);
  const article = x.stmt.get(
    `INSERT INTO article_rollup (grain, source_id, period, articles, words) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (grain, source_id, period) DO UPDATE SET articles = articles + excluded.articles, words = words + excluded.words`,
  );
  const articleGone = x.stmt.get('DELETE FROM article_rollup WHERE grain = ? AND source_id = ? AND period = ? AND articles <= 0');
  for (const c of articles) {
    article.run(c.grain, c.sourceId, c.period, c.articles, c.words);
    if (c.articles < 0) articleGone.run(c.grain, c.sourceId, c.period);
  }
  const label = x.stmt.get(
    `INSERT INTO label_rollup (grain, layer, source_id, period, label, n, articles, words) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (grain, layer, source_id, period, label) DO UPDATE SET n = n + excluded.n, articles = articles + excluded.articles, words = words + excluded.words`,
  );
  const labelGone = x.stmt.get('DELETE FROM label_rollup WHERE grain = ? AND layer = ? AND source_id = ? AND period = ? AND label = ? AND articles <= 0');
  for (const c of labels) {
    label.run(c.grain, c.layer, c.sourceId, c.period, c.label, c.n, c.articles, c.words);
    if (c.articles < 0) labelGone.run(c.grain, c.layer, c.sourceId, c.period, c.label);
  }
  const actor = x.stmt.get(
    `INSERT INTO actor_rollup (grain, source_id, period, actor_key, articles, mentions, quotes) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (grain, source_id, period, actor_key) DO UPDATE SET articles = articles + excluded.articles, mentions = mentions + excluded.mentions, quotes = quotes + excluded.quotes`,
  );
  const actorGone = x.stmt.get('DELETE FROM actor_rollup WHERE grain = ? AND source_id = ? AND period = ? AND actor_key = ? AND articles <= 0');
  for (const c of actors) {
    actor.run(c.grain, c.sourceId, c.period, c.actorKey, c.articles, c.mentions, c.quotes);
    if (c.articles < 0) actorGone.run(c.grain, c.sourceId, c.period, c.actorKey);
  }
}

/** Empties the rollups and adds every article and latest analysis again; runs inside the caller's transaction. */
export function rebuildRollupsInTransaction(x: Sqlite): void {
  for (const table of ['article_rollup', 'label_rollup', 'actor_rollup']) x.db.exec(`DELETE FROM ${table}`);
  const page = x.db.prepare(
    `SELECT a.id, a.dated_at, a.source_id, a.word_count, an.contribution FROM articles a LEFT JOIN analyses an ON an.id = a.latest_analysis_id
     WHERE a.id > ? ORDER BY a.id LIMIT 5000`,
  );
  let after = 0;
  for (;;) {
    const rows = page.all(after) as { id: number; dated_at: string; source_id: number | null; word_count: number; contribution: string | null }[];
    if (!rows.length) break;
    const deltas = new RollupDeltas();
    for (const r of rows) {
      const place: Place = { day: dayOf(r.dated_at), sourceId: r.source_id };
      deltas.article(place, r.word_count, 1);
      if (r.contribution !== null) deltas.analysis(place, JSON.parse(r.contribution) as Contribution, 1);
    }
    applyDeltas(x, deltas);
    after = rows.at(-1)!.id;
  }
}

export function rebuildRollups(x: Sqlite): void {
  x.db.transaction(() => rebuildRollupsInTransaction(x)).immediate();
}
