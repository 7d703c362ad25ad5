/**
 * The "who said what" table of the reports: one row per quote with the
 * speaker (the resolved actor's name, else the words of the local mention),
 * the quote type, the cue and the quoted words, and the techniques used
 * inside the quote. Rows in text order; offsets are code points.
 */
import type { AnalysisJson } from '../output/analysis-json.ts';

export interface QuoteRow {
  speaker: string;
  type: string;
  cue: string;
  quote: string;
  techniques: string[];
}

function slicer(text: string): (start: number, end: number) => string {
  const points = Array.from(text);
  return (start, end) => points.slice(start, end).join('');
}

export function quoteRows(analysis: AnalysisJson): QuoteRow[] {
  if (!analysis.quotes?.length) return [];
  const slice = slicer(analysis.text);
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
