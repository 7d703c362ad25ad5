/**
 * The terminal report of an analysis: a header, the article with its
 * highlights (ANSI background colours, or plain marks without colour), a
 * legend and the table of layers.
 *
 * Everything taken from the analysis goes through `visibleControls`, so an
 * article cannot send escape sequences to the user's terminal; the only
 * escape codes in the output are the ones written here, and only with
 * `color: true`.
 */
import { findingSections } from './findings.ts';
import type { AnalysisJson, LayerJson } from '../output/analysis-json.ts';
import { segmentText } from './segments.ts';
import { paragraphTechniqueRows, quoteRows } from './who-said-what.ts';
import { highlightSpans, styleKey, stylesUsed, topHighlight, type Highlight, type HighlightStyle } from './highlights.ts';

export interface TextRenderOptions {
  /** ANSI colours; false writes no escape code at all. */
  color: boolean;
  /** Wrap the article at this many columns; unset leaves wrapping to the terminal. */
  width?: number;
}

/** Marks the start of each sentence (after the first on a line) when there is no colour. */
export const SENTENCE_MARK = '\u258f'; // ▏

const ESC = '\x1b';
const RESET = `${ESC}[0m`;
const BOLD = `${ESC}[1m`;
const DIM = `${ESC}[2m`;

/**
 * Replaces terminal-control characters with visible stand-ins: C0 controls
 * (other than tab and line feed) with their Unicode control pictures (ESC
 * becomes ␛), DEL with ␡, C1 controls with a `\x9b`-style escape. Line
 * breaks are kept when `lines` is true, else shown as ␤ (CRLF counting once).
 */
export function visibleControls(text: string, lines = true): string {
  return text.replace(/\r\n|[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029]/g, (c) => {
    if (c === '\r\n' || c === '\n' || c === '\r' || c === '\u2028' || c === '\u2029') return lines ? '\n' : '\u2424';
    const code = c.charCodeAt(0);
    if (code < 0x20) return String.fromCharCode(0x2400 + code);
    if (code === 0x7f) return '\u2421';
    return `\\x${code.toString(16)}`;
  });
}

/** Columns a code point takes in a terminal (a fair approximation of wcwidth). */
function charWidth(cp: number, ch: string): number {
  if (cp === 0x200d || (cp >= 0xfe00 && cp <= 0xfe0f) || /[\p{Mn}\p{Me}\p{Cf}]/u.test(ch)) return 0;
  if (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0x303e) ||
    (cp >= 0x3041 && cp <= 0x33ff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0xa000 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1f64f) ||
    (cp >= 0x1f900 && cp <= 0x1f9ff) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  ) {
    return 2;
  }
  return 1;
}

export function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += charWidth(ch.codePointAt(0)!, ch);
  return w;
}

function pad(text: string, width: number, right = false): string {
  const fill = ' '.repeat(Math.max(0, width - displayWidth(text)));
  return right ? fill + text : text + fill;
}

/** A one-line field from the analysis, made safe for the terminal. */
function field(text: string): string {
  return visibleControls(text, false);
}

/** Dark or light text, whichever reads better on an xterm 256-colour background. */
function foregroundFor(ansi: number): number {
  let r: number, g: number, b: number;
  if (ansi >= 232) {
    r = g = b = 8 + 10 * (ansi - 232);
  } else if (ansi >= 16) {
    const levels = [0, 95, 135, 175, 215, 255];
    const i = ansi - 16;
    r = levels[Math.floor(i / 36)]!;
    g = levels[Math.floor(i / 6) % 6]!;
    b = levels[i % 6]!;
  } else {
    const light = [7, 9, 10, 11, 12, 13, 14, 15];
    return light.includes(ansi) ? 16 : 231;
  }
  return 0.2126 * r + 0.7152 * g + 0.0722 * b > 128 ? 16 : 231;
}

function sgrFor(style: HighlightStyle): string {
  const bg = Math.min(255, Math.max(0, Math.trunc(style.ansi)));
  return `${ESC}[48;5;${bg};38;5;${foregroundFor(bg)}m`;
}

const SUPERSCRIPT = '⁰¹²³⁴⁵⁶⁷⁸⁹';
function superscript(n: number): string {
  return [...String(n)].map((d) => SUPERSCRIPT[Number(d)]).join('');
}

