/**
 * The rows an analysis adds besides its JSON: technique and other spans,
 * document labels, quotes, actors and their mentions, plus its contribution
 * to the dashboard rollups. Layers are stored generically (spans and
 * document labels by layer name), so a layer added later (`claims`,
 * `narratives`, `frames`) is searchable without a change here.
 *
 * Technique spans are kept once, under the layer name `techniques`: from the
 * span-level layer when it ran, else from `paragraph-techniques` (languages
 * without a span model), so that every analysed article counts in technique
 * rates exactly once.
 */
import type { AnalysisJson, LayerJson } from '../output/analysis-json.ts';
import { codePointSlicer } from '../text/offsets.ts';
import { countWords } from './article-row.ts';

export const TECHNIQUES = 'techniques';
/** Joins a label and its sublabel in the rollups: `Ukraine is the aggressor::Ukraine started the war`. */
export const SUBLABEL = '::';
const ROLES = 'roles';
const PARAGRAPH_TECHNIQUES = 'paragraph-techniques';

/** Layers whose spans are structure or have tables of their own; their detail stays in the JSON. */
const NOT_SPANS = new Set(['language', 'paragraphs', 'sentences', 'tokens', 'entities', 'actors', 'quotes', TECHNIQUES, PARAGRAPH_TECHNIQUES]);
/** Layers whose document labels are not labels of the document (the actors layer lists actors there). */
const NOT_DOC_LABELS = new Set(['language', 'actors']);

export interface SpanRow {
  layer: string;
  label: string;
  category: string | null;
  start: number;
  end: number;
  score: number | null;
  paragraph: number | null;
}

export interface DocLabelRow {
  layer: string;
  label: string;
  /** For a sublabel (a narrative's sub-narrative): the label it belongs to; for a role: the actor cast in it. */
  parent: string | null;
  score: number | null;
  /** The label it counts under in the rollups: `label`, or `parent::label` for a sublabel. */
  rollup: string;
}

export interface QuoteRow {
  actorKey: string | null;
  speaker: string | null;
  text: string;
  type: string;
  start: number;
  end: number;
  cueStart: number | null;
  cueEnd: number | null;
  speakerStart: number | null;
  speakerEnd: number | null;
}

export interface ActorRow {
  key: string;
  name: string;
  type: string;
  title: string | null;
  affiliation: string | null;
  aliases: string[];
}

export interface MentionRow {
  actorKey: string;
  name: string;
  mentions: number;
  quotes: number;
  /** How the article casts the actor (`roles` layer): Protagonist, Antagonist, Innocent. */
  role: string | null;
}

/**
 * What one analysis adds to the rollups. It is stored with the analysis so
 * that replacing the analysis subtracts exactly what was added, even if this
 * derivation changes between versions.
 */
export interface Contribution {
  words: number;
  /** Layers that ran, so that shares and rates divide by the articles that could have had a label. */
  layers: string[];
  /** [layer, label, spans (1 for a document label)]. */
  labels: [string, string, number][];
  /** [actor key, mentions, quotes]. */
  actors: [string, number, number][];
}

export interface Derived {
  spans: SpanRow[];
  docLabels: DocLabelRow[];
  quotes: QuoteRow[];
  actors: ActorRow[];
  mentions: MentionRow[];
  contribution: Contribution;
  counts: Record<string, number>;
  language: string | null;
  wordCount: number;
}

function ran(layer: LayerJson | undefined): layer is LayerJson {
  return layer !== undefined && layer.status === 'ok';
}

function techniqueLayer(analysis: AnalysisJson): LayerJson | undefined {
  const spans = analysis.layers[TECHNIQUES];
  if (ran(spans)) return spans;
  const paragraphs = analysis.layers[PARAGRAPH_TECHNIQUES];
  return ran(paragraphs) ? paragraphs : undefined;
}

function str(v: unknown): string | null {
  return typeof v === 'string' && v !== '' ? v : null;
}

