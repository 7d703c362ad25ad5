import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findCues } from './cues.ts';
import { sentenceOf, surface } from './sentence.ts';

/** The cues of a sentence as `template=key:words`. */
function cues(text: string): string[] {
  const s = sentenceOf(text);
  const out: string[] = [];
  findCues(s, (template, key, k, j) => out.push(`${template}=${key}:${surface(s, k, j)}`));
  return out;
}

test('numbers are told apart: percentages, money, years, decades, large amounts', () => {
  const found = cues('Prices rose 3.6% in 2019, the biggest jump since the 1970s.');
  for (const c of ['num=percent:3.6%', 'num=year:2019', 'num=decade:1970s', 'cmp=superlative:biggest', 'cmp=change:rose', 'tense=past:rose']) assert.ok(found.includes(c), `${c} in ${found}`);
  assert.ok(cues('The council spent $4 million on it.').includes('num=money:$4 million'));
  assert.ok(cues('A deal worth 12 billion dollars.').includes('num=money:12 billion dollars'));
  assert.ok(cues('Some 40 per cent of the budget.').includes('num=percent:40 per cent'));
  assert.ok(cues('About 250 people came.').includes('num=number:250'));
  assert.ok(cues('Millions of people came.').includes('num=large:Millions'));
});

test('comparisons, records and changes', () => {
  assert.ok(cues('Crime is higher than it was.').includes('cmp=comparative:higher than'));
  assert.ok(cues('We pay more than they do.').includes('cmp=comparative:more than'), 'more than');
  assert.ok(cues('It was the hottest summer ever.').includes('cmp=record:hottest summer ever'));
  assert.ok(cues('Sales hit a record.').includes('cmp=record:record'));
  // words that merely end in -est are no superlatives
  assert.ok(!cues('The protest was honest.').some((c) => c.startsWith('cmp=superlative')));
});

test('tense: past, perfect, future', () => {
  assert.ok(cues('The Senate has not voted on the bill.').includes('tense=perfect:has not voted'));
  assert.ok(cues('It has been a long year.').includes('tense=perfect:has been'));
  // "'s" is "is" here, not "has"
  assert.ok(!cues("It's finished now.").some((c) => c.startsWith('tense=perfect')));
  assert.ok(cues("We're going to win.").includes('tense=future:going to'));
  assert.ok(cues('The mill closed.').includes('tense=past:closed'));
  assert.ok(!cues('We need more.').some((c) => c.startsWith('tense=past')));
});

test('opinions, hedges, obligations and the form of the sentence', () => {
  const found = cues('I think we should wait and see, maybe next year?');
  for (const c of ['stance=opinion:I think', 'stance=obligation:should', 'stance=hedge:maybe', 'form=question:?']) assert.ok(found.includes(c), `${c} in ${found}`);
  assert.ok(cues("We don't believe it.").includes("stance=opinion:We don't believe"), String(cues("We don't believe it.")));
  assert.ok(cues('In my opinion, no.').includes('stance=opinion:my opinion'));
  assert.ok(cues('You will be proud!').includes('form=exclamation:!'));
  assert.ok(cues('(LAUGHTER)').includes('form=bracketed:(LAUGHTER)'));
  assert.ok(cues('"Is it true?"').includes('form=question:?'), 'a closing quote after the mark');
});

test('names: capitalised words inside the sentence, acronyms, months', () => {
  assert.ok(cues('Yesterday Ford and Toyota met Smith.').includes('name=3+:Ford'));
  assert.ok(cues('NATO met.').includes('name=acronym:NATO'));
  assert.ok(cues('It rained in May.').includes('date=month:May'));
  // "may" the verb is no month, and "I" is no name
  assert.deepEqual(cues('I may go.').filter((c) => c.startsWith('date') || c.startsWith('name')), []);
  assert.ok(cues('Prices fell last year.').includes('date=time:last year'));
});
