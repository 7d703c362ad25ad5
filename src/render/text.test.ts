import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AnalysisJson, LayerJson, SpanJson } from '../output/analysis-json.ts';
import { renderText, visibleControls, displayWidth } from './text.ts';

const MODEL = { name: 'spinscope-text', version: '1.0.0' };

/** Code-point offsets of the `nth` occurrence of `part` in `text`, counted by hand (not with offsetMap). */
function cp(text: string, part: string, nth = 0): { start: number; end: number } {
  let i = -1;
  for (let k = 0; k <= nth; k++) {
    i = text.indexOf(part, i + 1);
    assert.ok(i >= 0, `fixture: ${JSON.stringify(part)} is in the text`);
  }
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
    language: { code: 'en', score: 0.98, reliable: true },
    layers,
    ...extra,
  };
}

// A BOM, an emoji before the second sentence, CRLF paragraphs, and an article trying to
// recolour the terminal (CSI), set its title (OSC … BEL) and move the cursor (C1 CSI).
const S1 = 'Markets wobbled on Monday.';
const S2 = 'Traders 📉 sold, fast.';
const S3 = 'Then \x1b[31mred\x1b[0m text \x1b]0;pwned\x07 and \x9b2J appeared.';
const TEXT = `\uFEFF${S1} ${S2}\r\n\r\n${S3}`;

function sentencesFixture(): AnalysisJson {
  return analysis(
    TEXT,
    {
      language: layer([], { model: { name: 'cld3-asm', version: '4.0.0' }, labels: [{ label: 'en', score: 0.98 }] }),
      paragraphs: layer([
        { ...cp(TEXT, `${S1} ${S2}`), label: 'paragraph' },
        { ...cp(TEXT, S3), label: 'paragraph' },
      ]),
      sentences: layer([
        { ...cp(TEXT, S1), label: 'sentence' },
        { ...cp(TEXT, S2), label: 'sentence' },
        { ...cp(TEXT, S3), label: 'sentence' },
      ]),
    },
    { doc: 'wobble\x1b[2Jdoc', title: 'Title \x1b]0;evil\x07' },
  );
}

test('without colour there is no escape code at all, even when the article has some', () => {
  const out = renderText(sentencesFixture(), { color: false });
  assert.ok(!out.includes('\x1b'), 'no ESC');
  assert.ok(!out.includes('\x07'), 'no BEL');
  assert.ok(!out.includes('\x9b'), 'no C1 CSI');
  assert.ok(!/[\x00-\x08\x0b-\x1f\x7f-\x9f]/.test(out), 'no control character but \\t and \\n');
  // The controls are shown, not dropped.
  assert.ok(out.includes('Then ␛[31mred␛[0m text ␛]0;pwned␇ and \\x9b2J appeared.'), out);
  assert.ok(out.includes('wobble␛[2Jdoc'), 'the doc id is neutralised too');
});

