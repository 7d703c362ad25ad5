/**
 * The HTML report of an analysis: one self-contained page (inline CSS, no
 * script, no external resource) with the article and its highlights, a
 * legend and the table of layers.
 *
 * Everything taken from the analysis is escaped with `escapeHtml`, in text
 * and in attributes alike, so an article cannot add markup to the page.
 */
import { findingSections } from './findings.ts';
import type { AnalysisJson } from '../output/analysis-json.ts';
import { offsetMap } from '../text/offsets.ts';
import { segmentText, type Segment } from './segments.ts';
import { paragraphTechniqueRows, quoteRows } from './who-said-what.ts';
import {
  describeHighlight,
  highlightSpans,
  styleKey,
  stylesUsed,
  topHighlight,
  type Highlight,
  type HighlightStyle,
} from './highlights.ts';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Escapes text for HTML content and quoted attribute values alike. Control
 * characters, which HTML does not allow, become visible stand-ins (ESC: ␛).
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]/g, (c) => {
    const entity = ENTITIES[c];
    if (entity) return entity;
    const code = c.charCodeAt(0);
    if (code < 0x20) return String.fromCharCode(0x2400 + code);
    if (code === 0x7f) return '\u2421';
    return `\\x${code.toString(16)}`;
  });
}

/** Article text: escaped, with line breaks inside a paragraph as `<br>`. */
function articleHtml(text: string): string {
  return escapeHtml(text).replace(/\r\n|\n|\r|\u2028|\u2029/g, '<br>\n');
}

