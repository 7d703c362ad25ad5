import assert from 'node:assert/strict';
import { test } from 'node:test';
import { highlightHtml, leadSnippet, MARK_END, MARK_START, parseMarked } from './snippet.ts';

test('turns match markers into code-point ranges', () => {
  const s = parseMarked(`🔥 the ${MARK_START}grain${MARK_END} deal and ${MARK_START}grain${MARK_END}s`);
  assert.equal(s.text, '🔥 the grain deal and grains');
  assert.deepEqual(s.highlights, [
    { start: 6, end: 11 },
    { start: 21, end: 26 },
  ]);
});

test('renders highlights as escaped HTML', () => {
  assert.equal(highlightHtml(parseMarked(`<b>${MARK_START}x & y${MARK_END}</b>`)), '&#60;b&#62;<mark>x &#38; y</mark>&#60;/b&#62;');
});

test('cuts the lead at a word', () => {
  assert.equal(leadSnippet('one two three four', 10).text, 'one two …');
  assert.equal(leadSnippet('short\n\ntext').text, 'short text');
});
