/**
 * AnalysisJson documents built from a description instead of by running the
 * analysers, in exactly the shape `toAnalysisJson` gives: for the store's
 * tests (known counts), its crash test and its benchmark (a million analyses
 * in minutes). Offsets are code points.
 */
import { ANALYSIS_SCHEMA, type AnalysisJson, type LayerJson, type TechniqueJson } from '../output/analysis-json.ts';
import { categoryOf } from '../analyze/techniques/taxonomy.ts';
import { codePointLength } from '../text/offsets.ts';

export interface SyntheticSpan {
  label: string;
  start: number;
  end: number;
  score?: number;
}

export interface SyntheticActor {
  id: string;
  name: string;
  type?: string;
  title?: string;
  affiliation?: string;
  mentions: { start: number; end: number }[];
}

export interface SyntheticQuote {
  start: number;
  end: number;
  type?: string;
  speaker?: { start: number; end: number };
  actor: string | null;
}

export interface SyntheticLabel {
  label: string;
  score?: number;
  sublabels?: string[];
}

export interface SyntheticSpec {
  language?: string;
  /** Span-level techniques (English). */
  techniques?: SyntheticSpan[];
  /** Paragraph-level techniques, with their paragraph number. */
  paragraphTechniques?: (SyntheticSpan & { paragraph: number })[];
  actors?: SyntheticActor[];
  quotes?: SyntheticQuote[];
  /** Document labels of other layers: `{ frames: [...], genre: [...], narratives: [...] }`. */
  labels?: Record<string, SyntheticLabel[]>;
  /** Spans of other layers: `{ claims: [...] }`. */
  spans?: Record<string, SyntheticSpan[]>;
  model?: { name: string; version: string };
}

const MODEL = { name: 'synthetic', version: '1.0.0' };

function techniqueSpan(s: SyntheticSpan & { paragraph?: number }): LayerJson['spans'][number] {
  const attrs: Record<string, unknown> = { category: categoryOf(s.label) ?? 'unknown' };
  if (s.paragraph !== undefined) attrs.paragraph = s.paragraph;
  return { start: s.start, end: s.end, label: s.label, score: s.score ?? 0.5, evidence: [], attrs };
}

function techniqueJson(span: LayerJson['spans'][number]): TechniqueJson {
  const out: TechniqueJson = { start: span.start, end: span.end, technique: span.label, category: String(span.attrs?.category), score: span.score ?? 0, evidence: [] };
  if (typeof span.attrs?.paragraph === 'number') out.paragraph = span.attrs.paragraph;
  return out;
}

export function syntheticAnalysis(text: string, spec: SyntheticSpec = {}, doc?: string): AnalysisJson {
  const model = spec.model ?? MODEL;
  const language = spec.language ?? 'en';
  const layers: Record<string, LayerJson> = {
    language: { model, status: 'ok', spans: [], labels: [{ label: language, score: 1, attrs: { reliable: true } }] },
  };
  const out: AnalysisJson = { schema: ANALYSIS_SCHEMA, text, length: codePointLength(text), language: { code: language, score: 1, reliable: true }, layers };
  if (doc !== undefined) out.doc = doc;
  if (spec.techniques) {
    layers.techniques = { model, status: 'ok', spans: spec.techniques.map(techniqueSpan), labels: [] };
    out.techniques = layers.techniques.spans.map(techniqueJson);
  } else if (spec.paragraphTechniques) {
    layers.techniques = { model, status: 'unsupported-language', note: 'no span model for this language', spans: [], labels: [] };
  }
  if (spec.paragraphTechniques) {
    layers['paragraph-techniques'] = { model, status: 'ok', spans: spec.paragraphTechniques.map(techniqueSpan), labels: [] };
    out.paragraphTechniques = layers['paragraph-techniques'].spans.map(techniqueJson);
  }
  if (spec.actors) {
    layers.actors = {
      model,
      status: 'ok',
      spans: spec.actors.flatMap((a) => a.mentions.map((m) => ({ start: m.start, end: m.end, label: a.id, attrs: { kind: 'name' } }))),
      labels: spec.actors.map((a) => ({
        label: a.id,
        attrs: { name: a.name, type: a.type ?? 'PERSON', ...(a.title ? { title: a.title } : {}), ...(a.affiliation ? { affiliation: a.affiliation } : {}), aliases: [] },
      })),
    };
    out.actors = spec.actors.map((a) => ({
      id: a.id,
      name: a.name,
      type: a.type ?? 'PERSON',
      title: a.title ?? null,
      affiliation: a.affiliation ?? null,
      aliases: [],
      mentions: a.mentions.map((m) => ({ start: m.start, end: m.end, kind: 'name' })),
    }));
  }
  if (spec.quotes) {
    const names = new Map((spec.actors ?? []).map((a) => [a.id, a.name]));
    layers.quotes = {
      model,
      status: 'ok',
      spans: spec.quotes.map((q) => ({ start: q.start, end: q.end, label: q.type ?? 'direct', attrs: q.speaker ? { speaker: { start: q.speaker.start, end: q.speaker.end } } : {} })),
      labels: [],
    };
    out.quotes = spec.quotes.map((q) => ({
      start: q.start,
      end: q.end,
      type: q.type ?? 'direct',
      cue: null,
      speaker: q.speaker ? { start: q.speaker.start, end: q.speaker.end, name: q.actor ? (names.get(q.actor) ?? null) : null } : null,
      actor: q.actor,
    }));
  }
  for (const [name, labels] of Object.entries(spec.labels ?? {})) {
    layers[name] = {
      model,
      status: 'ok',
      spans: [],
      labels: labels.map((l) => ({ label: l.label, score: l.score ?? 0.5, ...(l.sublabels ? { attrs: { sublabels: l.sublabels } } : {}) })),
    };
  }
  for (const [name, spans] of Object.entries(spec.spans ?? {})) {
    layers[name] = { model, status: 'ok', spans: spans.map((s) => ({ start: s.start, end: s.end, label: s.label, score: s.score ?? 0.5 })), labels: [] };
  }
  return out;
}
