import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AnalysisJson, LayerJson, SpanJson } from '../output/analysis-json.ts';
import { renderHtml, escapeHtml } from './html.ts';

const MODEL = { name: 'spinscope-text', version: '1.0.0' };

/** Code-point offsets of `part` in `text`, counted by hand (not with offsetMap). */
function cp(text: string, part: string): { start: number; end: number } {
  const i = text.indexOf(part);
  assert.ok(i >= 0, `fixture: ${JSON.stringify(part)} is in the text`);
  const start = [...text.slice(0, i)].length;
  return { start, end: start + [...part].length };
}

function layer(spans: SpanJson[], extra: Partial<LayerJson> = {}): LayerJson {
  return { model: MODEL, status: 'ok', spans, labels: [], ...extra };
}

function analysis(text: string, layers: Record<string, LayerJson>, extra: Partial<AnalysisJson> = {}): AnalysisJson {
  return {
    schema: 'https://spinscope.dev/schema/analysis-v1.json',
    text,
    length: [...text].length,
    language: { code: 'en', score: 0.97, reliable: true },
    layers,
    ...extra,
  };
}

/** The text inside each `<mark>` of a layer (marks hold no other element). */
function marked(html: string, layerName: string): string[] {
  return [...html.matchAll(/<mark\b([^>]*)>([^<]*)<\/mark>/g)].filter((m) => m[1]!.includes(`data-layer="${layerName}"`)).map((m) => m[2]!);
}

function article(html: string): string {
  const m = /<article\b[^>]*>([\s\S]*?)<\/article>/.exec(html);
  assert.ok(m, 'has an article');
  return m[1]!;
}

// Hostile values in every field that reaches the page.
const P1 = 'The minister 🙄 said <script>alert(1)</script> was "fine" & \'safe\'.';
const P2 = 'Critics called it a \x1b[31mdisaster.';
const TEXT = `\uFEFF${P1}\r\n\r\n${P2}`;
const TITLE = 'Title <script>alert("title")</script> & \'q\'';
const DOC = 'doc"><script>alert(2)</script>';
const EVIDENCE = 'cue "a disaster" <script>alert(3)</script> \'x\'';
const NOTE = 'no model for language \'xx\' <script>alert(4)</script> "n"';
const MODEL_NAME = 'evil"<script>m</script>';

function hostile(): AnalysisJson {
  return analysis(
    TEXT,
    {
      language: layer([], { model: { name: 'cld3-asm', version: '4.0.0' }, labels: [{ label: 'en', score: 0.97 }] }),
      paragraphs: layer([
        { ...cp(TEXT, P1), label: 'paragraph' },
        { ...cp(TEXT, P2), label: 'paragraph' },
      ]),
      sentences: layer([
        { ...cp(TEXT, P1), label: 'sentence' },
        { ...cp(TEXT, P2), label: 'sentence' },
      ]),
      techniques: layer(
        [
          {
            ...cp(TEXT, 'disaster'),
            label: 'Loaded_Language',
            score: 0.875,
            evidence: [EVIDENCE],
            attrs: { category: 'Manipulative wording' },
          },
        ],
        { model: { name: MODEL_NAME, version: '0.1"' } },
      ),
      frames: layer([], { status: 'unsupported-language', note: NOTE }),
    },
    { doc: DOC, title: TITLE },
  );
}