const LANGUAGE_TAG = /^[a-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$/;

/** The `lang` value of the article: its language when known, else empty (the HTML way to say unknown). */
function articleLang(code: string): string {
  return code !== 'und' && LANGUAGE_TAG.test(code) ? code : '';
}

const RTL = new Set(['ar', 'he', 'fa', 'ur', 'yi', 'ps', 'sd', 'ug', 'dv', 'ckb']);

const HEX_COLOUR = /^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/;

interface Range {
  start: number;
  end: number;
}

/** A line break, CRLF counting once. */
const BREAK = String.raw`(?:\r\n|\r(?!\n)|\n)`;
const BLANK_LINES = new RegExp(String.raw`${BREAK}(?:[ \t\f\v\u00a0]*${BREAK})+|\u2029`, 'g');

function trim(text: string, r: Range): Range | null {
  let { start, end } = r;
  while (start < end && /\s/u.test(text[start]!)) start++;
  while (end > start && /\s/u.test(text[end - 1]!)) end--;
  return start < end ? { start, end } : null;
}

/**
 * Paragraph ranges (UTF-16): the `paragraphs` layer when it ran, else blocks
 * between blank lines. Text between paragraphs that is not blank (a layer
 * that left something out) gets a paragraph of its own, so nothing is lost.
 */
function paragraphRanges(analysis: AnalysisJson): Range[] {
  const text = analysis.text;
  const layer = analysis.layers.paragraphs;
  let found: Range[] = [];
  if (layer && layer.status === 'ok' && layer.spans.length > 0) {
    const map = offsetMap(text);
    found = layer.spans
      .filter((s) => Number.isInteger(s.start) && Number.isInteger(s.end) && s.start >= 0 && s.start < s.end && s.end <= map.codePointLength)
      .map((s) => ({ start: map.toUtf16(s.start), end: map.toUtf16(s.end) }))
      .sort((a, b) => a.start - b.start);
  } else {
    let start = 0;
    for (const m of text.matchAll(BLANK_LINES)) {
      found.push({ start, end: m.index });
      start = m.index + m[0].length;
    }
    found.push({ start, end: text.length });
  }
  const out: Range[] = [];
  let pos = 0;
  const add = (r: Range): void => {
    const t = trim(text, r);
    if (t) out.push(t);
  };
  for (const p of found) {
    const start = Math.max(p.start, pos);
    if (start >= p.end) continue;
    add({ start: pos, end: start }); // the gap, kept when not blank
    add({ start, end: p.end });
    pos = p.end;
  }
  add({ start: pos, end: text.length });
  return out;
}

function tooltip(highlights: readonly Highlight[], active: readonly number[]): string {
  return active.map((i) => describeHighlight(highlights[i]!).join('\n')).join('\n\n');
}

function formatScore(score: number): string {
  return Number.isFinite(score) ? score.toFixed(2) : String(score);
}

function paragraphHtml(
  text: string,
  range: Range,
  segments: readonly Segment[],
  first: number,
  highlights: readonly Highlight[],
  styleIndex: Map<string, number>,
): string {
  let out = '';
  for (let s = first; s < segments.length && segments[s]!.start < range.end; s++) {
    const seg = segments[s]!;
    const start = Math.max(seg.start, range.start);
    const end = Math.min(seg.end, range.end);
    if (start >= end) continue;
    const piece = articleHtml(text.slice(start, end));
    if (seg.active.length === 0) {
      out += piece;
      continue;
    }
    const top = highlights[topHighlight(highlights, seg.active)]!;
    const classes = `hl hl-${styleIndex.get(styleKey(top.style))}${seg.active.length > 1 ? ' multi' : ''}`;
    const described = seg.active.map((i) => `tip-${i}`).join(' ');
    out +=
      `<mark class="${classes}" tabindex="0" data-layer="${escapeHtml(top.style.layer)}" title="${escapeHtml(tooltip(highlights, seg.active))}"` +
      ` aria-describedby="${described}">${piece}</mark>`;
  }
  return out;
}

const CSS = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; background: #fbfaf7; color: #1b1b1b; font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
.page { max-width: 70ch; margin: 0 auto; padding: 2rem 1.25rem 4rem; }
header .kicker { margin: 0; color: #555; font-size: .85rem; letter-spacing: .06em; text-transform: uppercase; }
h1 { font-family: Georgia, "Iowan Old Style", "Times New Roman", serif; font-size: 1.9rem; line-height: 1.2; margin: .3rem 0 1rem; }
h2 { font-size: 1.1rem; margin: 2.5rem 0 .75rem; padding-bottom: .3rem; border-bottom: 1px solid #d9d6cf; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; margin: 0 0 2rem; font-size: .92rem; color: #333; }
dl.meta dt { font-weight: 600; }
dl.meta dd { margin: 0; overflow-wrap: anywhere; }
article { font-family: Georgia, "Iowan Old Style", "Times New Roman", serif; font-size: 1.125rem; line-height: 1.75; overflow-wrap: break-word; }
article p { margin: 0 0 1.1em; }
mark.hl { color: inherit; border-radius: 2px; padding: .1em 0; position: relative; -webkit-box-decoration-break: clone; box-decoration-break: clone; }
mark.hl.multi { box-shadow: inset 0 -2px 0 #6b5d45; }
mark.hl:hover { outline: 1px solid #8a8170; }
mark.hl:focus { outline: 2px solid #1f4fbf; outline-offset: 1px; }
mark.hl:focus::after { content: attr(title); position: absolute; left: 0; top: 100%; z-index: 10; margin-top: .35rem; width: max-content; max-width: min(40ch, 80vw);
  padding: .45rem .6rem; background: #1b1b1b; color: #fff; font: .8rem/1.4 system-ui, sans-serif; white-space: pre-line; border-radius: 4px; }
ul.legend { list-style: none; padding: 0; margin: 0; font-size: .95rem; }
ul.findings { list-style: none; padding: 0; } ul.findings > li { margin: .5rem 0; } ul.findings ul { margin: .2rem 0 0 3.2rem; padding: 0; color: #555; font-size: .9rem; } .score { display: inline-block; min-width: 2.8rem; text-align: right; font-variant-numeric: tabular-nums; }
ul.legend li { display: flex; align-items: baseline; gap: .6rem; margin: .3rem 0; }
.swatch { display: inline-block; flex: none; width: 2.2em; height: 1.1em; border: 1px solid #8a8170; border-radius: 2px; vertical-align: middle; }
.muted { color: #555; }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; }
th, td { text-align: left; vertical-align: top; padding: .4rem .5rem; border-bottom: 1px solid #e2dfd8; }
th { font-weight: 600; border-bottom: 2px solid #d9d6cf; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
td.note { overflow-wrap: anywhere; }
code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .9em; }
.status { display: inline-block; padding: 0 .4rem; border-radius: 3px; font-size: .85em; white-space: nowrap; }
.status-ok { background: #e3f4e8; color: #0b5a2a; }
.status-other { background: #fff1d0; color: #6b4200; }
footer { margin-top: 3rem; font-size: .8rem; color: #555; }
@media print { mark.hl:focus::after { display: none; } body { background: #fff; } }
`;

function styleCss(styles: readonly HighlightStyle[]): string {
  return styles
    .map((s, i) => {
      const colour = HEX_COLOUR.test(s.colour) ? s.colour : '#ffff87';
      return `.hl-${i} { background: ${colour}; }`;
    })
    .join('\n');
}

function meta(analysis: AnalysisJson): string {
  const rows: [string, string][] = [];
  if (analysis.doc !== undefined) rows.push(['Document', escapeHtml(analysis.doc)]);
  const source = analysis.source;
  if (source?.url !== undefined) rows.push(['Source', escapeHtml(source.url)]);
  else if (source?.path !== undefined) rows.push(['Source', escapeHtml(source.path)]);
  const lang = analysis.language;
  const reliability = lang.reliable === undefined ? '' : lang.reliable ? ', reliable' : ', not reliable';
  const code = lang.code === 'und' ? 'undetermined' : `<code>${escapeHtml(lang.code)}</code>`;
  rows.push(['Language', `${code} <span class="muted">(score ${formatScore(lang.score)}${reliability})</span>`]);
  rows.push(['Length', `${analysis.length} characters`]);
  for (const name of ['paragraphs', 'sentences']) {
    const layer = analysis.layers[name];
    const value = !layer ? 'not analysed' : layer.status === 'ok' ? String(layer.spans.length) : `n/a (${escapeHtml(layer.status)})`;
    rows.push([name[0]!.toUpperCase() + name.slice(1), value]);
  }
  return `<dl class="meta">\n${rows.map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`).join('\n')}\n</dl>`;
}

function legendHtml(styles: readonly HighlightStyle[], counts: Map<string, number>): string {
  if (styles.length === 0) return '<p class="muted">No layer of this analysis is highlighted.</p>';
  const items = styles.map(
    (s, i) =>
      `<li><span class="swatch hl-${i}" aria-hidden="true"></span><span><strong>${escapeHtml(s.layer)}: ${escapeHtml(s.label)}</strong>` +
      ` <span class="muted">(${counts.get(styleKey(s)) ?? 0})</span> - ${escapeHtml(s.title)}</span></li>`,
  );
  return `<ul class="legend">\n${items.join('\n')}\n</ul>\n<p class="muted">Highlights can be reached with the Tab key; each one's details show on focus and on hover.</p>`;
}

function whoSaidWhatHtml(analysis: AnalysisJson): string {
  const rows = quoteRows(analysis);
  if (!rows.length) return '';
  const body = rows.map(
    (r) =>
      `<tr><th scope="row">${escapeHtml(r.speaker)}</th><td>${escapeHtml(r.type)}</td><td>${escapeHtml(r.cue)}</td>` +
      `<td class="quote">${escapeHtml(r.quote)}</td><td>${r.techniques.map(escapeHtml).join(', ')}</td></tr>`,
  );
  return (
    '<section aria-labelledby="quotes-heading">\n<h2 id="quotes-heading">Who said what</h2>\n<div class="table-wrap"><table>\n' +
    '<thead><tr><th scope="col">Speaker</th><th scope="col">Type</th><th scope="col">Cue</th><th scope="col">Quote</th><th scope="col">Techniques inside</th></tr></thead>\n<tbody>\n' +
    body.join('\n') +
    '\n</tbody>\n</table></div>\n</section>'
  );
}

function findingsHtml(analysis: AnalysisJson): string {
  return findingSections(analysis)
    .map(
      (section) =>
        `<section aria-labelledby="${section.id}-heading">\n<h2 id="${section.id}-heading">${escapeHtml(section.title)}</h2>\n<ul class="findings">\n` +
        section.rows
          .map(
            (r) =>
              `<li><span class="score">${Math.round(r.score * 100)}%</span> <strong>${escapeHtml(r.head)}</strong>` +
              (r.details.length ? `<ul>${r.details.map((d) => `<li>${escapeHtml(d)}</li>`).join('')}</ul>` : '') +
              '</li>',
          )
          .join('\n') +
        '\n</ul>\n</section>',
    )
    .join('\n');
}

function paragraphTechniquesHtml(analysis: AnalysisJson): string {
  const rows = paragraphTechniqueRows(analysis);
  if (!rows.length) return '';
  const body = rows.map(
    (r) =>
      `<tr><th scope="row">${r.paragraph}</th><td>${escapeHtml(r.opening)}</td>` +
      `<td>${r.techniques.map((t) => `${escapeHtml(t.technique)} (${formatScore(t.score)})`).join(', ')}</td></tr>`,
  );
  return (
    '<section aria-labelledby="paragraphs-heading">\n<h2 id="paragraphs-heading">Techniques by paragraph</h2>\n<div class="table-wrap"><table>\n' +
    '<thead><tr><th scope="col">¶</th><th scope="col">Opening words</th><th scope="col">Techniques (score)</th></tr></thead>\n<tbody>\n' +
    body.join('\n') +
    '\n</tbody>\n</table></div>\n</section>'
  );
}

function layersHtml(analysis: AnalysisJson): string {
  const rows = Object.entries(analysis.layers).map(([name, layer]) => {
    const status = String(layer.status);
    const model = `${escapeHtml(String(layer.model?.name))}@${escapeHtml(String(layer.model?.version))}`;
    return (
      `<tr><th scope="row">${escapeHtml(name)}</th><td><code>${model}</code></td>` +
      `<td><span class="status ${status === 'ok' ? 'status-ok' : 'status-other'}">${escapeHtml(status)}</span></td>` +
      `<td class="num">${layer.spans.length}</td><td class="num">${layer.labels.length}</td>` +
      `<td class="note">${layer.note !== undefined ? escapeHtml(layer.note) : ''}</td></tr>`
    );
  });
  if (rows.length === 0) return '<p class="muted">No layers.</p>';
  return (
    '<div class="table-wrap"><table>\n<thead><tr><th scope="col">Layer</th><th scope="col">Model</th><th scope="col">Status</th>' +
    '<th scope="col">Spans</th><th scope="col">Labels</th><th scope="col">Note</th></tr></thead>\n<tbody>\n' +
    rows.join('\n') +
    '\n</tbody>\n</table></div>'
  );
}

export function renderHtml(analysis: AnalysisJson): string {
  const text = analysis.text;
  const highlights = highlightSpans(analysis);
  const styles = stylesUsed(highlights);
  const styleIndex = new Map(styles.map((s, i) => [styleKey(s), i]));
  const counts = new Map<string, number>();
  for (const h of highlights) counts.set(styleKey(h.style), (counts.get(styleKey(h.style)) ?? 0) + 1);
  const segments = segmentText(text, highlights);

  const paragraphs: string[] = [];
  let s = 0;
  for (const range of paragraphRanges(analysis)) {
    while (s < segments.length && segments[s]!.end <= range.start) s++;
    paragraphs.push(`<p>${paragraphHtml(text, range, segments, s, highlights, styleIndex)}</p>`);
  }
  const tips = highlights.map((h, i) => `<span id="tip-${i}">${escapeHtml(describeHighlight(h).join('. '))}</span>`);

  const lang = articleLang(analysis.language.code);
  const dir = RTL.has(lang.split('-')[0]!) ? 'rtl' : 'auto';
  const heading = analysis.title ?? analysis.doc;
  const pageTitle = `${heading ?? 'Untitled document'} - spinscope report`;

  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="spinscope">
<title>${escapeHtml(pageTitle)}</title>
<style>${CSS}${styleCss(styles)}
</style>
</head>
<body>
<div class="page">
<header>
<p class="kicker">spinscope report</p>
<h1${heading !== undefined && analysis.title !== undefined ? ` lang="${escapeHtml(lang)}" dir="auto"` : ''}>${heading !== undefined ? escapeHtml(heading) : 'Untitled document'}</h1>
${meta(analysis)}
</header>
<main>
<h2 id="article-heading">Article</h2>
<article lang="${escapeHtml(lang)}" dir="${dir}" aria-labelledby="article-heading">
${paragraphs.length > 0 ? paragraphs.join('\n') : '<p class="muted" lang="en">(empty text)</p>'}
</article>
<div hidden>
${tips.join('\n')}
</div>
<section aria-labelledby="legend-heading">
<h2 id="legend-heading">Legend</h2>
${legendHtml(styles, counts)}
</section>
${whoSaidWhatHtml(analysis)}
${findingsHtml(analysis)}
${paragraphTechniquesHtml(analysis)}
<section aria-labelledby="layers-heading">
<h2 id="layers-heading">Layers</h2>
${layersHtml(analysis)}
</section>
</main>
<footer>Offsets in the analysis are Unicode code points. Schema: <code>${escapeHtml(analysis.schema)}</code></footer>
</div>
</body>
</html>
`;
}
