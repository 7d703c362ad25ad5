import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tokenize } from './tokenize.ts';

const tokens = (text: string) => tokenize(text).map((t) => `${text.slice(t.start, t.end)}/${t.label}`);

test('words, punctuation and quotes with exact offsets', () => {
  const text = '"We will respond," he said.';
  assert.deepEqual(tokens(text), ['"/punct', 'We/word', 'will/word', 'respond/word', ',/punct', '"/punct', 'he/word', 'said/word', './punct']);
  for (const t of tokenize(text)) assert.ok(text.slice(t.start, t.end).trim().length === t.end - t.start);
});

test('clitics split off, hyphenated words and names stay whole', () => {
  assert.deepEqual(tokens("Putin's aides didn't say O'Brien’s well-known view"), [
    'Putin/word', "'s/word", 'aides/word', 'did/word', "n't/word", 'say/word', "O'Brien/word", '’s/word', 'well-known/word', 'view/word',
  ]);
});

test('abbreviations keep their period; a full stop does not', () => {
  assert.deepEqual(tokens('Mr. Smith met Gen. Lee in the U.S. on Jan. 5. He left.'), [
    'Mr./word', 'Smith/word', 'met/word', 'Gen./word', 'Lee/word', 'in/word', 'the/word', 'U.S./word', 'on/word', 'Jan./word',
    '5/number', './punct', 'He/word', 'left/word', './punct',
  ]);
  // lower-case words that look like abbreviations end sentences as words
  assert.deepEqual(tokens('He was ill.'), ['He/word', 'was/word', 'ill/word', './punct']);
});

test('numbers, money, urls, emails, hashtags, mentions and emoji', () => {
  assert.deepEqual(tokens('$1.2bn, 3.5%, 1,200 on 9/11 at 10:30 — see https://ex.com/a?b=1. Mail a.b@ex.org #Ukraine @nato 👍🏽 🇺🇦 👩‍👩‍👧!'), [
    '$/symbol', '1.2bn/number', ',/punct', '3.5/number', '%/punct', ',/punct', '1,200/number', 'on/word', '9/11/number', 'at/word',
    '10:30/number', '—/punct', 'see/word', 'https://ex.com/a?b=1/url', './punct', 'Mail/word', 'a.b@ex.org/email', '#Ukraine/hashtag',
    '@nato/mention', '👍🏽/emoji', '🇺🇦/emoji', '👩‍👩‍👧/emoji', '!/punct',
  ]);
});

test('ellipses and ?! runs are one token', () => {
  assert.deepEqual(tokens('Really?! Yes... no…'), ['Really/word', '?!/punct', 'Yes/word', '.../punct', 'no/word', '…/punct']);
});

test('Cyrillic and accented words; a BOM is whitespace, not a token', () => {
  const text = '\uFEFFПесков заявил:\r\n«Нет», — café.';
  assert.deepEqual(tokens(text), ['Песков/word', 'заявил/word', ':/punct', '«/punct', 'Нет/word', '»/punct', ',/punct', '—/punct', 'café/word', './punct']);
  assert.equal(tokenize(text)[0]!.start, 1);
});

test('tokens never overlap, never contain whitespace and come in order', () => {
  const text = 'A  b\t\tc\r\n\r\nd 😀 e\u00a0f';
  const all = tokenize(text);
  for (let i = 0; i < all.length; i++) {
    const t = all[i]!;
    assert.ok(t.end > t.start);
    assert.doesNotMatch(text.slice(t.start, t.end), /\s/u);
    if (i) assert.ok(t.start >= all[i - 1]!.end);
  }
  assert.equal(all.length, 7);
});
