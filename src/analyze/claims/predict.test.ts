/** Official-format predictions from the shipped model, on data written for these tests. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatClefPredictions, parseClefDebate, parseClefPredictions, scoreClef } from '../../benchmarks/clef2019.ts';
import { scoreClaimBuster } from '../../benchmarks/claimbuster.ts';
import { ClaimModel } from './model.ts';
import { predictClaimBuster, predictClef } from './predict.ts';

const model = ClaimModel.load();

test('a debate gets a score for every line, in the official format, claims ranked first', () => {
  const debate = parseClefDebate(
    [
      '1\tMODERATOR\tGood evening and welcome to the debate.\t0',
      '2\tSMITH\tThank you, it is good to be here.\t0',
      '3\tSMITH\tOur state lost 40,000 manufacturing jobs since 2010, more than any other state.\t1',
      '4\tJONES\tI think my opponent is confused.\t0',
      '5\tSYSTEM\t(APPLAUSE)\t0',
    ].join('\n'),
    'mock_debate.tsv',
  );
  const predictions = predictClef(model, debate);
  assert.deepEqual(predictions.map((p) => p.line), [1, 2, 3, 4, 5]);
  const back = parseClefPredictions(formatClefPredictions(predictions), 'mock_debate.tsv');
  assert.equal(back.length, 5);
  assert.equal(scoreClef([{ debate, predictions: back }]).map, 1);
});

test('ClaimBuster sentences get a probability and the label of the calibration threshold', () => {
  const gold = [
    { sentence_id: 1, label: 1 as const, text: 'The deficit tripled to $1.4 trillion in 2009.' },
    { sentence_id: 2, label: 0 as const, text: 'I hope you will vote for me.' },
  ];
  const natural = predictClaimBuster(model, gold);
  assert.equal(scoreClaimBuster(gold, natural).f1, 1);
  for (const p of natural) assert.equal(p.label, p.score >= model.calibration('claimbuster').threshold ? 1 : 0);
  // on balanced data the same sentence is more likely check-worthy
  const balanced = predictClaimBuster(model, gold, 'claimbuster-balanced');
  assert.ok(balanced[0]!.score > natural[0]!.score);
});
