/**
 * Tables of the reports besides the highlighted article. The "who said what" table: one row per quote with the
 * speaker (the resolved actor's name, else the words of the local mention),
 * the quote type, the cue and the quoted words, and the techniques used
 * inside the quote. Rows in text order; offsets are code points.
 */
import type { AnalysisJson } from '../output/analysis-json.ts';
import { codePointSlicer } from '../text/offsets.ts';

export interface QuoteRow {
  speaker: string;
  type: string;
  cue: string;
  quote: string;
  techniques: string[];
}

export function quoteRows(analysis: AnalysisJson): QuoteRow[] {
  if (!analysis.quotes?.length) return [];
  const slice = codePointSlicer(analysis.text);
  return analysis.quotes.map((q) => {
    const inside = (analysis.techniques ?? []).filter((t) => t.start >= q.start && t.end <= q.end);
    return {
      speaker: q.speaker?.name ?? (q.speaker ? slice(q.speaker.start, q.speaker.end) : '(unattributed)'),
      type: q.type,
      cue: q.cue ? slice(q.cue.start, q.cue.end) : '',
      quote: slice(q.start, q.end).replace(/\s+/g, ' ').trim(),
      techniques: [...new Set(inside.map((t) => t.technique))],
    };
  });
}

export interface ParagraphTechniquesRow {
  paragraph: number;
  /** The paragraph's first words. */
  opening: string;
  techniques: { technique: string; score: number }[];
}

/** The paragraph-techniques layer grouped by paragraph, for the reports. */
export function paragraphTechniqueRows(analysis: AnalysisJson): ParagraphTechniquesRow[] {
  const byParagraph = new Map<number, ParagraphTechniquesRow>();
  const slice = codePointSlicer(analysis.text);
  for (const t of analysis.paragraphTechniques ?? []) {
    const n = t.paragraph ?? 0;
    let row = byParagraph.get(n);
    if (!row) {
      const words = slice(t.start, t.end).replace(/\s+/g, ' ').trim();
      byParagraph.set(n, (row = { paragraph: n, opening: words.length > 60 ? `${words.slice(0, 59)}…` : words, techniques: [] }));
    }
    row.techniques.push({ technique: t.technique, score: t.score });
  }
  return [...byParagraph.values()].sort((a, b) => a.paragraph - b.paragraph);
}
