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
  /** Named entities (the `entities` layer), each with its resolved actor. */
  entities?: EntityJson[];
  /** People, organisations and places with all their mentions (the `actors` layer). */
  actors?: ActorJson[];
  /** Quotes with cue, local speaker mention and resolved actor (the `quotes` layer). */
  quotes?: QuoteJson[];
  /** Opinion, reporting or satire (the `genre` layer). */
  genre?: GenreJson;
  /** Frames, most probable first (the `frames` layer). */
  frames?: LabelJson[];
  /** Sentences worth a fact-check (the `claims` layer). */
  claims?: ClaimJson[];
  /** Known narratives (SemEval-2025 Task 10 taxonomy) with their sub-narratives (the `narratives` layer). */
  narratives?: NarrativeJson[];
  /** Known disinformation cases that a claim of the article states (the `known-cases` layer). */
  knownCases?: KnownCaseJson[];
}

export interface NarrativeJson {
  label: string;
  /** The narrative's short name, without its domain prefix. */
  name: string;
  domain?: string | null;
  score: number;
  sublabels: { label: string; score: number }[];
  evidence: string[];
}

export interface KnownCaseJson {
  /** The claim of the article (offsets), and the case it matches. */
  claim: { start: number; end: number };
  caseId: string;
  similarity: number;
  summary: string;
  /** Why the case's claim is false, as the catalogue gives it ('' when it gives none). */
  disproof: string;
  url: string | null;
}

export interface ClaimJson {
  start: number;
  end: number;
  score: number;
  evidence: string[];
}

export interface LabelJson {
  label: string;
  score: number;
  evidence: string[];
}

export interface GenreJson extends LabelJson {
  scores: Record<string, number>;
}

export interface OutputOptions {
  /** Layers to include; others that ran as requirements are left out. Default: all that ran. */
  layers?: readonly string[];
}

/** An attribute that is itself a span of the text (a quote's cue or speaker). */
function isOffsetPair(value: unknown): value is { start: number; end: number } {
  return typeof value === 'object' && value !== null && typeof (value as { start?: unknown }).start === 'number' && typeof (value as { end?: unknown }).end === 'number';
}

function convertSpan(span: Span, map: OffsetMap): SpanJson {
  const out: SpanJson = { start: map.toCodePoint(span.start), end: map.toCodePoint(span.end), label: span.label };
  if (span.score !== undefined) out.score = span.score;
  if (span.evidence !== undefined) out.evidence = span.evidence;
  if (span.attrs !== undefined) {
    // attributes that point into the text ({start, end}) leave the process in code points too
    const attrs: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(span.attrs)) attrs[k] = isOffsetPair(v) ? { ...v, start: map.toCodePoint(v.start), end: map.toCodePoint(v.end) } : v;
    out.attrs = attrs;
  }
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
  Object.assign(out, whoSaidWhat(layers), articleLabels(layers));
  if (doc.id !== undefined) out.doc = doc.id;
  if (doc.title !== undefined) out.title = doc.title;
  if (doc.source !== undefined) out.source = doc.source;
  return reorder(out);
}

/** An entity as the top-level `entities` list gives it. */
export interface EntityJson {
  start: number;
  end: number;
  type: string;
  /** The actor this mention refers to (an `actors[].id`), when resolved. */
  actor: string | null;
}

export interface ActorJson {
  id: string;
  name: string;
  type: string;
  title: string | null;
  affiliation: string | null;
  aliases: string[];
  /** Places or buildings standing for the actor ("the Kremlin"). */
  via?: string[];
  /** How the article casts the actor (the `roles` layer): Protagonist, Antagonist or Innocent, with fine roles. */
  role?: { main: string; fine: string[]; score: number };
  mentions: { start: number; end: number; kind: string }[];
}

export interface QuoteJson {
  start: number;
  end: number;
  type: string;
  cue: { start: number; end: number } | null;
  speaker: { start: number; end: number; name: string | null } | null;
  actor: string | null;
}

/**
 * The actor a span refers to: the actor mention at the same offsets, else
 * the one overlapping it most ("Kremlin spokesman Dmitry Peskov" holds the
 * mention "Dmitry Peskov").
 */
function actorFinder(actors: LayerJson | undefined): (span: { start: number; end: number } | null | undefined) => string | null {
  const mentions = actors?.status === 'ok' ? actors.spans : [];
  return (span) => {
    if (!span) return null;
    let best: string | null = null;
    let bestOverlap = 0;
    for (const m of mentions) {
      const overlap = Math.min(m.end, span.end) - Math.max(m.start, span.start);
      if (m.start === span.start && m.end === span.end) return m.label;
      if (overlap > bestOverlap) {
        bestOverlap = overlap;
        best = m.label;
      }
    }
    return best;
  };
}

