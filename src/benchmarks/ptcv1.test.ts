import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkSpans } from './common.ts';
import {
  TECHNIQUES_V1,
  formatFlc,
  formatSlc,
  readArticles,
  readFlcLabels,
  readSlcLabels,
  scoreFlc,
  scoreSlc,
  sentencesOf,
  slcFromSpans,
} from './ptcv1.ts';
import type { SlcLabel } from './ptcv1.ts';
import type { TechniqueSpan } from './common.ts';

const DATA = fileURLToPath(new URL('../../../shared/data/ptc-v1-nlp4if2019/', import.meta.url));
const close = (actual: number, expected: number): void => assert.ok(Math.abs(actual - expected) < 1e-12, `expected ${expected}, got ${actual}`);
const tc = (article: string, technique: string, start: number, end: number): TechniqueSpan => ({ article, technique, start, end });
const slc = (article: string, sentence: number, propaganda: boolean): SlcLabel => ({ article, sentence, propaganda });

let dir = '';
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'spinscope-ptcv1-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

test('sentencesOf numbers every line, empty ones included, with code-point offsets', () => {
  const text = 'Title 😀\n\nFirst line.\nSecond\n';
  const s = sentencesOf(text);
  assert.deepEqual(
    s.map((x) => [x.sentence, x.start, x.end, x.text]),
    [
      [1, 0, 7, 'Title 😀'], // 7 code points, 8 UTF-16 units
      [2, 8, 8, ''],
      [3, 9, 20, 'First line.'],
      [4, 21, 27, 'Second'],
    ],
  );
  // No final line feed: the last line is still a sentence. CRLF: the CR is not part of the sentence.
  assert.deepEqual(sentencesOf('a\r\nb').map((x) => [x.start, x.end, x.text]), [[0, 1, 'a'], [3, 4, 'b']]);
});

test('slcFromSpans marks the lines a fragment touches', () => {
  const text = 'Title\n\nThey are traitors.\nNothing here.\n';
  // "traitors" is [16,24) -> only sentence 3
  assert.deepEqual(
    slcFromSpans('9', text, [{ start: 16, end: 24 }]).map((r) => r.propaganda),
    [false, false, true, false],
  );
});

test('FLC: a prediction only earns credit on gold spans of its own technique', () => {
  // gold: [0,10) Loaded_Language and [0,10) Doubt (T = 2). prediction: [5,15) Loaded_Language (S = 1).
  // Only the Loaded_Language pair counts: |s∩t| = 5. P = 5/10 = 0.5, R = (5/10)/2 = 0.25,
  // F1 = 2·0.5·0.25/0.75 = 1/3. (Ignoring techniques, SI-style, would give P = 1, R = 0.5.)
  const gold = [tc('1', 'Loaded_Language', 0, 10), tc('1', 'Doubt', 0, 10)];
  const s = scoreFlc(gold, [tc('1', 'Loaded_Language', 5, 15)]);
  close(s.precision, 0.5);
  close(s.recall, 0.25);
  close(s.f1, 1 / 3);
  // Per technique: Loaded_Language P 0.5, R 0.5, F1 0.5; Doubt P 0 (no prediction), R 0 -> F1 0.
  close(s.perTechnique.get('Loaded_Language')!.f1, 0.5);
  close(s.perTechnique.get('Doubt')!.f1, 0);
  close(s.macroF1, 0.25);
  // Over the 18-technique list, the 16 techniques absent from both sides score 1 (scorer convention):
  // (0.5 + 0 + 16)/18.
  close(scoreFlc(gold, [tc('1', 'Loaded_Language', 5, 15)], { techniques: TECHNIQUES_V1 }).macroF1, 16.5 / 18);
});

test('FLC: overlapping gold spans of one technique merge; of different techniques they do not', () => {
  // gold Doubt [0,10) and Doubt [5,20) -> Doubt [0,20); Slogans [0,10) stays. T = 2.
  // prediction Doubt [0,10): P = 10/10 = 1, R = (10/20)/2 = 0.25, F1 = 2·0.25/1.25 = 0.4.
  const gold = [tc('1', 'Doubt', 0, 10), tc('1', 'Doubt', 5, 20), tc('1', 'Slogans', 0, 10)];
  const s = scoreFlc(gold, [tc('1', 'Doubt', 0, 10)]);
  assert.equal(s.recallDenominator, 2);
  close(s.f1, 0.4);
  // Predictions of different techniques may overlap; the same technique may not (unless merged).
  assert.doesNotThrow(() => scoreFlc(gold, [tc('1', 'Doubt', 0, 10), tc('1', 'Slogans', 0, 10)]));
  assert.throws(() => scoreFlc(gold, [tc('1', 'Doubt', 0, 10), tc('1', 'Doubt', 9, 12)]), /technique Doubt 0-10 and 9-12 overlap/);
});

