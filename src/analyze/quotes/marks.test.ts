import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findQuoteMarks } from './marks.ts';

const quoted = (text: string) => findQuoteMarks(text).map((q) => text.slice(q.start, q.end));
const inner = (text: string) => findQuoteMarks(text).map((q) => text.slice(q.innerStart, q.innerEnd));

test('every quote-mark style pairs, marks included in start/end and excluded from inner', () => {
  const text = `He said "one two." She said “three four.” They said ‘five six.’ «Sept huit», dit-il. „Neun zehn“, sagte er. She said 'eleven twelve.'`;
  assert.deepEqual(inner(text), ['one two.', 'three four.', 'five six.', 'Sept huit', 'Neun zehn', 'eleven twelve.']);
  assert.deepEqual(quoted(text)[0], '"one two."');
});

test('apostrophes are never quote marks: Putin’s, don’t, ’90s, leaders’, \'em, rock \'n\' roll', () => {
  const text = `Putin's aides don't remember the ’90s, and the leaders' mood, he said, was "grim." Let 'em talk about rock 'n' roll.`;
  assert.deepEqual(quoted(text), ['"grim."']);
  const curly = `It wasn’t the ’90s, and the ministers’ plan ‘failed’, aides said.`;
  assert.deepEqual(inner(curly), ['failed']);
});

test('nested quotes: only the outer quote is returned', () => {
  const text = `"They told us, 'Leave now,' and we left," she said.`;
  assert.deepEqual(inner(text), [`They told us, 'Leave now,' and we left,`]);
});

test('a wire-style quote goes on into the next paragraph that opens with a mark', () => {
  const text = `"We warned them for months. The line is clear.\n\n"Nobody can say they were not told," she added.\n\nThe talks end today.`;
  const qs = findQuoteMarks(text);
  assert.equal(qs.length, 1);
  assert.equal(text.slice(qs[0]!.start, qs[0]!.end), `"We warned them for months. The line is clear.\n\n"Nobody can say they were not told,"`);
  assert.equal(qs[0]!.paragraphs, 1);
  assert.equal(qs[0]!.closed, true);
});

test('an unclosed quote that does not go on ends at its paragraph', () => {
  const text = `"We warned them for months.\n\nThe talks end today.`;
  const qs = findQuoteMarks(text);
  assert.equal(qs.length, 1);
  assert.equal(text.slice(qs[0]!.start, qs[0]!.end), `"We warned them for months.`);
  assert.equal(qs[0]!.closed, false);
});

test("two apostrophes make one double mark (''…''), with quotes nested inside", () => {
  const text = `''We will not back down,'' the mayor said. ''They called it 'a plan,' and it failed.''`;
  assert.deepEqual(quoted(text), [`''We will not back down,''`, `''They called it 'a plan,' and it failed.''`]);
  assert.deepEqual(inner(text), [`We will not back down,`, `They called it 'a plan,' and it failed.`]);
});