interface Cell {
  text: string;
  width: number;
  /** Index into the legend's styles, or -1. */
  style: number;
  space: boolean;
}

/** Marks written without colour at one offset: closing brackets, a sentence mark, opening brackets. */
interface Marks {
  close: string[];
  sentence: boolean;
  open: string[];
}

function plainMarks(highlights: readonly Highlight[], legendIndex: Map<string, number>): Map<number, Marks> {
  const marks = new Map<number, Marks>();
  const at = (pos: number): Marks => {
    let m = marks.get(pos);
    if (!m) marks.set(pos, (m = { close: [], sentence: false, open: [] }));
    return m;
  };
  // Highlights are sorted by start, longer first: opening in that order nests outer outside inner.
  for (const h of highlights) {
    if (h.style.kind === 'shade') {
      at(h.start).sentence = true;
      continue;
    }
    at(h.start).open.push('[');
    at(h.end).close.unshift(`]${superscript(legendIndex.get(styleKey(h.style))! + 1)}`);
  }
  return marks;
}

/** The article as logical lines of cells. */
function articleLines(analysis: AnalysisJson, highlights: readonly Highlight[], styles: readonly HighlightStyle[], color: boolean): Cell[][] {
  const text = analysis.text;
  const legendIndex = new Map(styles.map((s, i) => [styleKey(s), i]));
  const segments = segmentText(text, highlights);
  const marks = color ? new Map<number, Marks>() : plainMarks(highlights, legendIndex);
  const lines: Cell[][] = [];
  let line: Cell[] = [];
  let lineHasText = false;
  const push = (t: string, style: number): void => {
    for (const ch of t) {
      const cp = ch.codePointAt(0)!;
      const space = ch === ' ' || ch === '\t';
      line.push({ text: ch, width: ch === '\t' ? 0 : charWidth(cp, ch), style, space });
      if (!space) lineHasText = true;
    }
  };
  const newLine = (): void => {
    lines.push(line);
    line = [];
    lineHasText = false;
  };
  const emitMarks = (pos: number): void => {
    const m = marks.get(pos);
    if (!m) return;
    for (const c of m.close) push(c, -1);
    if (m.sentence && lineHasText) push(SENTENCE_MARK, -1);
    for (const o of m.open) push(o, -1);
  };

  let seg = 0;
  let styledSeg = -1;
  let style = -1;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0; // a leading byte order mark is not part of what a reader sees
  if (i === 1) emitMarks(0);
  while (i < text.length) {
    while (segments[seg]!.end <= i) seg++;
    if (seg !== styledSeg) {
      const top = color ? topHighlight(highlights, segments[seg]!.active) : -1;
      style = top < 0 ? -1 : legendIndex.get(styleKey(highlights[top]!.style))!;
      styledSeg = seg;
    }
    emitMarks(i);
    const cp = text.codePointAt(i)!;
    const ch = String.fromCodePoint(cp);
    if (ch === '\r' && text[i + 1] === '\n') {
      newLine();
      i += 2;
      continue;
    }
    if (ch === '\n' || ch === '\r' || ch === '\u2028' || ch === '\u2029') {
      newLine();
      i += 1;
      continue;
    }
    push(visibleControls(ch), style);
    i += ch.length;
  }
  emitMarks(text.length);
  lines.push(line);
  return lines;
}

/** Greedy word wrap of one line; tabs advance to the next multiple of 8. */
function wrap(cells: Cell[], width: number | undefined): Cell[][] {
  if (!width || width < 8) return [cells];
  const out: Cell[][] = [];
  let line: Cell[] = [];
  let col = 0;
  let lastSpace = -1;
  const lineWidth = (cs: Cell[]): number => cs.reduce((w, c) => w + (c.text === '\t' ? 8 - (w % 8) : c.width), 0);
  const trimEnd = (cs: Cell[]): Cell[] => {
    let n = cs.length;
    while (n > 0 && cs[n - 1]!.space) n--;
    return cs.slice(0, n);
  };
  for (const c of cells) {
    let w = c.text === '\t' ? 8 - (col % 8) : c.width;
    if (col + w > width && line.length > 0) {
      if (c.space) {
        out.push(trimEnd(line));
        line = [];
        col = 0;
        lastSpace = -1;
        continue;
      }
      if (lastSpace >= 0) {
        const rest = line.slice(lastSpace + 1);
        out.push(trimEnd(line.slice(0, lastSpace)));
        line = rest;
      } else {
        out.push(line);
        line = [];
      }
      col = lineWidth(line);
      lastSpace = -1;
      w = c.text === '\t' ? 8 - (col % 8) : c.width;
    }
    line.push(c);
    col += w;
    if (c.space) lastSpace = line.length - 1;
  }
  out.push(line);
  return out;
}

