import assert from 'node:assert/strict';
import { test } from 'node:test';
import { InputError } from '../ingest/decode-text.ts';
import { ftsQuery } from './sqlite/fts-query.ts';
import { parseWebSearch } from './websearch.ts';

test('reads words, phrases, OR, exclusions and prefixes', () => {
  assert.deepEqual(parseWebSearch('grain "black sea" OR corridor -turkey talk*'), {
    any: [
      [
        { text: 'grain', phrase: false, prefix: false },
        { text: 'black sea', phrase: true, prefix: false },
      ],
      [
        { text: 'corridor', phrase: false, prefix: false },
        { text: 'talk', phrase: false, prefix: true },
      ],
    ],
    none: [{ text: 'turkey', phrase: false, prefix: false }],
  });
});

test('compiles to FTS5 with every term quoted and explicit grouping', () => {
  assert.equal(ftsQuery(parseWebSearch('a b OR c')), '("a" AND "b") OR ("c")');
  assert.equal(ftsQuery(parseWebSearch('war -"cold war" peace*')), '(("war" AND "peace"*)) NOT "cold war"');
  // FTS5 keywords and syntax in user input are just words
  assert.equal(ftsQuery(parseWebSearch('NEAR(x) AND "un"balanced')), '("NEAR(x)" AND "AND" AND "un" AND "balanced")');
  assert.equal(ftsQuery(parseWebSearch('say "hi')), '("say" AND "hi")');
});

test('refuses a query with nothing to look for', () => {
  for (const q of ['-only', 'OR', '"" ***', '—']) assert.throws(() => parseWebSearch(q), InputError, q);
  assert.deepEqual(parseWebSearch('OR grain OR').any, [[{ text: 'grain', phrase: false, prefix: false }]]);
});
