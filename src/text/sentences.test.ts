import { test } from 'node:test';
import assert from 'node:assert/strict';
import { splitParagraphs } from './paragraphs.ts';
import { splitSentences } from './sentences.ts';
import { tokenize } from './tokenize.ts';

function sentences(text: string): string[] {
  const out: string[] = [];
  const all = tokenize(text);
  for (const p of splitParagraphs(text)) {
    const inside = all.filter((t) => t.start >= p.start && t.end <= p.end);
    for (const s of splitSentences(text, inside)) out.push(text.slice(s.start, s.end));
  }
  return out;
}

test('quotes that close after the stop stay with their sentence', () => {
  assert.deepEqual(sentences('He called them "legitimate targets." The Kremlin agreed. "We will respond," he said.'), [
    'He called them "legitimate targets."',
    'The Kremlin agreed.',
    '"We will respond," he said.',
  ]);
});

test('a question or exclamation inside a quote followed by its speaker does not end the sentence', () => {
  assert.deepEqual(sentences('“Why now?” he asked. “Enough!” shouted Peskov. Nobody answered.'), ['“Why now?” he asked.', '“Enough!” shouted Peskov.', 'Nobody answered.']);
});

test('titles, initials and abbreviations before names do not end sentences', () => {
  assert.deepEqual(sentences('Mr. Smith met Gen. Valery Gerasimov and George W. Bush in St. Petersburg. The U.S. State Dept. said nothing.'), [
    'Mr. Smith met Gen. Valery Gerasimov and George W. Bush in St. Petersburg.',
    'The U.S. State Dept. said nothing.',
  ]);
});

test('an abbreviation ends a sentence when a sentence-initial word follows', () => {
  assert.deepEqual(sentences('Troops arrived from the U.S. The talks failed. Shares of Acme Inc. But nobody cared.'), [
    'Troops arrived from the U.S.',
    'The talks failed.',
    'Shares of Acme Inc.',
    'But nobody cared.',
  ]);
  assert.deepEqual(sentences('Most wanted a U.S. "backstop" first.'), ['Most wanted a U.S. "backstop" first.']);
});

test('numbers with points, ellipses and ?! runs', () => {
  assert.deepEqual(sentences('Growth was 3.5 per cent. Really?! Well... we will see. Or not… Then silence.'), [
    'Growth was 3.5 per cent.',
    'Really?!',
    'Well... we will see.',
    'Or not…',
    'Then silence.',
  ]);
});

test('sentences never cross paragraphs; a headline without a stop is its own sentence', () => {
  assert.deepEqual(sentences('Putin warns the West\n\nMOSCOW (Spinwire) - The Kremlin said so\n\nNext paragraph.'), [
    'Putin warns the West',
    'MOSCOW (Spinwire) - The Kremlin said so',
    'Next paragraph.',
  ]);
});

test('a line break ends a sentence unless the next line goes on in lower case', () => {
  assert.deepEqual(sentences('Title line\n\nFirst sentence that is\nwrapped here. Second one.\r\nThird line'), [
    'Title line',
    'First sentence that is\nwrapped here.',
    'Second one.',
    'Third line',
  ]);
});

test('Russian sentences with guillemets and a dash attribution', () => {
  assert.deepEqual(sentences('«Это провокация», — заявил Песков. Он добавил, что Кремль ответит. Что дальше?'), [
    '«Это провокация», — заявил Песков.',
    'Он добавил, что Кремль ответит.',
    'Что дальше?',
  ]);
});

test('paragraphs: blank lines separate; without any blank line each line is a paragraph', () => {
  const a = 'One\n\n  Two a\nTwo b  \n \t\nThree';
  assert.deepEqual(splitParagraphs(a).map((r) => a.slice(r.start, r.end)), ['One', 'Two a\nTwo b', 'Three']);
  const b = '\uFEFFTitle\r\nLine one.\r\nLine two.\r\n';
  assert.deepEqual(splitParagraphs(b).map((r) => b.slice(r.start, r.end)), ['Title', 'Line one.', 'Line two.']);
  assert.equal(splitParagraphs(b)[0]!.start, 1);
  const c = 'A\r\n\r\nB';
  assert.deepEqual(splitParagraphs(c).map((r) => c.slice(r.start, r.end)), ['A', 'B']);
  assert.deepEqual(splitParagraphs('   \n\n  '), []);
});
