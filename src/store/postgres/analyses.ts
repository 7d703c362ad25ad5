/**
 * Analyses in PostgreSQL: each becomes its article's latest, with the rows
 * derived from it (spans, labels, quotes, actors) replacing the previous
 * latest's and the rollups moved accordingly, a batch in one transaction
 * and a handful of statements.
 */
import type pg from 'pg';
import { checkAnalysis } from '../analysis-input.ts';
import { derive, type Derived } from '../derive.ts';
import { StoreError } from '../errors.ts';
import { RollupDeltas, dayOf } from '../rollup.ts';
import { iso, withoutText } from '../rows.ts';
import type { AnalysisInput } from '../types.ts';
import { transaction, type Postgres } from './connection.ts';
import { recordset, recordsetInsert } from './recordset.ts';
import { applyDeltas, contributions } from './rollups.ts';

type Client = pg.PoolClient;

export async function saveAnalyses(x: Postgres, items: AnalysisInput[]): Promise<number[]> {
  const prepared = items.map(checkAnalysis).map((item) => ({ item, derived: derive(item.analysis), doc: withoutText(item.analysis) }));
  return transaction(x.pool, async (c) => {
    const now = new Date().toISOString();
    const articleIds = [...new Set(items.map((i) => i.articleId))].sort((a, b) => a - b);
    const arts = (
      await c.query<{ id: number; dated_at: Date; source_id: number | null; latest_analysis_id: number | null; text: string }>(
        'SELECT id, dated_at, source_id, latest_analysis_id, text FROM articles WHERE id = ANY($1::bigint[]) ORDER BY id FOR UPDATE',
        [articleIds],
      )
    ).rows;
    const byId = new Map(arts.map((a) => [a.id, a]));
    const missing = articleIds.find((id) => !byId.has(id));
    if (missing !== undefined) throw new StoreError(`saveAnalyses: article ${missing} does not exist`);

    const deltas = new RollupDeltas();
    const replaced = arts.filter((a) => a.latest_analysis_id !== null);
    const old = await contributions(c, replaced.map((a) => a.latest_analysis_id!));
    for (const a of replaced) deltas.analysis({ day: dayOf(iso(a.dated_at)), sourceId: a.source_id }, old.get(a.latest_analysis_id!)!, -1);
    if (replaced.length) {
      const ids = replaced.map((a) => a.id);
      for (const table of ['spans', 'doc_labels', 'quotes', 'actor_mentions']) await c.query(`DELETE FROM ${table} WHERE article_id = ANY($1::bigint[])`, [ids]);
      await c.query('UPDATE analyses SET is_latest = 0 WHERE id = ANY($1::bigint[])', [replaced.map((a) => a.latest_analysis_id!)]);
    }

    // ids first, so that every derived row can name its analysis without relying on the order RETURNING gives
    const ids = (await c.query<{ id: number }>(`SELECT nextval(pg_get_serial_sequence('analyses', 'id')) AS id FROM generate_series(1, $1)`, [prepared.length])).rows.map((r) => r.id);
    const lastFor = new Map<number, number>();
    prepared.forEach((p, i) => lastFor.set(p.item.articleId, i));
    const latest = prepared.map((p, i) => lastFor.get(p.item.articleId) === i);
    const sameText = prepared.map((p) => p.item.analysis.text === byId.get(p.item.articleId)!.text);
    const rows = prepared.map((p, i) => ({
      id: ids[i]!,
      article_id: p.item.articleId,
      model: p.item.model.name,
      model_version: p.item.model.version,
      created_at: p.item.createdAt ? new Date(p.item.createdAt).toISOString() : now,
      is_latest: latest[i] ? 1 : 0,
      language: p.derived.language,
      word_count: p.derived.wordCount,
      counts: p.derived.counts,
      contribution: p.derived.contribution,
      text: sameText[i] ? null : p.item.analysis.text,
      doc: p.doc,
    }));
    await c.query(
      recordsetInsert('analyses', [
        ['id', 'bigint'], ['article_id', 'bigint'], ['model', 'text'], ['model_version', 'text'], ['created_at', 'timestamptz'], ['is_latest', 'smallint'],
        ['language', 'text'], ['word_count', 'integer'], ['counts', 'jsonb'], ['contribution', 'jsonb'], ['text', 'text'], ['doc', 'json'],
      ]),
      [JSON.stringify(rows)],
    );
    const current = prepared.map((p, i) => ({ ...p, id: ids[i]!, same: sameText[i]! })).filter((_, i) => latest[i]);
    await insertDerived(c, current.map((p) => ({ articleId: p.item.articleId, analysisId: p.id, datedAt: iso(byId.get(p.item.articleId)!.dated_at), d: p.derived })), now);
    await c.query(
      `UPDATE articles a SET latest_analysis_id = u.aid, needs_analysis = u.needs, language = coalesce(a.language, u.lang)
       FROM unnest($1::bigint[], $2::bigint[], $3::smallint[], $4::text[]) AS u(id, aid, needs, lang) WHERE a.id = u.id`,
      [current.map((p) => p.item.articleId), current.map((p) => p.id), current.map((p) => (p.same ? 0 : 1)), current.map((p) => p.derived.language)],
    );
    for (const p of current) {
      const a = byId.get(p.item.articleId)!;
      deltas.analysis({ day: dayOf(iso(a.dated_at)), sourceId: a.source_id }, p.derived.contribution, 1);
    }
    await applyDeltas(c, deltas);
    return ids;
  });
}