test('SLC: F1 of the propaganda class; a missing prediction is non-propaganda', () => {
  const gold = [slc('1', 1, true), slc('1', 2, false), slc('1', 3, true), slc('1', 4, false)];
  // predictions: 1 yes (tp), 2 yes (fp), 3 missing (fn), 4 no (tn).
  // P = 1/2, R = 1/2, F1 = 0.5, accuracy = 2/4.
  const s = scoreSlc(gold, [slc('1', 1, true), slc('1', 2, true), slc('1', 4, false)]);
  assert.deepEqual([s.tp, s.fp, s.fn], [1, 1, 1]);
  close(s.f1, 0.5);
  close(s.accuracy, 0.5);
  assert.throws(() => scoreSlc(gold, [slc('1', 5, true)]), /sentences not in the gold data: article 1 sentence 5/);
});

test('SLC reader: folder of per-article files, bad labels and duplicates fail with file:line', async () => {
  const folder = join(dir, 'slc');
  await mkdir(folder);
  await writeFile(join(folder, 'article7.task-SLC.labels'), '7\t1\tnon-propaganda\r\n7\t2\tpropaganda\r\n');
  assert.deepEqual(await readSlcLabels(folder), [slc('7', 1, false), slc('7', 2, true)]);
  const bad = join(dir, 'bad-slc.labels');
  await writeFile(bad, '7\t1\tnon-propaganda\n7\t2\tmaybe\n');
  await assert.rejects(readSlcLabels(bad), (e: Error) => e.message === `${bad}:2: label 'maybe' is neither 'propaganda' nor 'non-propaganda'`);
  await writeFile(bad, '7\t1\tpropaganda\n7\t0\tpropaganda\n');
  await assert.rejects(readSlcLabels(bad), /:2: sentence id '0' is not a positive integer/);
  await writeFile(bad, '7\t1\tpropaganda\n7\t1\tpropaganda\n');
  await assert.rejects(readSlcLabels(bad), /:2: sentence 1 of article 7 is already labelled/);
});

test('FLC / SLC writers round-trip through the readers', async () => {
  const flc = [tc('7', 'Straw_Men', 3, 9)];
  const f = join(dir, 'round-flc.labels');
  await writeFile(f, formatFlc(flc));
  assert.deepEqual(await readFlcLabels(f, { techniques: TECHNIQUES_V1 }), flc);
  const rows = [slc('7', 1, false), slc('7', 2, true)];
  assert.equal(formatSlc(rows), '7\t1\tnon-propaganda\n7\t2\tpropaganda\n');
  const s = join(dir, 'round-slc.labels');
  await writeFile(s, formatSlc(rows));
  assert.deepEqual(await readSlcLabels(s), rows);
});

test('PTC v1 train data: 350 articles, 6,041 FLC spans (3 beyond their article), SLC lines = article lines', async (t) => {
  if (!existsSync(DATA)) {
    t.skip('data not present');
    return;
  }
  const articles = await readArticles(join(DATA, 'train-articles'));
  assert.equal(articles.size, 350);
  const flc = await readFlcLabels(join(DATA, 'train-labels-FLC'), { techniques: TECHNIQUES_V1 });
  assert.equal(flc.length, 6041);
  assert.equal(flc.filter((r) => r.technique === 'Loaded_Language').length, 2115);
  // README: 3 spans end beyond the article (the v1 issue fixed in v2).
  assert.equal(checkSpans(flc, articles).length, 3);
  // README counts (14,857 sentences, 3,937 propaganda) are those of the merged file, which covers
  // 293 of the articles; the per-article folder covers all 350 (16,965 sentences, 4,720 propaganda).
  const merged = await readSlcLabels(join(DATA, 'train.task-SLC.labels'));
  assert.equal(merged.length, 14857);
  assert.equal(merged.filter((r) => r.propaganda).length, 3937);
  const folder = await readSlcLabels(join(DATA, 'train-labels-SLC'));
  assert.equal(folder.length, 16965);
  const perArticle = new Map<string, number>();
  for (const r of folder) perArticle.set(r.article, Math.max(perArticle.get(r.article) ?? 0, r.sentence));
  for (const [id, text] of articles) assert.equal(perArticle.get(id), sentencesOf(text).length, `article ${id}`);
  close(scoreFlc(flc, flc, { mergePredicted: true }).f1, 1);
});