/** The entity, actor and quote layers as the flat lists that the who-said-what views use. */
function whoSaidWhat(layers: Record<string, LayerJson>): Partial<AnalysisJson> {
  const out: Partial<AnalysisJson> = {};
  const actorOf = actorFinder(layers.actors);
  const names = new Map<string, string>();
  const roles = new Map<string, NonNullable<ActorJson['role']>>();
  if (layers.roles?.status === 'ok') {
    for (const l of layers.roles.labels) roles.set(l.label, { main: String(l.attrs?.main), fine: (l.attrs?.fine as string[] | undefined) ?? [], score: l.score ?? 0 });
  }
  if (layers.actors?.status === 'ok') {
    out.actors = layers.actors.labels.map((l) => {
      const a = l.attrs ?? {};
      names.set(l.label, String(a.name ?? l.label));
      const actor: ActorJson = {
        id: l.label,
        name: String(a.name ?? l.label),
        type: String(a.type ?? 'PERSON'),
        title: typeof a.title === 'string' ? a.title : null,
        affiliation: typeof a.affiliation === 'string' ? a.affiliation : null,
        aliases: Array.isArray(a.aliases) ? (a.aliases as string[]) : [],
        mentions: layers.actors!.spans.filter((s) => s.label === l.label).map((s) => ({ start: s.start, end: s.end, kind: String(s.attrs?.kind ?? 'name') })),
      };
      if (Array.isArray(a.via) && a.via.length) actor.via = a.via as string[];
      const role = roles.get(l.label);
      if (role) actor.role = role;
      return actor;
    });
  }
  if (layers.entities?.status === 'ok') {
    out.entities = layers.entities.spans.map((s) => ({ start: s.start, end: s.end, type: s.label, actor: actorOf(s) }));
  }
  if (layers.quotes?.status === 'ok') {
    out.quotes = layers.quotes.spans.map((s) => {
      const cue = isOffsetPair(s.attrs?.cue) ? { start: s.attrs.cue.start, end: s.attrs.cue.end } : null;
      const speakerSpan = isOffsetPair(s.attrs?.speaker) ? { start: s.attrs.speaker.start, end: s.attrs.speaker.end } : null;
      const actor = actorOf(speakerSpan);
      return {
        start: s.start,
        end: s.end,
        type: s.label,
        cue,
        speaker: speakerSpan ? { ...speakerSpan, name: actor ? (names.get(actor) ?? null) : null } : null,
        actor,
      };
    });
  }
  return out;
}

function labelJson(l: DocLabel): LabelJson {
  return { label: l.label, score: l.score ?? 0, evidence: l.evidence ?? [] };
}

/** Article-level findings: genre, frames, claims worth checking, narratives and known cases. */
function articleLabels(layers: Record<string, LayerJson>): Partial<AnalysisJson> {
  const out: Partial<AnalysisJson> = {};
  const genre = layers.genre?.status === 'ok' ? layers.genre.labels[0] : undefined;
  if (genre) out.genre = { ...labelJson(genre), scores: (genre.attrs?.scores as Record<string, number> | undefined) ?? {} };
  if (layers.frames?.status === 'ok') out.frames = layers.frames.labels.map(labelJson);
  if (layers.claims?.status === 'ok') out.claims = layers.claims.spans.map((s) => ({ start: s.start, end: s.end, score: s.score ?? 0, evidence: s.evidence ?? [] }));
  if (layers.narratives?.status === 'ok') {
    out.narratives = layers.narratives.labels.map((l) => ({
      label: l.label,
      name: String(l.attrs?.name ?? l.label),
      domain: typeof l.attrs?.domain === 'string' ? l.attrs.domain : null,
      score: l.score ?? 0,
      sublabels: Array.isArray(l.attrs?.sublabels) ? (l.attrs.sublabels as { label: string; score: number }[]) : [],
      evidence: l.evidence ?? [],
    }));
  }
  const cases = layers['known-cases'];
  if (cases?.status === 'ok') {
    out.knownCases = cases.spans.map((s) => ({
      claim: { start: s.start, end: s.end },
      caseId: String(s.attrs?.caseId),
      similarity: s.score ?? 0,
      summary: String(s.attrs?.summary ?? ''),
      disproof: typeof s.attrs?.disproof === 'string' ? s.attrs.disproof : '',
      url: typeof s.attrs?.url === 'string' ? s.attrs.url : null,
    }));
  }
  return out;
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
