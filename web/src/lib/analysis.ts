/**
 * Reads the parts of an analysis the views need, whichever way a given
 * analysis carries them: newer analyses have top-level lists (`claims`,
 * `narratives`, `knownCases`), older ones only the layers. Every value is
 * checked for its type, because a stored analysis is input like any other.
 */
import type { Analysis, ClaimJson, KnownCaseJson, NarrativeJson, SublabelJson } from '../types.ts';
import { categoryOf } from './techniques.ts';

export interface TechniqueSpan {
  start: number;
  end: number;
  technique: string;
  category: string;
  score: number;
  evidence: string[];
  /** True for paragraph-level techniques (languages without a span model). */
  paragraph?: boolean;
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function num(value: unknown, fallback = 0): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function layerStatus(a: Analysis, layer: string): { status: string; note?: string } | null {
  const l = a.layers?.[layer];
  if (!l) return null;
  return l.note ? { status: l.status, note: l.note } : { status: l.status };
}

/** Span-level techniques; paragraph-level ones where the language has no span model. */
export function techniqueSpans(a: Analysis): TechniqueSpan[] {
  const own = a.techniques ?? [];
  const paragraph = own.length === 0 && a.paragraphTechniques?.length ? a.paragraphTechniques : null;
  return (paragraph ?? own).map((t) => {
    const span: TechniqueSpan = {
      start: t.start,
      end: t.end,
      technique: String(t.technique),
      category: categoryOf(String(t.technique), t.category),
      score: num(t.score),
      evidence: strings(t.evidence),
    };
    if (paragraph) span.paragraph = true;
    return span;
  });
}

export function claimsOf(a: Analysis): ClaimJson[] {
  if (Array.isArray(a.claims)) return a.claims;
  const layer = a.layers?.claims;
  if (!layer || layer.status !== 'ok') return [];
  const labelled = layer.spans.some((s) => s.label === 'claim');
  return layer.spans
    .filter((s) => !labelled || s.label === 'claim')
    .map((s) => ({ start: s.start, end: s.end, score: num(s.score), evidence: strings(s.evidence) }));
}

export function narrativesOf(a: Analysis): NarrativeJson[] {
  if (Array.isArray(a.narratives)) return a.narratives;
  const layer = a.layers?.narratives;
  if (!layer || layer.status !== 'ok') return [];
  return layer.labels.map((l) => {
    const attrs = l.attrs ?? {};
    const sublabels = Array.isArray(attrs.sublabels) ? (attrs.sublabels as SublabelJson[]) : [];
    const out: NarrativeJson = { label: l.label, sublabels, score: num(l.score), evidence: strings(l.evidence ?? attrs.evidence) };
    const name = str(attrs.name);
    if (name) out.name = name;
    return out;
  });
}

export function sublabelText(s: SublabelJson): { label: string; score?: number } {
  if (typeof s === 'string') return { label: s };
  const out: { label: string; score?: number } = { label: String(s?.label ?? '') };
  if (typeof s?.score === 'number') out.score = s.score;
  return out;
}

/** From the layer when the analysis has it (it also keeps each case's title and date), else the top-level list. */
export function knownCasesOf(a: Analysis): KnownCaseJson[] {
  const layer = a.layers?.['known-cases'];
  if (!layer || layer.status !== 'ok') return Array.isArray(a.knownCases) ? a.knownCases : [];
  return layer.spans.map((s) => {
    const attrs = s.attrs ?? {};
    const out: KnownCaseJson = {
      claim: { start: s.start, end: s.end },
      caseId: String(attrs.caseId ?? ''),
      similarity: num(attrs.similarity, num(s.score)),
      summary: str(attrs.summary) ?? '',
      disproof: str(attrs.disproof) ?? '',
      url: str(attrs.url) ?? null,
    };
    const title = str(attrs.title);
    if (title) out.title = title;
    const date = str(attrs.date);
    if (date) out.date = date;
    return out;
  });
}
