/**
 * The highlight model the text and HTML renderers share: which layers of an
 * analysis are highlighted, in which colours, and what a highlight says
 * about itself.
 *
 * `HIGHLIGHTED_LAYERS` is the one table to extend when a new layer should
 * show up in reports: a layer not in it is listed in the layers table but
 * not highlighted. Base layers other than `sentences` are deliberately left
 * out (tokens and paragraphs would only add noise; paragraphs are drawn as
 * paragraphs).
 */
import type { AnalysisJson, SpanJson } from '../output/analysis-json.ts';
import { offsetMap } from '../text/offsets.ts';
import { CATEGORIES, type Category } from '../analyze/techniques/taxonomy.ts';

export interface HighlightStyle {
  /** Layer the style belongs to. */
  layer: string;
  /** What the legend calls it: a label, a technique category, "sentence (odd)" … */
  label: string;
  /** Background colour in HTML, a CSS hex colour; light, so dark text on it keeps its contrast. */
  colour: string;
  /** Background colour in a terminal, an xterm 256-colour code. */
  ansi: number;
  /** One line for the legend: what the colour means. */
  title: string;
  /**
   * How a renderer without colour marks it: `shade` only marks where each span
   * starts (sentence boundaries), `mark` brackets the span. Default `mark`.
   */
  kind?: 'shade' | 'mark';
}

/** One highlighted span, with UTF-16 offsets into `analysis.text`. */
export interface Highlight {
  start: number;
  end: number;
  style: HighlightStyle;
  /** The span as the analysis has it (code-point offsets). */
  span: SpanJson;
  /** Where highlights overlap, the highest priority is drawn on top. */
  priority: number;
  /** Position of the span in its layer, in start order (0-based). */
  index: number;
}

export interface LayerHighlighter {
  /** Where highlights of several layers overlap, the highest priority is drawn on top. */
  priority: number;
  /** The style of one span (`index`: its position in start order), or null to leave it plain. */
  styleOf(span: SpanJson, index: number): HighlightStyle | null;
}

/** A background colour in both media; the ANSI codes are the xterm colours closest to (mostly equal to) the hex ones. */
export interface Swatch {
  colour: string;
  ansi: number;
}


export const TECHNIQUE_CATEGORY_COLOURS: Record<Category, Swatch> = {
  'Attack on reputation': { colour: '#ffafaf', ansi: 217 },
  Justification: { colour: '#afd7ff', ansi: 153 },
  Simplification: { colour: '#ffd787', ansi: 222 },
  Distraction: { colour: '#d7afff', ansi: 183 },
  Call: { colour: '#afffaf', ansi: 157 },
  'Manipulative wording': { colour: '#ffafd7', ansi: 218 },
};

/** Colours for layers coloured per label; a label always gets the same one. All are xterm cube colours. */
export const LABEL_PALETTE: readonly Swatch[] = [
  { colour: '#ffd7d7', ansi: 224 },
  { colour: '#d7ffd7', ansi: 194 },
  { colour: '#d7d7ff', ansi: 189 },
  { colour: '#ffffaf', ansi: 229 },
  { colour: '#ffd7af', ansi: 223 },
  { colour: '#d7ffff', ansi: 195 },
  { colour: '#ffd7ff', ansi: 225 },
  { colour: '#afd7ff', ansi: 153 },
  { colour: '#d7afff', ansi: 183 },
  { colour: '#afffd7', ansi: 158 },
];

export const SENTENCE_ODD: HighlightStyle = {
  layer: 'sentences',
  label: 'sentence (odd)',
  colour: '#eaf1fb',
  ansi: 255,
  title: 'odd-numbered sentences; the alternating shades show where sentences begin and end',
  kind: 'shade',
};

export const SENTENCE_EVEN: HighlightStyle = {
  layer: 'sentences',
  label: 'sentence (even)',
  colour: '#f8f0dc',
  ansi: 253,
  title: 'even-numbered sentences; the alternating shades show where sentences begin and end',
  kind: 'shade',
};

/** FNV-1a, so that a label keeps its colour from one report to the next. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export function labelSwatch(label: string): Swatch {
  return LABEL_PALETTE[hash(label) % LABEL_PALETTE.length]!;
}

function isCategory(value: unknown): value is Category {
  return typeof value === 'string' && (CATEGORIES as readonly string[]).includes(value);
}

/** A layer coloured per label. */
export function byLabel(layer: string, what: string, priority: number): LayerHighlighter {
  return {
    priority,
    styleOf: (span) => ({ layer, label: span.label, ...labelSwatch(span.label), title: `${what}: ${span.label}` }),
  };
}

