/**
 * The rollups in PostgreSQL (rollup.ts says what they hold). Cells are
 * written in key order in every transaction, so that concurrent writers
 * queue on shared cells instead of deadlocking.
 */
import type pg from 'pg';
import type { Contribution } from '../derive.ts';
import { RollupDeltas, dayOf, type Place } from '../rollup.ts';
import { iso } from '../rows.ts';
import { transaction, type Postgres } from './connection.ts';
import { columnsOf } from './recordset.ts';

type Client = pg.PoolClient;

/** What the given analyses added to the rollups, as stored with them. */
export async function contributions(c: Client, analysisIds: number[]): Promise<Map<number, Contribution>> {
  if (!analysisIds.length) return new Map();
  const rows = (await c.query<{ id: number; contribution: Contribution }>('SELECT id, contribution FROM analyses WHERE id = ANY($1::bigint[])', [analysisIds])).rows;
  return new Map(rows.map((r) => [r.id, r.contribution]));
}

export async function applyDeltas(c: Client, deltas: RollupDeltas): Promise<void> {
  const { articles, labels, actors } = deltas.changes();
  if (articles.length) {
    const cols = columnsOf(articles, [(x) => x.grain, (x) => x.sourceId, (x) => x.period, (x) => x.articles, (x) => x.words]);
    await c.query(
      `INSERT INTO article_rollup (grain, source_id, period, articles, words) SELECT * FROM unnest($1::char(1)[], $2::bigint[], $3::text[], $4::bigint[], $5::bigint[])
       ON CONFLICT (grain, source_id, period) DO UPDATE SET articles = article_rollup.articles + excluded.articles, words = article_rollup.words + excluded.words`,
      cols,
    );
    await c.query(
      `DELETE FROM article_rollup r USING unnest($1::char(1)[], $2::bigint[], $3::text[]) AS u(g, s, p)
       WHERE r.grain = u.g AND r.source_id = u.s AND r.period = u.p AND r.articles <= 0`,
      cols.slice(0, 3),
    );
  }
  if (labels.length) {
    const cols = columnsOf(labels, [(x) => x.grain, (x) => x.layer, (x) => x.sourceId, (x) => x.period, (x) => x.label, (x) => x.n, (x) => x.articles, (x) => x.words]);
    await c.query(
      `INSERT INTO label_rollup (grain, layer, source_id, period, label, n, articles, words)
       SELECT * FROM unnest($1::char(1)[], $2::text[], $3::bigint[], $4::text[], $5::text[], $6::bigint[], $7::bigint[], $8::bigint[])
       ON CONFLICT (grain, layer, source_id, period, label) DO UPDATE
         SET n = label_rollup.n + excluded.n, articles = label_rollup.articles + excluded.articles, words = label_rollup.words + excluded.words`,
      cols,
    );
    const shrunk = labels.filter((x) => x.articles < 0);
    if (shrunk.length) {
      await c.query(
        `DELETE FROM label_rollup r USING unnest($1::char(1)[], $2::text[], $3::bigint[], $4::text[], $5::text[]) AS u(g, l, s, p, b)
         WHERE r.grain = u.g AND r.layer = u.l AND r.source_id = u.s AND r.period = u.p AND r.label = u.b AND r.articles <= 0`,
        columnsOf(shrunk, [(x) => x.grain, (x) => x.layer, (x) => x.sourceId, (x) => x.period, (x) => x.label]),
      );
    }
  }
  if (actors.length) {
    const cols = columnsOf(actors, [(x) => x.grain, (x) => x.sourceId, (x) => x.period, (x) => x.actorKey, (x) => x.articles, (x) => x.mentions, (x) => x.quotes]);
    await c.query(
      `INSERT INTO actor_rollup (grain, source_id, period, actor_key, articles, mentions, quotes)
       SELECT * FROM unnest($1::char(1)[], $2::bigint[], $3::text[], $4::text[], $5::bigint[], $6::bigint[], $7::bigint[])
       ON CONFLICT (grain, source_id, period, actor_key) DO UPDATE
         SET articles = actor_rollup.articles + excluded.articles, mentions = actor_rollup.mentions + excluded.mentions, quotes = actor_rollup.quotes + excluded.quotes`,
      cols,
    );
    const shrunk = actors.filter((x) => x.articles < 0);
    if (shrunk.length) {
      await c.query(
        `DELETE FROM actor_rollup r USING unnest($1::char(1)[], $2::bigint[], $3::text[], $4::text[]) AS u(g, s, p, k)
         WHERE r.grain = u.g AND r.source_id = u.s AND r.period = u.p AND r.actor_key = u.k AND r.articles <= 0`,
        columnsOf(shrunk, [(x) => x.grain, (x) => x.sourceId, (x) => x.period, (x) => x.actorKey]),
      );
    }
  }
}

/** Empties the rollups and adds every article and latest analysis again, inside the caller's transaction. */
export async function rebuildRollupsIn(c: Client): Promise<void> {
  await c.query('DELETE FROM article_rollup; DELETE FROM label_rollup; DELETE FROM actor_rollup');
  let after = 0;
  for (;;) {
    const rows = (
      await c.query<{ id: number; dated_at: Date; source_id: number | null; word_count: number; contribution: Contribution | null }>(
        `SELECT a.id, a.dated_at, a.source_id, a.word_count, an.contribution FROM articles a LEFT JOIN analyses an ON an.id = a.latest_analysis_id
         WHERE a.id > $1 ORDER BY a.id LIMIT 5000`,
        [after],
      )
    ).rows;
    if (!rows.length) return;
    const deltas = new RollupDeltas();
    for (const r of rows) {
      const place: Place = { day: dayOf(iso(r.dated_at)), sourceId: r.source_id };
      deltas.article(place, r.word_count, 1);
      if (r.contribution) deltas.analysis(place, r.contribution, 1);
    }
    await applyDeltas(c, deltas);
    after = rows.at(-1)!.id;
  }
}

export async function rebuildRollups(x: Postgres): Promise<void> {
  await transaction(x.pool, async (c) => {
    // rollups are shared cells: no other writer may add to them while they are recounted
    await c.query('LOCK TABLE article_rollup, label_rollup, actor_rollup IN EXCLUSIVE MODE');
    await rebuildRollupsIn(c);
  });
}
