import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  formatClaimBusterPredictions,
  parseClaimBuster,
  parseClaimBusterPredictions,
  readClaimBuster,
  readClaimBusterPredictions,
  scoreClaimBuster,
  writeClaimBusterPredictions,
} from './claimbuster.ts';

const DATA = fileURLToPath(new URL('../../../shared/data/claimbuster/train.json', import.meta.url));

let dir = '';
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'spinscope-claimbuster-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

// Sentences we wrote, in the dataset's shape.
const GOLD = JSON.stringify([
  { sentence_id: 11, label: 1, text: 'Unemployment fell to 4 percent.' },
  { sentence_id: 12, label: 0, text: 'I am glad to be here.' },
  { sentence_id: 13, label: 1, text: 'The program cost $2 billion.' },
  { sentence_id: 14, label: 0, text: 'We will do better.' },
]);

test('reads the JSON array of {sentence_id, label, text}', () => {
  const gold = parseClaimBuster(GOLD, 'train.json');
  assert.equal(gold.length, 4);
  assert.deepEqual(gold[0], { sentence_id: 11, label: 1, text: 'Unemployment fell to 4 percent.' });
});

test('malformed data fails with the file and what is wrong', () => {
  assert.throws(() => parseClaimBuster('{', 'x.json'), /x\.json: not JSON/);
  assert.throws(() => parseClaimBuster('[{"sentence_id": 1, "label": 2, "text": "a"}]', 'x.json'), /x\.json: .*0\.label/);
  assert.throws(() => parseClaimBuster('[{"sentence_id": "1", "label": 0, "text": "a"}]', 'x.json'), /0\.sentence_id/);
  assert.throws(() => parseClaimBuster('[{"sentence_id": 1, "label": 0, "text": "a"}, {"sentence_id": 1, "label": 1, "text": "b"}]', 'x.json'), /sentence_id 1 appears twice/);
});

test('predictions are JSON lines with the dataset id field, and read back', async () => {
  const predictions = [
    { sentence_id: 11, score: 0.91, label: 1 as const },
    { sentence_id: 12, score: 0.08, label: 0 as const },
  ];
  const text = formatClaimBusterPredictions(predictions);
  assert.equal(text, '{"sentence_id":11,"score":0.91,"label":1}\n{"sentence_id":12,"score":0.08,"label":0}\n');
  const file = join(dir, 'predictions.jsonl');
  await writeClaimBusterPredictions(file, predictions);
  assert.equal(await readFile(file, 'utf8'), text);
  assert.deepEqual(await readClaimBusterPredictions(file), predictions);
  assert.throws(() => parseClaimBusterPredictions('{"sentence_id":1,"score":0.5}\n', 'p.jsonl'), /p\.jsonl:1: label/);
  assert.throws(() => parseClaimBusterPredictions('{"sentence_id":1,"score":0.5,"label":1}\nnope\n', 'p.jsonl'), /p\.jsonl:2: not JSON/);
});

test('positive-class precision, recall and F1', () => {
  const gold = parseClaimBuster(GOLD, 'train.json');
  // one true positive (11), one false positive (12), one false negative (13)
  const s = scoreClaimBuster(gold, [
    { sentence_id: 11, label: 1 },
    { sentence_id: 12, label: 1 },
    { sentence_id: 13, label: 0 },
    { sentence_id: 14, label: 0 },
  ]);
  assert.equal(s.precision, 1 / 2);
  assert.equal(s.recall, 1 / 2);
  assert.equal(s.f1, 1 / 2);
  assert.equal(s.accuracy, 2 / 4);
  assert.deepEqual([s.truePositives, s.predictedPositives, s.goldPositives], [1, 2, 2]);
  const all = scoreClaimBuster(gold, gold.map((g) => ({ sentence_id: g.sentence_id, label: g.label })));
  assert.equal(all.f1, 1);
  const none = scoreClaimBuster(gold, gold.map((g) => ({ sentence_id: g.sentence_id, label: 0 as const })));
  assert.equal(none.f1, 0);
});

test('every gold sentence needs one prediction, and only those', () => {
  const gold = parseClaimBuster(GOLD, 'train.json');
  const ok = gold.map((g) => ({ sentence_id: g.sentence_id, label: 0 as const }));
  assert.throws(() => scoreClaimBuster(gold, ok.slice(1)), /no prediction for sentence_id 11/);
  assert.throws(() => scoreClaimBuster(gold, [...ok, { sentence_id: 99, label: 1 }]), /sentence_id 99 is not in the gold data/);
  assert.throws(() => scoreClaimBuster(gold, [...ok, ok[0]!]), /predicted twice/);
});

test('the training data reads as the README describes', { skip: !existsSync(DATA) && 'shared data not present' }, async () => {
  const gold = await readClaimBuster(DATA);
  assert.equal(gold.length, 7976);
  assert.equal(gold.filter((g) => g.label === 1).length, 1994);
});