async function insertDerived(c: Client, items: { articleId: number; analysisId: number; datedAt: string; d: Derived }[], now: string): Promise<void> {
  const spans = items.flatMap(({ articleId, analysisId, d }) => d.spans.map((s) => ({ articleId, analysisId, s })));
  if (spans.length) {
    await c.query(
      recordsetInsert('spans', [
        ['article_id', 'bigint'], ['analysis_id', 'bigint'], ['layer', 'text'], ['label', 'text'], ['category', 'text'],
        ['start', 'integer'], ['end', 'integer'], ['score', 'double precision'], ['paragraph', 'integer'],
      ]),
      [JSON.stringify(spans.map((x) => ({ article_id: x.articleId, analysis_id: x.analysisId, ...x.s })))],
    );
  }
  const labels = items.flatMap(({ articleId, analysisId, d }) => d.docLabels.map((l) => ({ articleId, analysisId, l })));
  if (labels.length) {
    await c.query(
      recordsetInsert('doc_labels', [['article_id', 'bigint'], ['analysis_id', 'bigint'], ['layer', 'text'], ['label', 'text'], ['parent', 'text'], ['score', 'double precision']]),
      [JSON.stringify(labels.map((x) => ({ article_id: x.articleId, analysis_id: x.analysisId, ...x.l })))],
    );
  }
  const quotes = items.flatMap(({ articleId, analysisId, datedAt, d }) => d.quotes.map((q) => ({ articleId, analysisId, datedAt, q })));
  if (quotes.length) {
    await c.query(
      recordsetInsert('quotes', [
        ['article_id', 'bigint'], ['analysis_id', 'bigint'], ['actor_key', 'text'], ['speaker', 'text'], ['type', 'text'], ['start', 'integer'], ['end', 'integer'],
        ['cue_start', 'integer'], ['cue_end', 'integer'], ['speaker_start', 'integer'], ['speaker_end', 'integer'], ['dated_at', 'timestamptz'], ['text', 'text'],
      ]),
      [
        recordset(quotes, [
          ['article_id', (x) => x.articleId], ['analysis_id', (x) => x.analysisId], ['actor_key', (x) => x.q.actorKey], ['speaker', (x) => x.q.speaker],
          ['type', (x) => x.q.type], ['start', (x) => x.q.start], ['end', (x) => x.q.end], ['cue_start', (x) => x.q.cueStart], ['cue_end', (x) => x.q.cueEnd],
          ['speaker_start', (x) => x.q.speakerStart], ['speaker_end', (x) => x.q.speakerEnd], ['dated_at', (x) => x.datedAt], ['text', (x) => x.q.text],
        ]),
      ],
    );
  }
  const actors = new Map<string, Derived['actors'][number]>();
  for (const { d } of items) for (const a of d.actors) if (!actors.has(a.key)) actors.set(a.key, a);
  if (actors.size) {
    const list = [...actors.values()].sort((a, b) => (a.key < b.key ? -1 : 1));
    await c.query(
      recordsetInsert(
        'actors',
        [['key', 'text'], ['name', 'text'], ['type', 'text'], ['title', 'text'], ['affiliation', 'text'], ['aliases', 'jsonb']],
        [['created_at', 'timestamptz']],
        ` ON CONFLICT (key) DO UPDATE SET title = coalesce(actors.title, excluded.title), affiliation = coalesce(actors.affiliation, excluded.affiliation)
          WHERE (actors.title IS NULL AND excluded.title IS NOT NULL) OR (actors.affiliation IS NULL AND excluded.affiliation IS NOT NULL)`,
      ),
      [JSON.stringify(list), now],
    );
  }
  const mentions = items.flatMap(({ articleId, analysisId, d }) => d.mentions.map((m) => ({ articleId, analysisId, m })));
  if (mentions.length) {
    await c.query(
      recordsetInsert('actor_mentions', [['article_id', 'bigint'], ['actor_key', 'text'], ['analysis_id', 'bigint'], ['name', 'text'], ['mentions', 'integer'], ['quotes', 'integer'], ['role', 'text']]),
      [JSON.stringify(mentions.map((x) => ({ article_id: x.articleId, actor_key: x.m.actorKey, analysis_id: x.analysisId, name: x.m.name, mentions: x.m.mentions, quotes: x.m.quotes, role: x.m.role })))],
    );
  }
}
