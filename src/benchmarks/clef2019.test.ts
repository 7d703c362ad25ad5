import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  formatClefPredictions,
  formatScore,
  parseClefDebate,
  parseClefPredictions,
  readClefDebates,
  readClefPredictions,
  scoreClef,
  scoreClefDebate,
  writeClefPredictions,
  type ClefDebate,
} from './clef2019.ts';

const DATA = fileURLToPath(new URL('../../../shared/data/clef2019-checkthat-task1/training/', import.meta.url));

let dir = '';
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'spinscope-clef2019-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

// A debate we wrote: lines 2 and 4 are check-worthy.
const GOLD = [
  '1\tMODERATOR\tGood evening and welcome.\t0',
  '2\tSMITH\tTaxes rose by 12 percent last year.\t1',
  '3\tSMITH\tI love this town.\t0',
  '4\tJONES\tThe plant closed in 2015.\t1',
  '5\tJONES\tThank you.\t0',
  '',
].join('\n');

const debate = (): ClefDebate => parseClefDebate(GOLD, 'debate_a.tsv');
const ranked = (scores: number[]) => scores.map((score, i) => ({ line: i + 1, score }));

test('reads a debate file: line, speaker, text, label', () => {
  const d = debate();
  assert.equal(d.id, 'debate_a');
  assert.equal(d.file, 'debate_a.tsv');
  assert.equal(d.lines.length, 5);
  assert.deepEqual(d.lines[1], { line: 2, speaker: 'SMITH', text: 'Taxes rose by 12 percent last year.', label: 1 });
  // test input files have no label column
  assert.equal(parseClefDebate('1\tA\tHello.\n', 'x.tsv').lines[0]!.label, undefined);
  // a last line without a line break counts
  assert.equal(parseClefDebate('1\tA\tHello.\t0\n2\tA\tBye.\t1', 'x.tsv').lines.length, 2);
});

test('malformed debate files fail with the file and line', () => {
  assert.throws(() => parseClefDebate('1\tA\tHello.\t0\n2\tA\tBye.\n', 'x.tsv'), /^FormatError: x\.tsv:2: /);
  assert.throws(() => parseClefDebate('1\tA\tHello.\t2\n', 'x.tsv'), /x\.tsv:1: label '2'/);
  assert.throws(() => parseClefDebate('1\tA\tHello.\t0\n3\tA\tBye.\t0\n', 'x.tsv'), /x\.tsv:2: line number 3 out of sequence/);
  assert.throws(() => parseClefDebate('1\tA\n', 'x.tsv'), /x\.tsv:1: expected 4 tab-separated columns/);
});

test('scores are written in plain decimals that the format checker accepts', () => {
  const checker = /^([-+]?\d*\.\d+|\d+)$/;
  for (const x of [0.5, 1, 0, 1e-9, 3.2e-15, -0.25, 123456.789, 0.1 + 0.2]) {
    const s = formatScore(x);
    assert.match(s, checker, `${x} → ${s}`);
    assert.ok(!s.includes('e'), s);
    assert.ok(Math.abs(Number(s) - x) <= Math.abs(x) * 1e-10, `${x} → ${s}`);
  }
  // distinct tiny scores stay distinct
  assert.notEqual(formatScore(1.1e-12), formatScore(1.2e-12));
  assert.throws(() => formatScore(Number.NaN), RangeError);
});

test('writes one prediction file per debate, lines in order, and reads it back', async () => {
  const d = debate();
  const predictions = [
    { line: 3, score: 0.1 },
    { line: 1, score: 0.2 },
    { line: 2, score: 0.9 },
    { line: 5, score: 1e-8 },
    { line: 4, score: 0.7 },
  ];
  const text = formatClefPredictions(predictions);
  assert.equal(text.split('\n')[0], '1\t0.2');
  assert.equal(text.split('\n')[4], '5\t0.00000001');
  const [path] = await writeClefPredictions(dir, [{ debate: d, predictions }]);
  assert.equal(path, join(dir, 'debate_a.tsv'));
  assert.equal(await readFile(path!, 'utf8'), text);
  const back = await readClefPredictions(path!);
  assert.deepEqual(back.map((p) => p.line), [1, 2, 3, 4, 5]);
  assert.equal(back[1]!.score, 0.9);
  assert.throws(() => formatClefPredictions([{ line: 1, score: 0 }, { line: 3, score: 0 }]), /line 2 is missing/);
  assert.throws(() => parseClefPredictions('1\t0.5\n2\t1e-5\n', 'p.tsv'), /p\.tsv:2: /);
  assert.throws(() => parseClefPredictions('2\t0.5\n', 'p.tsv'), /consecutive/);
});