function emitLine(cells: readonly Cell[], styles: readonly HighlightStyle[], color: boolean): string {
  let out = '';
  let current = -1;
  for (const c of cells) {
    if (color && c.style !== current) {
      if (current >= 0) out += RESET;
      if (c.style >= 0) out += sgrFor(styles[c.style]!);
      current = c.style;
    }
    out += c.text;
  }
  // Reset before each line break, so that no background bleeds into the margin.
  if (color && current >= 0) out += RESET;
  return out;
}

function formatScore(score: number): string {
  return Number.isFinite(score) ? score.toFixed(2) : String(score);
}

function layerCount(layer: LayerJson | undefined): string {
  if (!layer) return 'n/a';
  if (layer.status !== 'ok') return `n/a (${layer.status})`;
  return String(layer.spans.length);
}

function header(analysis: AnalysisJson, color: boolean, width: number): string[] {
  const b = (t: string): string => (color ? `${BOLD}${t}${RESET}` : t);
  const lines: string[] = [];
  const name = analysis.doc ?? analysis.title;
  lines.push(b(`spinscope report: ${name !== undefined ? field(name) : '(untitled document)'}`));
  if (analysis.doc !== undefined && analysis.title !== undefined) lines.push(`Title: ${field(analysis.title)}`);
  const source = analysis.source;
  if (source?.url !== undefined) lines.push(`Source: ${field(source.url)}`);
  else if (source?.path !== undefined) lines.push(`Source: ${field(source.path)}`);
  const lang = analysis.language;
  const reliability = lang.reliable === undefined ? '' : lang.reliable ? ', reliable' : ', not reliable';
  const code = lang.code === 'und' ? 'und (undetermined)' : field(lang.code);
  lines.push(`Language: ${code} (score ${formatScore(lang.score)}${reliability})`);
  lines.push(
    `Length: ${analysis.length} characters · Paragraphs: ${layerCount(analysis.layers.paragraphs)} · Sentences: ${layerCount(analysis.layers.sentences)}`,
  );
  lines.push(rule(width));
  return lines;
}

function rule(width: number): string {
  return '─'.repeat(Math.max(10, Math.min(width, 120)));
}

function legend(styles: readonly HighlightStyle[], counts: Map<string, number>, color: boolean): string[] {
  const lines = [color ? `${BOLD}Legend${RESET}` : 'Legend'];
  if (styles.length === 0) {
    lines.push('  (no highlights)');
    return lines;
  }
  let sentenceMarkListed = false;
  styles.forEach((s, i) => {
    const n = counts.get(styleKey(s)) ?? 0;
    const what = `${field(s.layer)}: ${field(s.label)} (${n}) - ${field(s.title)}`;
    if (color) {
      lines.push(`  ${sgrFor(s)}    ${RESET}  ${what}`);
    } else if (s.kind === 'shade') {
      if (!sentenceMarkListed) lines.push(`  ${SENTENCE_MARK}     ${field(s.layer)}: marks where each sentence starts`);
      sentenceMarkListed = true;
    } else {
      lines.push(`  ${pad(`[…]${superscript(i + 1)}`, 6)}${what}`);
    }
  });
  return lines;
}

function layersTable(analysis: AnalysisJson, color: boolean): string[] {
  const head = ['layer', 'model', 'status', 'spans', 'labels', 'note'];
  const rows = Object.entries(analysis.layers).map(([name, layer]) => [
    field(name),
    `${field(String(layer.model?.name))}@${field(String(layer.model?.version))}`,
    field(String(layer.status)),
    String(layer.spans.length),
    String(layer.labels.length),
    layer.note !== undefined ? field(layer.note) : '',
  ]);
  const widths = head.map((h, c) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[c]!))));
  const numeric = new Set([3, 4]);
  const format = (cells: string[]): string =>
    '  ' +
    cells
      .map((cell, c) => (c === cells.length - 1 ? cell : pad(cell, widths[c]!, numeric.has(c))))
      .join('  ')
      .trimEnd();
  const lines = [color ? `${BOLD}Layers${RESET}` : 'Layers', color ? `${DIM}${format(head)}${RESET}` : format(head)];
  for (const r of rows) lines.push(format(r));
  if (rows.length === 0) lines.push('  (no layers)');
  return lines;
}