test('with colour only our own escape codes reach the terminal', () => {
  const out = renderText(sentencesFixture(), { color: true });
  assert.ok(!out.includes('\x1b[31m'), 'the article cannot recolour the terminal');
  assert.ok(!out.includes('\x1b[2J'), 'the doc id cannot clear the screen');
  assert.ok(!out.includes('\x1b]'), 'no operating system command');
  assert.ok(!out.includes('\x07') && !out.includes('\x9b'));
  const codes = out.match(/\x1b[^m]*m/g) ?? [];
  assert.ok(codes.length > 0);
  for (const c of codes) assert.match(c, /^\x1b\[(?:0|1|2|48;5;\d{1,3};38;5;\d{1,3})m$/, `own code ${JSON.stringify(c)}`);
});

test('with colour each sentence is wrapped in its background colour, alternating', () => {
  const out = renderText(sentencesFixture(), { color: true });
  const wrapped = (s: string): number => {
    const m = new RegExp(`\\x1b\\[48;5;(\\d+);38;5;\\d+m${s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\x1b\\[0m`).exec(out);
    assert.ok(m, `${JSON.stringify(s)} is highlighted exactly:\n${JSON.stringify(out)}`);
    return Number(m[1]);
  };
  const odd = wrapped(S1);
  // The emoji before the second sentence would shift it by one if code points were taken for UTF-16 units.
  const even = wrapped(S2);
  assert.notEqual(odd, even, 'neighbouring sentences get different shades');
  // The space between the sentences is not highlighted: the boundary shows.
  assert.ok(out.includes(`${S1}\x1b[0m \x1b[48;5;${even};`), 'the space between them is plain');
  assert.ok(out.includes('\x1b[1m'), 'the header is bold');
});

test('without colour sentence boundaries are marked and the text stays readable', () => {
  const out = renderText(sentencesFixture(), { color: false });
  assert.ok(out.includes(`${S1} ▏${S2}`), out);
  assert.ok(!out.includes(`▏${S1}`), 'no mark before the first sentence of a line');
  assert.ok(!out.includes('\uFEFF'), 'the BOM is not printed');
  assert.ok(!out.includes('\r'), 'CRLF becomes LF');
  assert.ok(out.includes(`${S2}\n\nThen ␛[31m`), 'a blank CRLF line stays a blank line');
});

test('the header has the doc, language, length and counts', () => {
  const out = renderText(sentencesFixture(), { color: false });
  const head = out.split('\n').slice(0, 5).join('\n');
  assert.match(head, /wobble␛\[2Jdoc/);
  assert.match(head, /Title ␛\]0;evil␇/);
  assert.match(head, /Language: en \(score 0\.98, reliable\)/);
  assert.match(head, new RegExp(`Length: ${[...TEXT].length} characters`));
  assert.match(head, /Paragraphs: 2/);
  assert.match(head, /Sentences: 3/);
});

test('the legend lists the styles used', () => {
  const colour = renderText(sentencesFixture(), { color: true });
  assert.match(colour, /sentences: sentence \(odd\) \(2\)/);
  assert.match(colour, /sentences: sentence \(even\) \(1\)/);
  const plain = renderText(sentencesFixture(), { color: false });
  assert.match(plain, /Legend\n {2}▏ +sentences: marks where each sentence starts/);
});

test('the layers table shows model, status, counts and the unsupported-language note', () => {
  const text = 'Рынки снова колебались в понедельник.';
  const note = "unsupported-language: no model for language 'ru'";
  const a = analysis(
    text,
    {
      language: layer([], { model: { name: 'cld3-asm', version: '4.0.0' }, labels: [{ label: 'ru', score: 0.99 }] }),
      paragraphs: layer([{ start: 0, end: [...text].length, label: 'paragraph' }]),
      sentences: layer([], { status: 'unsupported-language', note }),
    },
    { language: { code: 'ru', score: 0.99 } },
  );
  const out = renderText(a, { color: false });
  const lines = out.split('\n');
  const header = lines.find((l) => /^\s*layer\s+model\s+status\s+spans\s+labels\s+note/.test(l));
  assert.ok(header, out);
  const row = lines.find((l) => l.trim().startsWith('sentences '));
  assert.ok(row, out);
  assert.match(row, /spinscope-text@1\.0\.0\s+unsupported-language\s+0\s+0\s+unsupported-language: no model for language 'ru'/);
  assert.match(lines.find((l) => l.trim().startsWith('language '))!, /cld3-asm@4\.0\.0\s+ok\s+0\s+1/);
  assert.match(lines.find((l) => l.trim().startsWith('paragraphs '))!, /ok\s+1\s+0/);
  assert.match(out, /Sentences: n\/a \(unsupported-language\)/);
  assert.ok(!out.includes('▏'), 'a layer that did not run is not highlighted');
});

test('a width wraps the article at word boundaries without losing text', () => {
  const words = 'one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen';
  const text = `${words}.`;
  const a = analysis(text, { sentences: layer([{ start: 0, end: text.length, label: 'sentence' }]) });
  for (const color of [false, true]) {
    const out = renderText(a, { color, width: 20 });
    const body = out.split('\n').filter((l) => /\b(one|fifteen|seven|twelve)\b/.test(l.replace(/\x1b\[[0-9;]*m/g, '')));
    const plain = out.replace(/\x1b\[[0-9;]*m/g, '');
    const start = plain.indexOf('one two');
    const end = plain.indexOf('fifteen.') + 'fifteen.'.length;
    const article = plain.slice(start, end).split('\n');
    assert.ok(article.length > 3, 'wrapped into several lines');
    for (const l of article) assert.ok(displayWidth(l) <= 20, `${JSON.stringify(l)} fits`);
    assert.equal(article.join(' '), text);
    if (color) for (const l of body) assert.match(l, /\x1b\[0m$/, 'colour is reset before each line break');
  }
});

test('techniques are coloured by category and bracketed without colour', () => {
  const text = 'They are 🤡 clowns and traitors, all of them.';
  const a = analysis(text, {
    techniques: layer([
      { ...cp(text, 'clowns and traitors'), label: 'Name_Calling-Labeling', score: 0.91, attrs: { category: 'Attack on reputation' } },
      { ...cp(text, 'all of them'), label: 'Loaded_Language', score: 0.6 },
    ]),
  });
  const plain = renderText(a, { color: false });
  assert.ok(plain.includes('🤡 [clowns and traitors]¹, [all of them]²'), plain);
  assert.match(plain, /\[…\]¹ +techniques: Attack on reputation \(1\)/);
  assert.match(plain, /\[…\]² +techniques: Loaded_Language \(1\)/);
  const colour = renderText(a, { color: true });
  assert.ok(colour.includes('\x1b[48;5;217;38;5;16mclowns and traitors\x1b[0m'), JSON.stringify(colour));
});

test('visibleControls keeps newlines and tabs and shows the rest', () => {
  assert.equal(visibleControls('a\tb\r\nc\x1bd\x00\x7f\x85'), 'a\tb\nc␛d␀␡\\x85');
  assert.equal(visibleControls('a\r\nb', false), 'a␤b');
});
