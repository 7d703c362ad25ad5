/**
 * The machine format of an analysis, as `analyze --format json` and each
 * `batch` line print it. This is where offsets leave the process, so every
 * offset is converted here from UTF-16 indices to code points, once.
 * The shape is described by docs/schema/analysis-v1.schema.json.
 */
import type { Doc, DocLabel, DocSource, Layer, ModelInfo, Span } from '../text/document.ts';
import { offsetMap, type OffsetMap } from '../text/offsets.ts';
import { docLanguage } from '../analyze/base/language.ts';

export const ANALYSIS_SCHEMA = 'https://spinscope.dev/schema/analysis-v1.json';

export interface SpanJson {
  start: number;
  end: number;
  label: string;
  score?: number;
  evidence?: string[];
  attrs?: Record<string, unknown>;
}

export interface LayerJson {
  model: ModelInfo;
  status: Layer['status'];
  note?: string;
  spans: SpanJson[];
  labels: DocLabel[];
}

/** A technique span as the top-level `techniques` list gives it. */
export interface TechniqueJson {
  start: number;
  end: number;
  technique: string;
  category: string;
  score: number;
  evidence: string[];
  paragraph?: number;
}

export interface AnalysisJson {
  schema: typeof ANALYSIS_SCHEMA;
  doc?: string;
  title?: string;
  source?: DocSource;
  text: string;
  /** Length of `text` in code points. */
  length: number;
  language: { code: string; score: number; reliable?: boolean };
  layers: Record<string, LayerJson>;
  /** The `techniques` layer's spans in the shape the technique benchmarks use. */
  techniques?: TechniqueJson[];
  /** The `paragraph-techniques` layer: one entry per paragraph and technique. */
  paragraphTechniques?: TechniqueJson[];
}

export interface OutputOptions {
  /** Layers to include; others that ran as requirements are left out. Default: all that ran. */
  layers?: readonly string[];
}

function convertSpan(span: Span, map: OffsetMap): SpanJson {
  const out: SpanJson = { start: map.toCodePoint(span.start), end: map.toCodePoint(span.end), label: span.label };
  if (span.score !== undefined) out.score = span.score;
  if (span.evidence !== undefined) out.evidence = span.evidence;
  if (span.attrs !== undefined) out.attrs = span.attrs;
  return out;
}

export function toAnalysisJson(doc: Doc, options: OutputOptions = {}): AnalysisJson {
  const map = offsetMap(doc.text);
  const names = options.layers ?? Object.keys(doc.layers);
  const layers: Record<string, LayerJson> = {};
  for (const name of names) {
    const layer = doc.layers[name];
    if (!layer) continue;
    const json: LayerJson = { model: layer.model, status: layer.status, spans: [], labels: layer.labels };
    if (layer.note !== undefined) json.note = layer.note;
    if (map.identity) {
      json.spans = layer.spans;
    } else {
      json.spans = layer.spans.map((s) => convertSpan(s, map));
    }
    layers[name] = json;
  }
  const languageLabel = doc.layers.language?.labels[0];
  const language: AnalysisJson['language'] = { code: docLanguage(doc), score: languageLabel?.score ?? 0 };
  const reliable = languageLabel?.attrs?.reliable;
  if (typeof reliable === 'boolean') language.reliable = reliable;

  const out: AnalysisJson = { schema: ANALYSIS_SCHEMA, text: doc.text, length: map.codePointLength, language, layers };
  if (layers.techniques?.status === 'ok') out.techniques = layers.techniques.spans.map(techniqueJson);
  if (layers['paragraph-techniques']?.status === 'ok') out.paragraphTechniques = layers['paragraph-techniques'].spans.map(techniqueJson);
  if (doc.id !== undefined) out.doc = doc.id;
  if (doc.title !== undefined) out.title = doc.title;
  if (doc.source !== undefined) out.source = doc.source;
  return reorder(out);
}

function techniqueJson(span: SpanJson): TechniqueJson {
  const out: TechniqueJson = {
    start: span.start,
    end: span.end,
    technique: span.label,
    category: String(span.attrs?.category ?? 'unknown'),
    score: span.score ?? 0,
    evidence: span.evidence ?? [],
  };
  if (typeof span.attrs?.paragraph === 'number') out.paragraph = span.attrs.paragraph;
  return out;
}

/** Puts identifying fields first so that a JSONL line reads well from its start. */
function reorder(out: AnalysisJson): AnalysisJson {
  const { schema, doc, title, source, ...rest } = out;
  return {
    schema,
    ...(doc !== undefined && { doc }),
    ...(title !== undefined && { title }),
    ...(source !== undefined && { source }),
    ...rest,
  };
}