/** The quotes as a list: speaker, type and cue, then the quoted words (cut to fit), then techniques inside. */
function whoSaidWhat(analysis: AnalysisJson, color: boolean, width: number): string[] {
  const rows = quoteRows(analysis);
  if (!rows.length) return [];
  const lines = ['', color ? `${BOLD}Who said what${RESET}` : 'Who said what'];
  const room = Math.max(20, width - 6);
  for (const r of rows) {
    const quote = field(r.quote);
    const cut = displayWidth(quote) > room ? `${Array.from(quote).slice(0, room - 1).join('')}…` : quote;
    const head = `${field(r.speaker)} (${r.type}${r.cue ? `, “${field(r.cue)}”` : ''})`;
    lines.push(`  ${color ? `${BOLD}${head}${RESET}` : head}`);
    lines.push(`    ${cut}`);
    if (r.techniques.length) lines.push(`    ${color ? DIM : ''}techniques: ${r.techniques.map(field).join(', ')}${color ? RESET : ''}`);
  }
  return lines;
}

/** Genre and frames, claims, narratives and known cases: a heading each, then score and head, reasons below. */
function findings(analysis: AnalysisJson, color: boolean, width: number): string[] {
  const lines: string[] = [];
  const room = Math.max(20, width - 12);
  const cut = (t: string) => (displayWidth(t) > room ? `${Array.from(t).slice(0, room - 1).join('')}…` : t);
  for (const section of findingSections(analysis)) {
    lines.push('', color ? `${BOLD}${section.title}${RESET}` : section.title);
    for (const r of section.rows) {
      lines.push(`  ${pad(`${Math.round(r.score * 100)}%`, 4, true)}  ${color ? BOLD : ''}${cut(field(r.head))}${color ? RESET : ''}`);
      for (const d of r.details.slice(0, 4)) lines.push(`        ${color ? DIM : ''}${cut(field(d))}${color ? RESET : ''}`);
    }
  }
  return lines;
}

function paragraphTechniques(analysis: AnalysisJson, color: boolean): string[] {
  const rows = paragraphTechniqueRows(analysis);
  if (!rows.length) return [];
  const lines = ['', color ? `${BOLD}Techniques by paragraph${RESET}` : 'Techniques by paragraph'];
  for (const r of rows) {
    lines.push(`  ¶${r.paragraph} ${color ? DIM : ''}${field(r.opening)}${color ? RESET : ''}`);
    lines.push(`    ${r.techniques.map((t) => `${field(t.technique)} ${formatScore(t.score)}`).join(', ')}`);
  }
  return lines;
}

export function renderText(analysis: AnalysisJson, options: TextRenderOptions): string {
  const { color } = options;
  const width = options.width && options.width > 0 ? Math.trunc(options.width) : undefined;
  const highlights = highlightSpans(analysis);
  const styles = stylesUsed(highlights);
  const counts = new Map<string, number>();
  for (const h of highlights) counts.set(styleKey(h.style), (counts.get(styleKey(h.style)) ?? 0) + 1);

  const body: string[] = [];
  for (const line of articleLines(analysis, highlights, styles, color)) {
    for (const piece of wrap(line, width)) body.push(emitLine(piece, styles, color));
  }
  while (body.length > 0 && body[0]!.trim() === '') body.shift();
  while (body.length > 0 && body[body.length - 1]!.trim() === '') body.pop();

  const out = [
    ...header(analysis, color, width ?? 72),
    '',
    ...body,
    '',
    rule(width ?? 72),
    ...legend(styles, counts, color),
    ...whoSaidWhat(analysis, color, width ?? 72),
    ...findings(analysis, color, width ?? 72),
    ...paragraphTechniques(analysis, color),
    '',
    ...layersTable(analysis, color),
  ];
  return out.join('\n') + '\n';
}