test('the page is complete and self-contained', () => {
  const html = renderHtml(hostile());
  assert.match(html, /^<!DOCTYPE html>\n<html lang="en">/);
  assert.ok(html.includes('<meta charset="utf-8">'));
  assert.match(html, /<title>[^<]+<\/title>/);
  assert.match(html, /<style>[\s\S]*max-width: 70ch[\s\S]*<\/style>/);
  assert.doesNotMatch(html, /<script|<link|<img|<iframe|\bsrc=|\bhref=|url\(|@import/i, 'no external resource and no script');
  assert.match(html, /<\/html>\n$/);
});

test('everything from the analysis is escaped: text, title, doc, evidence, note, model', () => {
  const html = renderHtml(hostile());
  assert.doesNotMatch(html, /<script/i);
  assert.ok(html.includes('said &lt;script&gt;alert(1)&lt;/script&gt; was &quot;fine&quot; &amp; &#39;safe&#39;.'), 'article text');
  const title = 'Title &lt;script&gt;alert(&quot;title&quot;)&lt;/script&gt; &amp; &#39;q&#39;';
  assert.ok(html.includes(`<title>${title} - spinscope report</title>`), 'page title');
  assert.match(html, new RegExp(`<h1[^>]*>${title.replace(/[()]/g, '\\$&')}</h1>`), 'heading');
  assert.ok(html.includes('<dd>doc&quot;&gt;&lt;script&gt;alert(2)&lt;/script&gt;</dd>'), 'doc id');
  const evidence = 'evidence: cue &quot;a disaster&quot; &lt;script&gt;alert(3)&lt;/script&gt; &#39;x&#39;';
  assert.ok(html.includes(evidence), 'evidence');
  assert.ok(html.includes('no model for language &#39;xx&#39; &lt;script&gt;alert(4)&lt;/script&gt; &quot;n&quot;'), 'note');
  assert.ok(html.includes('evil&quot;&lt;script&gt;m&lt;/script&gt;@0.1&quot;'), 'model name and version');
  // No attribute value is broken out of: every title="…" runs to its closing quote without markup.
  const titles = [...html.matchAll(/\btitle="([^"]*)"/g)].map((m) => m[1]!);
  assert.ok(titles.length >= 3);
  for (const t of titles) assert.doesNotMatch(t, /[<>]/);
  assert.ok(titles.some((t) => t.includes(evidence)), 'the tooltip carries the evidence');
});

test('control characters from the article never reach the page', () => {
  const html = renderHtml(hostile());
  assert.doesNotMatch(html, /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]/);
  assert.ok(html.includes('a ␛[31m'), 'ESC is shown as its control picture');
  assert.ok(!html.includes('\uFEFF'), 'the BOM is not written');
});

test('highlights mark the right substring when an emoji comes first (offsets are code points)', () => {
  const html = renderHtml(hostile());
  // The technique is in the second paragraph, after the emoji of the first.
  assert.deepEqual(marked(html, 'techniques'), ['disaster']);
  assert.ok(article(html).includes('<mark class="hl hl-'), 'is a mark');

  const text = '😀🎉 Prices 🚀 soared. They said it was a catastrophe for everyone.';
  const a = analysis(text, {
    sentences: layer([
      { ...cp(text, '😀🎉 Prices 🚀 soared.'), label: 'sentence' },
      { ...cp(text, 'They said it was a catastrophe for everyone.'), label: 'sentence' },
    ]),
    techniques: layer([{ ...cp(text, 'catastrophe'), label: 'Exaggeration-Minimisation', attrs: { category: 'Simplification' } }]),
  });
  const out = renderHtml(a);
  assert.deepEqual(marked(out, 'techniques'), ['catastrophe']);
  // The sentence around the technique is split into the pieces on either side of it.
  assert.deepEqual(marked(out, 'sentences'), ['😀🎉 Prices 🚀 soared.', 'They said it was a ', ' for everyone.']);
  const tip = /<mark\b[^>]*data-layer="techniques"[^>]*>/.exec(out)![0];
  assert.match(tip, /title="sentences: sentence 2\n\ntechniques: Exaggeration-Minimisation\ncategory: Simplification"/);
  assert.match(tip, /\bmulti\b/, 'overlap is shown');
});

