/**
 * The article-level findings both reports show after the article: how the
 * story is told (genre, frames), the sentences worth a fact-check, the known
 * narratives it repeats and the known disinformation cases its claims match,
 * with the disproof. Plain rows, so the text and HTML renderers only format.
 */
import type { AnalysisJson } from '../output/analysis-json.ts';
import { codePointSlicer } from '../text/offsets.ts';

export interface FindingRow {
  /** What the row is about: a label or the start of a sentence. */
  head: string;
  /** Probability or similarity, 0..1. */
  score: number;
  /** Further lines: reasons, sub-narratives, the disproof. */
  details: string[];
}

export interface FindingSection {
  id: string;
  title: string;
  rows: FindingRow[];
}

const pct = (x: number) => `${Math.round(x * 100)}%`;
const label = (s: string) => s.replace(/_/g, ' ');

interface NarrativeJson {
  label: string;
  score: number;
  sublabels?: { label: string; score: number }[];
  evidence?: string[];
}

interface KnownCaseJson {
  claim: { start: number; end: number } | string;
  caseId: string;
  similarity: number;
  summary: string;
  disproof?: string;
  url?: string;
}

export function findingSections(analysis: AnalysisJson): FindingSection[] {
  const out: FindingSection[] = [];
  const slice = codePointSlicer(analysis.text);
  const told: FindingRow[] = [];
  if (analysis.genre) {
    const others = Object.entries(analysis.genre.scores).filter(([g]) => g !== analysis.genre!.label).map(([g, s]) => `${g} ${pct(s)}`);
    told.push({ head: `Genre: ${analysis.genre.label}`, score: analysis.genre.score, details: [`others: ${others.join(', ')}`, ...analysis.genre.evidence.map((e) => `because of ${e}`)] });
  }
  for (const f of analysis.frames ?? []) told.push({ head: `Frame: ${label(f.label)}`, score: f.score, details: f.evidence.map((e) => `because of ${e}`) });
  if (told.length) out.push({ id: 'framing', title: 'How the story is told', rows: told });

  const claims = (analysis.claims ?? []).slice().sort((a, b) => b.score - a.score);
  if (claims.length) {
    out.push({ id: 'claims', title: 'Claims worth checking', rows: claims.map((c) => ({ head: slice(c.start, c.end).replace(/\s+/g, ' ').trim(), score: c.score, details: c.evidence })) });
  }
  const narratives = (analysis as { narratives?: NarrativeJson[] }).narratives ?? [];
  if (narratives.length) {
    out.push({
      id: 'narratives',
      title: 'Known narratives',
      rows: narratives.map((n) => ({
        head: label(n.label),
        score: n.score,
        details: [...(n.sublabels ?? []).map((s) => `${label(s.label)} (${pct(s.score)})`), ...(n.evidence ?? []).map((e) => `evidence: ${e}`)],
      })),
    });
  }
  const cases = (analysis as { knownCases?: KnownCaseJson[] }).knownCases ?? [];
  if (cases.length) {
    out.push({
      id: 'known-cases',
      title: 'Matching known disinformation cases',
      rows: cases.map((k) => ({
        head: `${typeof k.claim === 'string' ? k.claim : slice(k.claim.start, k.claim.end).trim()} → case ${k.caseId}`,
        score: k.similarity,
        details: [`case: ${k.summary}`, ...(k.disproof ? [`disproof: ${k.disproof}`] : []), ...(k.url ? [k.url] : [])],
      })),
    });
  }
  return out;
}
