import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { articleContext } from '../techniques/context.ts';
import { parseGumConllu } from '../../benchmarks/gum.ts';
import { emitEntityFeatures, entityState, gazetteer, wordShape } from './features.ts';
import { BagSink } from '../../learn/features.ts';
import { ENTITY_CLASSES, EntityModel, defaultEntityModelPath, harmonize, viterbi, type RecognizedEntity } from './model.ts';
import { tokenTargets, trainEntities } from './train.ts';

const DATA = fileURLToPath(new URL('../../../../shared/data/', import.meta.url));
const K = ENTITY_CLASSES.length;
const cls = (name: string) => ENTITY_CLASSES.indexOf(name);

test('wordShape collapses runs of a character class', () => {
  assert.deepEqual(['Putin', 'NATO', 'U.S.', 'COVID-19', 'iPhone', 'Ørsted'].map(wordShape), ['Xx', 'X', 'X.X.', 'X-d', 'xXx', 'Xx']);
});

test('the gazetteer tags the longest match of each kind, case-sensitively', () => {
  const forms = ['in', 'New', 'York', 'City', 'and', 'the', 'United', 'Nations', 'us', 'US'];
  const tags = gazetteer().tag(forms);
  assert.deepEqual(tags[1], ['city:B']);
  assert.deepEqual(tags[3], ['city:I']);
  assert.ok(tags[6]!.includes('org:B') && tags[7]!.includes('org:I'));
  assert.deepEqual(tags[8], []);
  assert.deepEqual(tags[9], ['country:B']);
});

test('features: word, shape, gazetteer, the title before a name', () => {
  const ctx = articleContext('Kremlin spokesman Dmitry Peskov spoke in Moscow.');
  const st = entityState(ctx);
  const sink = new BagSink();
  emitEntityFeatures(sink, st, 2);
  for (const name of ['w=dmitry', 'f=Dmitry', 'shape=Xx', 'w-1=spokesman', 'after-title=', 'gaz=given:B']) assert.ok(sink.bag.has(name), name);
  const without = new BagSink();
  emitEntityFeatures(without, st, 2, false);
  assert.ok(!without.bag.has('w=dmitry') && without.bag.has('shape=Xx'));
});

test('viterbi never puts I-X after O or after another type', () => {
  // token 0 prefers O, token 1 prefers I-PERSON: the best legal path is O O or B-PERSON I-PERSON
  const logp = new Float64Array(2 * K).fill(Math.log(1e-6));
  logp[cls('O')] = Math.log(0.6);
  logp[cls('B-PERSON')] = Math.log(0.4);
  logp[K + cls('I-PERSON')] = Math.log(0.9);
  logp[K + cls('O')] = Math.log(0.1);
  assert.deepEqual([...viterbi(logp, 2, K)], [cls('B-PERSON'), cls('I-PERSON')]);
  logp[K + cls('I-ORG')] = Math.log(0.95);
  const path = [...viterbi(logp, 2, K)];
  assert.ok(!(path[0] === cls('B-PERSON') && path[1] === cls('I-ORG')));
});

test('harmonize gives every occurrence of a name one type and finds missed occurrences', () => {
  const text = 'Athens is old. People live in Athens. Athens hosted games.';
  const ctx = articleContext(text);
  const at = (s: string, from = 0) => text.indexOf(s, from);
  const found: RecognizedEntity[] = [
    { start: at('Athens'), end: at('Athens') + 6, type: 'PERSON', score: 0.5 },
    { start: at('Athens', 10), end: at('Athens', 10) + 6, type: 'PLACE', score: 0.9 },
  ];
  const out = harmonize(ctx, found, true);
  assert.deepEqual(
    out.map((e) => [e.start, e.type]),
    [
      [0, 'PLACE'],
      [at('Athens', 10), 'PLACE'],
      [at('Athens hosted'), 'PLACE'],
    ],
  );
});

// A tiny GUM-format corpus I wrote, for the training pipeline (not for accuracy).
const word = (id: number, form: string, xpos: string, head: number, misc = '_') => [id, form, '_', xpos.startsWith('NNP') ? 'PROPN' : 'X', xpos, '_', head, 'dep', '_', misc].join('\t');
function tinyDoc(id: string, person: string, place: string): string {
  return [
    `# newdoc id = ${id}`,
    '# newpar',
    `# text = President ${person} arrived in ${place} today.`,
    word(1, 'President', 'NNP', 2, 'Entity=(1-person-new-sssss-cf1-2-sgl'),
    word(2, person, 'NNP', 3, 'Entity=1)'),
    word(3, 'arrived', 'VBD', 0),
    word(4, 'in', 'IN', 5),
    word(5, place, 'NNP', 3, 'Entity=(2-place-new-sssss-cf2-1-sgl)'),
    word(6, 'today', 'NN', 3, 'SpaceAfter=No'),
    word(7, '.', '.', 3),
    '',
  ].join('\n');
}

