import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  TECHNIQUES_2021,
  checkTask2Spans,
  formatTask1,
  formatTask2,
  readTask1,
  readTask2,
  scoreTask1,
  scoreTask2,
} from './semeval2021.ts';
import type { MemeSpan } from './semeval2021.ts';

const DATA = fileURLToPath(new URL('../../../shared/data/semeval2021-task6/', import.meta.url));
const close = (actual: number, expected: number): void => assert.ok(Math.abs(actual - expected) < 1e-12, `expected ${expected}, got ${actual}`);
const span = (technique: string, start: number, end: number): MemeSpan => ({ technique, start, end });

let dir = '';
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'spinscope-se2021-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function write(name: string, content: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
}

test('readTask1 / readTask2 read the JSON arrays; an emoji before a span is one character', async () => {
  const t1 = await write('t1.json', JSON.stringify([{ id: '7', labels: ['Smears'], text: 'VOTE 😀 NOW\n' }, { id: '8', labels: [], text: 'hi' }]));
  assert.deepEqual(await readTask1(t1), [
    { id: '7', labels: ['Smears'], text: 'VOTE 😀 NOW\n' },
    { id: '8', labels: [], text: 'hi' },
  ]);
  // V0 O1 T2 E3 ' '4 😀5 ' '6 N7 O8 W9: "NOW" is [7,10) in code points ([8,11) in UTF-16).
  const items = [{ id: '7', text: 'VOTE 😀 NOW\n', labels: [{ start: 7, end: 10, technique: 'Slogans', text_fragment: 'NOW' }] }];
  const t2 = await write('t2.json', JSON.stringify(items));
  const read = await readTask2(t2);
  assert.deepEqual(read, items);
  assert.deepEqual(checkTask2Spans(read), []);
  assert.deepEqual(checkTask2Spans([{ id: '7', text: 'VOTE 😀 NOW\n', labels: [{ start: 8, end: 11, technique: 'Slogans', text_fragment: 'NOW' }] }]), [
    'meme 7: span 8-11 is "OW\\n", text_fragment says "NOW"',
  ]);
  assert.deepEqual(checkTask2Spans([{ id: '7', text: 'ab', labels: [span('Doubt', 1, 3)] }]), ['meme 7: span 1-3 ends beyond the text (length 2)']);
});

test('JSON readers name the file, item and problem', async () => {
  const cases: [unknown, RegExp][] = [
    [{ id: '1' }, /: expected a JSON array of memes$/],
    [[{ id: '1', text: 'abc' }], /item 0 \(id 1\): 'labels' must be an array/],
    [[{ id: 1, labels: [], text: '' }], /item 0: 'id' must be a non-empty string/],
    [[{ id: '1', labels: [], text: 'a' }, { id: '1', labels: [], text: 'b' }], /item 1 \(id 1\): duplicate id/],
    [[{ id: '1', labels: [] }], /item 0 \(id 1\): missing 'text'/],
    [[{ id: '1', text: 'abc', labels: [{ start: 2, end: 1, technique: 'Doubt' }] }], /item 0 \(id 1\): label 0: start 2 is not before end 1/],
    [[{ id: '1', text: 'abc', labels: [{ start: -1, end: 1, technique: 'Doubt' }] }], /label 0: 'start' -1 is negative/],
    [[{ id: '1', text: 'abc', labels: [{ start: '0', end: 1, technique: 'Doubt' }] }], /label 0: 'start' must be an integer/],
  ];
  for (const [i, [data, message]] of cases.entries()) {
    const file = await write(`bad${i}.json`, JSON.stringify(data));
    await assert.rejects(readTask2(file), (e: Error) => e.message.startsWith(`${file}: `) && message.test(e.message), `case ${i}`);
  }
  await assert.rejects(readTask1(await write('broken.json', '[{"id": "1",')), /not valid JSON/);
  // Prediction files need no text.
  assert.deepEqual(await readTask1(await write('pred.json', '[{"id":"1","labels":["Doubt"]}]'), { predictions: true }), [{ id: '1', labels: ['Doubt'] }]);
});

test('formatTask1 / formatTask2 write submission JSON that reads back', async () => {
  const p1 = [{ id: '1', labels: ['Doubt', 'Smears'] }];
  assert.deepEqual(JSON.parse(formatTask1(p1)), p1);
  const p2 = [{ id: '1', labels: [span('Doubt', 0, 4)] }];
  const file = await write('sub2.json', formatTask2(p2));
  assert.deepEqual(await readTask2(file, { predictions: true }), p2);
  assert.throws(() => formatTask2([{ id: '1', labels: [span('Doubt', 4, 4)] }]), /not a valid span/);
});