test('average precision, reciprocal rank, R-precision and P@k as the task scorer computes them', () => {
  // ranking: 1 (0), 2 (1), 3 (0), 5 (0), 4 (1)
  const s = scoreClefDebate(debate(), ranked([0.9, 0.8, 0.7, 0.1, 0.5]));
  assert.equal(s.relevant, 2);
  assert.ok(Math.abs(s.averagePrecision - (1 / 2 + 2 / 5) / 2) < 1e-12);
  assert.equal(s.reciprocalRank, 1 / 2);
  assert.equal(s.rPrecision, 1 / 2);
  assert.equal(s.precisionAt[1], 0);
  assert.ok(Math.abs(s.precisionAt[3]! - 1 / 3) < 1e-12);
  assert.equal(s.precisionAt[5], 2 / 5);
  // beyond the end of a short debate the missing ranks count as misses
  assert.equal(s.precisionAt[10], 2 / 10);

  const perfect = scoreClefDebate(debate(), ranked([0, 1, 0, 0.5, 0]));
  assert.equal(perfect.averagePrecision, 1);
  assert.equal(perfect.rPrecision, 1);
  assert.equal(perfect.reciprocalRank, 1);
});

test('tied scores keep the order of the prediction file (a stable sort, as Python sorted)', () => {
  const flat = [1, 2, 3, 4, 5].map((line) => ({ line, score: 0.5 }));
  // ranks 1..5 in file order: hits at 2 and 4
  assert.equal(scoreClefDebate(debate(), flat).averagePrecision, (1 / 2 + 2 / 4) / 2);
  const reordered = [4, 2, 1, 3, 5].map((line) => ({ line, score: 0.5 }));
  assert.equal(scoreClefDebate(debate(), reordered).averagePrecision, 1);
});

test('predictions must cover exactly the gold lines', () => {
  assert.throws(() => scoreClefDebate(debate(), ranked([1, 2, 3, 4])), /missing or extra/);
  assert.throws(() => scoreClefDebate(debate(), ranked([1, 2, 3, 4, 5, 6])), /no line 6/);
  assert.throws(() => scoreClefDebate(debate(), [...ranked([1, 2, 3, 4]), { line: 4, score: 0 }]), /missing or extra/);
});

test('means over debates: each debate counts once', () => {
  const second = parseClefDebate('1\tA\tNo.\t0\n2\tA\tThe bill cost $3 billion.\t1\n', 'debate_b.tsv');
  const s = scoreClef([
    { debate: debate(), predictions: ranked([0.9, 0.8, 0.7, 0.1, 0.5]) },
    { debate: second, predictions: ranked([0, 1]) },
  ]);
  assert.ok(Math.abs(s.map - ((1 / 2 + 2 / 5) / 2 + 1) / 2) < 1e-12);
  assert.equal(s.meanReciprocalRank, (1 / 2 + 1) / 2);
  assert.equal(s.debates.length, 2);
  assert.equal(s.meanPrecisionAt[1], (0 + 1) / 2);
});

test('the training data reads as the README describes', { skip: !existsSync(DATA) && 'shared data not present' }, async () => {
  const debates = await readClefDebates(DATA);
  assert.equal(debates.length, 19);
  assert.equal(debates.reduce((n, d) => n + d.lines.length, 0), 16421);
  assert.equal(debates.reduce((n, d) => n + d.lines.filter((l) => l.label === 1).length, 0), 440);
  // an oracle ranks perfectly, its reverse badly
  const oracle = scoreClef(debates.map((d) => ({ debate: d, predictions: d.lines.map((l) => ({ line: l.line, score: l.label! })) })));
  assert.equal(oracle.map, 1);
  const reverse = scoreClef(debates.map((d) => ({ debate: d, predictions: d.lines.map((l) => ({ line: l.line, score: -l.label! })) })));
  assert.ok(reverse.map < 0.1, `reversed MAP ${reverse.map}`);
});