let dir = '';
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'spinscope-entities-'));
  await mkdir(join(dir, 'gum', 'conllu', 'train'), { recursive: true });
  await mkdir(join(dir, 'gum', 'conllu', 'dev'), { recursive: true });
  await writeFile(join(dir, 'gum', 'conllu', 'train', 'GUM_news_a.conllu'), tinyDoc('GUM_news_a', 'Okafor', 'Lagos'));
  await writeFile(join(dir, 'gum', 'conllu', 'train', 'GUM_news_b.conllu'), tinyDoc('GUM_news_b', 'Lindqvist', 'Malmo'));
  await writeFile(join(dir, 'gum', 'conllu', 'dev', 'GUM_news_c.conllu'), tinyDoc('GUM_news_c', 'Moreau', 'Lyon'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

test('tokenTargets: BIO over our tokens of each named mention head (minspan 2 leaves the title out here)', () => {
  const doc = parseGumConllu(tinyDoc('GUM_news_a', 'Okafor', 'Lagos'));
  const ctx = articleContext(doc.text);
  assert.deepEqual(
    [...tokenTargets(doc, ctx)].map((c) => ENTITY_CLASSES[c]),
    ['O', 'B-PERSON', 'O', 'O', 'B-PLACE', 'O', 'O'],
  );
});

test('trainEntities is deterministic for a seed and writes a model that loads', async () => {
  const out1 = join(dir, 'm1.json.gz');
  const out2 = join(dir, 'm2.json.gz');
  const a = await trainEntities({ data: dir, out: out1, seed: 7, bits: 12, epochs: 3 });
  await trainEntities({ data: dir, out: out2, seed: 7, bits: 12, epochs: 3 });
  const model = (p: string) => readFile(p).then((b) => JSON.parse(gunzipSync(b).toString('utf8')).model as unknown);
  assert.deepEqual(await model(out1), await model(out2));
  assert.equal(a.metrics.trainDocuments, 2);
  const loaded = EntityModel.load(out1);
  const text = 'President Moreau arrived in Lyon today.';
  for (const e of loaded.recognize(articleContext(text))) {
    assert.ok(e.start >= 0 && e.end <= text.length && e.start < e.end);
    assert.ok(e.score > 0 && e.score <= 1);
  }
});

test('trainEntities with a second pass (folds > 1) stores and loads both passes', async () => {
  const out = join(dir, 'stacked.json.gz');
  await trainEntities({ data: dir, out, seed: 3, bits: 12, epochs: 2, folds: 2 });
  const stored = JSON.parse(gunzipSync(await readFile(out)).toString('utf8')) as { model: { stacked?: unknown } };
  assert.ok(stored.model.stacked);
  const loaded = EntityModel.load(out);
  assert.ok(loaded.stacked);
  assert.ok(Array.isArray(loaded.recognize(articleContext('President Moreau arrived in Lyon today.'))));
});

const shipped = defaultEntityModelPath();

test('shipped model: people, NATO and Brussels in a news sentence', { skip: !existsSync(shipped) && 'no shipped model' }, () => {
  const model = EntityModel.load();
  const text = 'Russian President Vladimir Putin met NATO Secretary General Mark Rutte in Brussels.';
  const found = model.recognize(articleContext(text)).map((e) => [e.type, text.slice(e.start, e.end)]);
  const people = found.filter(([t]) => t === 'PERSON').map(([, s]) => s!);
  assert.equal(people.length, 2, JSON.stringify(found));
  assert.ok(people[0]!.endsWith('Vladimir Putin') && people[1]!.endsWith('Mark Rutte'), JSON.stringify(found));
  assert.ok(found.some(([t, s]) => t === 'ORG' && s === 'NATO'), JSON.stringify(found));
  assert.ok(found.some(([t, s]) => t === 'PLACE' && s === 'Brussels'), JSON.stringify(found));
});

test('shipped model: UTF-16 offsets after an emoji, entities in text order', { skip: !existsSync(shipped) && 'no shipped model' }, () => {
  const model = EntityModel.load();
  const text = '🚨 Kremlin spokesman Dmitry Peskov told reporters in Moscow that the European Union was wrong.';
  const found = model.recognize(articleContext(text));
  const spans = found.map((e) => [e.type, text.slice(e.start, e.end)]);
  assert.ok(spans.some(([t, s]) => t === 'PERSON' && s!.endsWith('Dmitry Peskov')), JSON.stringify(spans));
  assert.ok(spans.some(([t, s]) => t === 'PLACE' && s === 'Moscow'), JSON.stringify(spans));
  assert.ok(spans.some(([t, s]) => t === 'ORG' && s === 'European Union'), JSON.stringify(spans));
  for (let i = 1; i < found.length; i++) assert.ok(found[i - 1]!.start <= found[i]!.start);
});

test('shipped model on GUM dev: named-entity F1 as recorded in the model file', { skip: (!existsSync(shipped) || !existsSync(join(DATA, 'gum'))) && 'no shipped model or no shared data' }, async () => {
  const { evaluateEntities } = await import('./train.ts');
  const { readGumSplit } = await import('../../benchmarks/gum.ts');
  const model = EntityModel.load();
  const score = evaluateEntities(model, await readGumSplit(join(DATA, 'gum'), 'dev'));
  const recorded = (model.metrics as { dev: { all: { f1: number } } }).dev.all.f1;
  assert.ok(Math.abs(score.all.f1 - recorded) < 0.01, `dev F1 ${score.all.f1} vs recorded ${recorded}`);
  assert.ok(score.all.f1 > 0.6, `dev F1 ${score.all.f1}`);
});
