import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { KnownCase } from './catalogue.ts';
import { loadEuvsDisinfo } from './catalogue.ts';
import { evaluateRetrieval } from './evaluate.ts';
import { CaseIndex, matchCases } from './matcher.ts';

const DATA = fileURLToPath(new URL('../../../../shared/data/euvsdisinfo/', import.meta.url));

const kase = (id: string, summary: string, disproof = 'Not true.'): KnownCase => ({ id, summary, disproof, source: 'test', url: `https://example.org/${id}` });

// Claims written for this test.
export const CASES: KnownCase[] = [
  kase('dam', 'The Kherlen dam was blown up by foreign divers on orders from Washington.'),
  kase('flour', 'Votes in the Orlovo election were bought with free flour and sugar.'),
  kase('bread', 'The European Union will ban home-made bread from next year.'),
  kase('wind', 'Wind turbines cause droughts because they stop the rain clouds.'),
  kase('labs', 'Secret biological laboratories in Georgia are breeding mosquitoes to infect Russians.'),
  kase('sanctions', 'Sanctions against Russia have destroyed the economy of Germany.'),
  kase('nazis', 'The government in Kyiv is controlled by neo-Nazis.'),
];

test('a claim restating a case finds it first, with a high similarity and the case texts', () => {
  const index = new CaseIndex(CASES);
  const m = matchCases(index, 'Foreign divers acting on orders from Washington blew up the Kherlen dam', 3);
  assert.equal(m[0]!.caseId, 'dam');
  assert.ok(m[0]!.similarity >= 0.5, `similarity ${m[0]!.similarity}`);
  assert.equal(m[0]!.url, 'https://example.org/dam');
  assert.equal(m[0]!.disproof, 'Not true.');
  assert.ok(m.length <= 3);
  for (let i = 1; i < m.length; i++) assert.ok(m[i]!.similarity <= m[i - 1]!.similarity);
  assert.equal(index.match('wind turbines stop rain clouds and so cause droughts', 1)[0]!.caseId, 'wind');
  assert.equal(index.match('Лаборатории в Грузии', 1).length, 0, 'nothing shared, nothing found');
});

test('a claim sharing only a word or two scores far below one that restates the case', () => {
  const index = new CaseIndex(CASES);
  const restated = index.match('Russia sanctions destroyed the German economy', 1)[0]!;
  const loose = index.match('Germany hosted a football tournament this summer', 1)[0];
  assert.equal(restated.caseId, 'sanctions');
  assert.ok(!loose || loose.similarity < restated.similarity - 0.3, `${loose?.similarity} vs ${restated.similarity}`);
  assert.deepEqual(index.match('', 3), []);
  assert.deepEqual(index.match('the and of', 3), [], 'stop words only');
  assert.ok(index.match('Germany hosted a football tournament this summer', 3, 0.5).every((x) => x.similarity >= 0.5));
});

test('retrieval on the EUvsDisinfo pairs: recall, calibration and speed', { skip: !existsSync(DATA) && 'shared data not available' }, () => {
  const { cases } = loadEuvsDisinfo(DATA);
  const e = evaluateRetrieval(cases);
  assert.ok(e.test.queries >= 100, `${e.test.queries} queries`);
  assert.ok(e.test.recallAt5 >= 0.85, `recall@5 ${e.test.recallAt5}`);
  assert.ok(e.test.recallAt1 >= 0.7, `recall@1 ${e.test.recallAt1}`);
  assert.ok(e.atThreshold[0]!.falseAlarms <= 0.1, `false alarms ${e.atThreshold[0]!.falseAlarms}`);
  assert.ok(e.buildMs < 5000, `index built in ${e.buildMs} ms`);
  assert.ok(e.queryMs < 5, `${e.queryMs} ms per query`);
});