test('task 1: micro-F1 over memes and labels, macro over the class list (zero_division = 1)', () => {
  const gold = [
    { id: '1', labels: ['Smears', 'Loaded Language'] },
    { id: '2', labels: [] },
    { id: '3', labels: ['Doubt'] },
  ];
  const pred = [
    { id: '1', labels: ['Smears'] },
    { id: '2', labels: ['Doubt'] },
    // meme 3 missing: no labels predicted
  ];
  // tp 1 (Smears@1), fp 1 (Doubt@2), fn 2 (Loaded Language@1, Doubt@3): micro F1 = 2/(2+1+2) = 0.4.
  const s = scoreTask1(gold, pred);
  close(s.microF1, 0.4);
  // Smears 1, Loaded Language 0, Doubt 2·0/(0+1+1) = 0, the other 17 classes 1: macro = 18/20.
  close(s.macroF1, 18 / 20);
  close(scoreTask1(gold, pred, ['Smears', 'Loaded Language', 'Doubt']).macroF1, 1 / 3);
  assert.throws(() => scoreTask1(gold, [{ id: '9', labels: [] }]), /not in the gold data: meme 9/);
  assert.throws(() => scoreTask1(gold, [{ id: '1', labels: ['Smear'] }]), /not in the label list: 'Smear'/);
});

test('task 2: partial overlap credit only with the same technique', () => {
  // meme 1 gold: Smears [0,10), Loaded Language [0,4). meme 2 gold: Doubt [0,6).  |T| = 3.
  // predictions: meme 1 Smears [5,15) -> 5/10 to P, 5/10 to R; meme 1 Doubt [0,4) -> no Doubt gold in meme 1: 0.
  // |S| = 2. P = 0.5/2 = 0.25, R = 0.5/3 = 1/6, F1 = 2·0.25·(1/6)/(0.25 + 1/6) = 0.2.
  const gold = [
    { id: '1', labels: [span('Smears', 0, 10), span('Loaded Language', 0, 4)] },
    { id: '2', labels: [span('Doubt', 0, 6)] },
  ];
  const pred = [{ id: '1', labels: [span('Smears', 5, 15), span('Doubt', 0, 4)] }];
  const s = scoreTask2(gold, pred);
  close(s.precision, 0.25);
  close(s.recall, 1 / 6);
  close(s.f1, 0.2);
  // per technique: Smears P 0.5 R 0.5 F1 0.5; Doubt P 0/1, R 0/1 -> 0; Loaded Language R 0 -> 0. macro = 0.5/3.
  close(s.perTechnique.get('Smears')!.f1, 0.5);
  close(s.macroF1, 0.5 / 3);
  assert.throws(() => scoreTask2(gold, [{ id: '3', labels: [span('Doubt', 0, 1)] }]), /memes that are not in the gold data: 3/);
});

test('task 2: overlapping gold spans of one technique are merged', () => {
  // gold Smears [0,6) and [4,10) -> Smears [0,10) (|T| = 1). prediction Smears [0,10): P = R = F1 = 1.
  const gold = [{ id: '1', labels: [span('Smears', 0, 6), span('Smears', 4, 10)] }];
  const s = scoreTask2(gold, [{ id: '1', labels: [span('Smears', 0, 10)] }]);
  assert.equal(s.recallDenominator, 1);
  close(s.f1, 1);
  assert.throws(() => scoreTask2(gold, gold), /meme 1: predicted spans of technique Smears 0-6 and 4-10 overlap/);
  close(scoreTask2(gold, gold, { mergePredicted: true }).f1, 1);
});

test('SemEval-2021 data: counts of the README, fragments match their code-point offsets', async (t) => {
  if (!existsSync(DATA)) {
    t.skip('data not present');
    return;
  }
  const train1 = await readTask1(join(DATA, 'training_set_task1.txt'));
  const dev1 = await readTask1(join(DATA, 'dev_set_task1.txt'));
  const train2 = await readTask2(join(DATA, 'training_set_task2.txt'));
  const dev2 = await readTask2(join(DATA, 'dev_set_task2.txt'));
  const count = (items: { labels: unknown[] }[]): number => items.reduce((n, m) => n + m.labels.length, 0);
  // README: 688 train memes (its text says 687; the file holds 688), 1,184 labels; dev 63 / 123;
  // task 2: 1,498 train spans, 182 dev spans.
  assert.deepEqual([train1.length, count(train1), dev1.length, count(dev1)], [688, 1184, 63, 123]);
  assert.deepEqual([train2.length, count(train2), dev2.length, count(dev2)], [688, 1498, 63, 182]);
  assert.deepEqual(checkTask2Spans(train2), []);
  assert.deepEqual(checkTask2Spans(dev2), []);
  const allowed = new Set(TECHNIQUES_2021);
  for (const m of [...train1, ...dev1]) for (const l of m.labels) assert.ok(allowed.has(l), `unknown technique ${l}`);
  for (const m of [...train2, ...dev2]) for (const l of m.labels) assert.ok(allowed.has(l.technique), `unknown technique ${l.technique}`);
  close(scoreTask1(train1, train1).microF1, 1);
  close(scoreTask2(train2, train2, { mergePredicted: true }).f1, 1);
});