function num(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

function spanRow(layer: string, s: LayerJson['spans'][number]): SpanRow {
  return { layer, label: s.label, category: str(s.attrs?.category), start: s.start, end: s.end, score: num(s.score), paragraph: num(s.attrs?.paragraph) };
}

function docLabels(name: string, layer: LayerJson): DocLabelRow[] {
  const out = new Map<string, DocLabelRow>();
  const add = (row: DocLabelRow): void => {
    const key = `${row.parent ?? ''}\u0000${row.label}`;
    const seen = out.get(key);
    if (!seen || (row.score ?? -1) > (seen.score ?? -1)) out.set(key, row);
  };
  for (const l of layer.labels) {
    if (name === ROLES) {
      // a role layer labels actors: the row names the role, its parent the actor, so that
      // roles (three of them, a dozen fine ones) are what filters and rollups count
      const main = str(l.attrs?.main);
      if (!main) continue;
      add({ layer: name, label: main, parent: l.label, score: num(l.score), rollup: main });
      const fine = Array.isArray(l.attrs?.fine) ? (l.attrs.fine as unknown[]) : [];
      for (const f of fine) if (typeof f === 'string' && f) add({ layer: name, label: f, parent: l.label, score: null, rollup: `${main}${SUBLABEL}${f}` });
      continue;
    }
    add({ layer: name, label: l.label, parent: null, score: num(l.score), rollup: l.label });
    const subs = (l as { sublabels?: unknown }).sublabels ?? l.attrs?.sublabels;
    if (Array.isArray(subs)) {
      for (const sub of subs) {
        const label = typeof sub === 'string' ? sub : str((sub as { label?: unknown })?.label);
        if (label) add({ layer: name, label, parent: l.label, score: typeof sub === 'string' ? null : num((sub as { score?: unknown }).score), rollup: `${l.label}${SUBLABEL}${label}` });
      }
    }
  }
  return [...out.values()];
}

export function derive(analysis: AnalysisJson): Derived {
  const spans: SpanRow[] = [];
  const labelRows: DocLabelRow[] = [];
  const layersRan: string[] = [];
  const counts: Record<string, number> = {};

  const techniques = techniqueLayer(analysis);
  if (techniques) {
    for (const s of techniques.spans) spans.push(spanRow(TECHNIQUES, s));
    layersRan.push(TECHNIQUES);
    counts[TECHNIQUES] = techniques.spans.length;
  }
  for (const [name, layer] of Object.entries(analysis.layers)) {
    if (!ran(layer)) continue;
    if (!NOT_SPANS.has(name)) {
      for (const s of layer.spans) spans.push(spanRow(name, s));
      if (layer.spans.length) counts[name] = layer.spans.length;
    }
    if (!NOT_DOC_LABELS.has(name) && layer.labels.length) {
      const rows = docLabels(name, layer);
      labelRows.push(...rows);
      counts[name] = (counts[name] ?? 0) + (name === ROLES ? layer.labels.length : rows.filter((r) => r.parent === null).length);
    }
    if (!NOT_SPANS.has(name) || (!NOT_DOC_LABELS.has(name) && layer.labels.length)) layersRan.push(name);
  }

  const slice = codePointSlicer(analysis.text);
  const actorNames = new Map<string, string>();
  const actors: ActorRow[] = [];
  for (const a of analysis.actors ?? []) {
    if (actorNames.has(a.id)) continue;
    actorNames.set(a.id, a.name);
    actors.push({ key: a.id, name: a.name, type: a.type, title: a.title, affiliation: a.affiliation, aliases: a.aliases });
  }
  const quotes: QuoteRow[] = (analysis.quotes ?? []).map((q) => ({
    actorKey: q.actor,
    speaker: q.speaker?.name ?? (q.speaker ? slice(q.speaker.start, q.speaker.end) : null) ?? (q.actor ? (actorNames.get(q.actor) ?? null) : null),
    text: slice(q.start, q.end),
    type: q.type,
    start: q.start,
    end: q.end,
    cueStart: q.cue?.start ?? null,
    cueEnd: q.cue?.end ?? null,
    speakerStart: q.speaker?.start ?? null,
    speakerEnd: q.speaker?.end ?? null,
  }));
  const quotesBy = new Map<string, number>();
  for (const q of quotes) if (q.actorKey) quotesBy.set(q.actorKey, (quotesBy.get(q.actorKey) ?? 0) + 1);
  // one row per actor key: two actors of an article can fold into one key across articles ("Putin", "Vladimir V. Putin")
  const byKey = new Map<string, MentionRow>();
  for (const a of analysis.actors ?? []) {
    const seen = byKey.get(a.id);
    if (seen) seen.mentions += a.mentions.length;
    else byKey.set(a.id, { actorKey: a.id, name: a.name, mentions: a.mentions.length, quotes: quotesBy.get(a.id) ?? 0, role: a.role?.main ?? null });
  }
  const mentions = [...byKey.values()];
  if (analysis.quotes) counts.quotes = quotes.length;
  if (analysis.actors) counts.actors = actors.length;

  const labelCounts = new Map<string, [string, string, number]>();
  for (const s of spans) {
    const key = `${s.layer}\u0000${s.label}`;
    const c = labelCounts.get(key);
    if (c) c[2]++;
    else labelCounts.set(key, [s.layer, s.label, 1]);
  }
  for (const l of labelRows) {
    // a sublabel counts under its path, so that the top level adds up by itself; an article counts once per label
    const key = `${l.layer}\u0000${l.rollup}`;
    if (!labelCounts.has(key)) labelCounts.set(key, [l.layer, l.rollup, 1]);
  }
  const wordCount = countWords(analysis.text);
  const code = analysis.language?.code;
  return {
    spans,
    docLabels: labelRows,
    quotes,
    actors,
    mentions,
    contribution: {
      words: wordCount,
      layers: layersRan,
      labels: [...labelCounts.values()],
      actors: mentions.map((m) => [m.actorKey, m.mentions, m.quotes]),
    },
    counts,
    language: code && code !== 'und' ? code : null,
    wordCount,
  };
}