test('tooltips give layer, label, score and evidence, and are reachable by keyboard and screen reader', () => {
  const html = renderHtml(hostile());
  const m = /<mark\b([^>]*)data-layer="techniques"([^>]*)>/.exec(html);
  assert.ok(m);
  const attrs = m[1]! + m[2]!;
  assert.match(attrs, /tabindex="0"/);
  assert.match(attrs, /title="sentences: sentence 2\n\ntechniques: Loaded_Language\ncategory: Manipulative wording\nscore: 0\.875\nevidence: cue &quot;a disaster&quot;/);
  const ids = /aria-describedby="([^"]+)"/.exec(attrs)![1]!.split(' ');
  assert.equal(ids.length, 2);
  const described = ids.map((id) => new RegExp(`<span id="${id}">([^<]*)</span>`).exec(html)?.[1]);
  assert.ok(described.some((d) => d?.startsWith('techniques: Loaded_Language. category: Manipulative wording. score: 0.875. evidence: cue')), String(described));
  for (const mark of html.matchAll(/<mark\b[^>]*>/g)) assert.match(mark[0], /tabindex="0"/);
});

test('the article has the language of the analysis', () => {
  assert.match(renderHtml(hostile()), /<article lang="en"/);
  const de = analysis('Die Preise sind gestiegen.', {}, { language: { code: 'de', score: 0.9 } });
  const out = renderHtml(de);
  assert.match(out, /<article lang="de"/);
  assert.match(out, /<html lang="en">/, 'the page chrome stays English');
  const und = renderHtml(analysis('12345 !!!', {}, { language: { code: 'und', score: 0 } }));
  assert.match(und, /<article lang=""/, 'unknown language is said to be unknown');
  assert.match(renderHtml(analysis('مرحبا بالعالم', {}, { language: { code: 'ar', score: 0.9 } })), /<article lang="ar" dir="rtl"/);
});

test('paragraphs come from the paragraphs layer, else from blank lines', () => {
  const html = renderHtml(hostile());
  const paragraphs = article(html).match(/<p>/g) ?? [];
  assert.equal(paragraphs.length, 2);
  // One paragraph per line, as the layer has it for a text without blank lines.
  const lines = 'Line one.\nLine two.';
  const byLayer = analysis(lines, { paragraphs: layer([{ ...cp(lines, 'Line one.'), label: 'paragraph' }, { ...cp(lines, 'Line two.'), label: 'paragraph' }]) });
  assert.deepEqual([...article(renderHtml(byLayer)).matchAll(/<p>(.*?)<\/p>/g)].map((m) => m[1]), ['Line one.', 'Line two.']);

  const text = 'First block\r\nstill first.\r\n\r\n  \r\nSecond block.\n\nThird 😀 block.';
  const out = article(renderHtml(analysis(text, {})));
  const ps = [...out.matchAll(/<p>([\s\S]*?)<\/p>/g)].map((m) => m[1]);
  assert.deepEqual(ps, ['First block<br>\nstill first.', 'Second block.', 'Third 😀 block.']);
});

test('the legend and the layers table', () => {
  const html = renderHtml(hostile());
  assert.match(html, /<h2 id="legend-heading">Legend<\/h2>/);
  assert.match(html, /<span class="swatch hl-\d+" aria-hidden="true"><\/span><span><strong>techniques: Manipulative wording<\/strong>/);
  assert.match(html, /<strong>sentences: sentence \(odd\)<\/strong>/);
  assert.match(html, /\.hl-\d+ \{ background: #ffafd7; \}/, 'the category colour');
  const row = /<tr><th scope="row">frames<\/th>([\s\S]*?)<\/tr>/.exec(html);
  assert.ok(row, 'a row per layer');
  assert.match(row[1]!, /<code>spinscope-text@1\.0\.0<\/code>/);
  assert.match(row[1]!, />unsupported-language</);
  assert.match(row[1]!, /no model for language &#39;xx&#39;/);
  assert.match(html, /<tr><th scope="row">sentences<\/th><td><code>spinscope-text@1\.0\.0<\/code><\/td><td><span class="status status-ok">ok<\/span><\/td><td class="num">2<\/td>/);
});

test('escapeHtml escapes the five characters', () => {
  assert.equal(escapeHtml(`<a href="x">'&'</a>`), '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
});