/** A layer coloured per technique category (`attrs.category`), else per label. */
export function byCategory(layer: string, what: string, priority: number): LayerHighlighter {
  return {
    priority,
    styleOf(span) {
      const category = span.attrs?.category;
      if (isCategory(category)) {
        return { layer, label: category, ...TECHNIQUE_CATEGORY_COLOURS[category], title: `${what} in the category "${category}"` };
      }
      return { layer, label: span.label, ...labelSwatch(span.label), title: `${what}: ${span.label}` };
    },
  };
}

/** Layers that are highlighted, by layer name. Add a layer here to have both renderers show it. */
export const HIGHLIGHTED_LAYERS: Record<string, LayerHighlighter> = {
  sentences: { priority: 0, styleOf: (_span, index) => (index % 2 === 0 ? SENTENCE_ODD : SENTENCE_EVEN) },
  // Layers of later work; until they exist these entries do nothing.
  entities: byLabel('entities', 'named entity', 10),
  quotes: byLabel('quotes', 'quotation', 20),
  techniques: byCategory('techniques', 'persuasion technique', 30),
};

/** Identifies a style across highlights (styles are compared by layer and label, not by identity). */
export function styleKey(style: HighlightStyle): string {
  return `${style.layer}\u0000${style.label}`;
}

/**
 * The highlights of an analysis, sorted by start (longer first where two
 * start together), with UTF-16 offsets. Layers that did not run on the
 * document (status other than `ok`) and spans outside the text are skipped.
 */
export function highlightSpans(
  analysis: AnalysisJson,
  table: Record<string, LayerHighlighter> = HIGHLIGHTED_LAYERS,
): Highlight[] {
  const map = offsetMap(analysis.text);
  const memo = new Map<string, HighlightStyle>();
  const out: Highlight[] = [];
  for (const [name, layer] of Object.entries(analysis.layers)) {
    const rule = Object.hasOwn(table, name) ? table[name] : undefined;
    if (!rule || layer.status !== 'ok') continue;
    const spans = layer.spans
      .filter((s) => Number.isInteger(s.start) && Number.isInteger(s.end) && s.start >= 0 && s.start < s.end && s.end <= map.codePointLength)
      .sort((a, b) => a.start - b.start || b.end - a.end);
    spans.forEach((span, index) => {
      const found = rule.styleOf(span, index);
      if (!found) return;
      const key = styleKey(found);
      let style = memo.get(key);
      if (!style) memo.set(key, (style = found));
      out.push({ start: map.toUtf16(span.start), end: map.toUtf16(span.end), style, span, priority: rule.priority, index });
    });
  }
  return out.sort((a, b) => a.start - b.start || b.end - a.end || a.priority - b.priority);
}

/** Of several highlights covering the same piece of text, the one drawn on top: highest priority, then the narrowest. */
export function topHighlight(highlights: readonly Highlight[], active: readonly number[]): number {
  let best = -1;
  for (const i of active) {
    const h = highlights[i]!;
    if (best < 0) {
      best = i;
      continue;
    }
    const b = highlights[best]!;
    if (h.priority > b.priority || (h.priority === b.priority && (h.end - h.start < b.end - b.start || (h.end - h.start === b.end - b.start && h.start >= b.start)))) best = i;
  }
  return best;
}

function formatScore(score: number): string {
  return Number.isFinite(score) ? String(Math.round(score * 1000) / 1000) : String(score);
}

/** What a highlight says about itself (tooltip lines): layer and label, category, score, evidence. Raw text: escape it for the medium. */
export function describeHighlight(h: Highlight): string[] {
  const shade = h.style.kind === 'shade';
  // Shades (sentences) are numbered: their label alone says nothing.
  const lines = [`${h.style.layer}: ${h.span.label}${shade ? ` ${h.index + 1}` : ''}`];
  if (h.style.label !== h.span.label && !shade) lines.push(`category: ${h.style.label}`);
  if (typeof h.span.score === 'number') lines.push(`score: ${formatScore(h.span.score)}`);
  for (const e of h.span.evidence ?? []) lines.push(`evidence: ${e}`);
  return lines;
}

/** Distinct styles of the highlights, in order of first appearance. */
export function stylesUsed(highlights: readonly Highlight[]): HighlightStyle[] {
  const seen = new Map<string, HighlightStyle>();
  for (const h of highlights) {
    const key = styleKey(h.style);
    if (!seen.has(key)) seen.set(key, h.style);
  }
  return [...seen.values()];
}
