/**
 * Analyses in SQLite: each becomes its article's latest, with the rows
 * derived from it (spans, labels, quotes, actors) replacing the previous
 * latest's, and the rollups moved accordingly, all in one transaction.
 */
import { deflateSync } from 'node:zlib';
import { checkAnalysis } from '../analysis-input.ts';
import { derive, type Derived } from '../derive.ts';
import { StoreError } from '../errors.ts';
import { RollupDeltas, dayOf, type Place } from '../rollup.ts';
import { withoutText } from '../rows.ts';
import type { AnalysisInput } from '../types.ts';
import type { Sqlite } from './connection.ts';
import { applyDeltas, contributionOf } from './rollups.ts';

export function saveAnalyses(x: Sqlite, items: AnalysisInput[]): number[] {
  const prepared = items.map(checkAnalysis).map((item) => ({ item, derived: derive(item.analysis), doc: deflateSync(JSON.stringify(withoutText(item.analysis)), { level: 1 }) }));
  const now = new Date().toISOString();
  const run = x.db.transaction((): number[] => {
    const deltas = new RollupDeltas();
    const ids = prepared.map((p) => saveOne(x, p.item, p.derived, p.doc, now, deltas));
    applyDeltas(x, deltas);
    return ids;
  });
  return run.immediate();
}

function saveOne(x: Sqlite, item: AnalysisInput, d: Derived, doc: Buffer, now: string, deltas: RollupDeltas): number {
  const art = x.stmt.get('SELECT a.id, a.dated_at, a.source_id, a.latest_analysis_id, a.language, t.text FROM articles a JOIN article_texts t ON t.id = a.id WHERE a.id = ?').get(item.articleId) as
    | { id: number; dated_at: string; source_id: number | null; latest_analysis_id: number | null; language: string | null; text: string }
    | undefined;
  if (!art) throw new StoreError(`saveAnalyses: article ${item.articleId} does not exist`);
  const place: Place = { day: dayOf(art.dated_at), sourceId: art.source_id };
  if (art.latest_analysis_id !== null) {
    deltas.analysis(place, contributionOf(x, art.latest_analysis_id), -1);
    for (const table of ['spans', 'doc_labels', 'quotes', 'actor_mentions']) x.stmt.get(`DELETE FROM ${table} WHERE article_id = ?`).run(art.id);
    x.stmt.get('UPDATE analyses SET is_latest = 0 WHERE id = ?').run(art.latest_analysis_id);
  }
  const sameText = item.analysis.text === art.text;
  const id = Number(
    x.stmt
      .get(
        `INSERT INTO analyses (article_id, model, model_version, created_at, is_latest, language, word_count, counts, contribution, text, doc)
         VALUES (?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        art.id, item.model.name, item.model.version, item.createdAt ? new Date(item.createdAt).toISOString() : now, d.language, d.wordCount,
        JSON.stringify(d.counts), JSON.stringify(d.contribution), sameText ? null : item.analysis.text, doc,
      ).lastInsertRowid,
  );
  const span = x.stmt.get('INSERT INTO spans (article_id, analysis_id, layer, label, category, start, "end", score, paragraph) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
  for (const s of d.spans) span.run(art.id, id, s.layer, s.label, s.category, s.start, s.end, s.score, s.paragraph);
  const label = x.stmt.get('INSERT INTO doc_labels (article_id, analysis_id, layer, label, parent, score) VALUES (?, ?, ?, ?, ?, ?)');
  for (const l of d.docLabels) label.run(art.id, id, l.layer, l.label, l.parent, l.score);
  const quote = x.stmt.get(
    `INSERT INTO quotes (article_id, analysis_id, actor_key, speaker, type, start, "end", cue_start, cue_end, speaker_start, speaker_end, dated_at, text)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const q of d.quotes) quote.run(art.id, id, q.actorKey, q.speaker, q.type, q.start, q.end, q.cueStart, q.cueEnd, q.speakerStart, q.speakerEnd, art.dated_at, q.text);
  const actor = x.stmt.get(
    `INSERT INTO actors (key, name, type, title, affiliation, aliases, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET title = coalesce(actors.title, excluded.title), affiliation = coalesce(actors.affiliation, excluded.affiliation)
     WHERE (actors.title IS NULL AND excluded.title IS NOT NULL) OR (actors.affiliation IS NULL AND excluded.affiliation IS NOT NULL)`,
  );
  for (const a of d.actors) actor.run(a.key, a.name, a.type, a.title, a.affiliation, JSON.stringify(a.aliases), now);
  const mention = x.stmt.get('INSERT INTO actor_mentions (article_id, actor_key, analysis_id, name, mentions, quotes, role) VALUES (?, ?, ?, ?, ?, ?, ?)');
  for (const m of d.mentions) mention.run(art.id, m.actorKey, id, m.name, m.mentions, m.quotes, m.role);
  x.stmt.get('UPDATE articles SET latest_analysis_id = ?, needs_analysis = ? WHERE id = ?').run(id, sameText ? 0 : 1, art.id);
  // apart, and only when it fills a gap: a changed language re-indexes the article's text
  if (art.language === null && d.language !== null) x.stmt.get('UPDATE articles SET language = ? WHERE id = ?').run(d.language, art.id);
  deltas.analysis(place, d.contribution, 1);
  return id;
}
