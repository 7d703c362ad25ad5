import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mergeOverlapping, sliceCodePoints } from './common.ts';
import {
  TECHNIQUES_2020,
  checkSpans,
  formatSi,
  formatTc,
  readArticles,
  readSiLabels,
  readTcLabels,
  readTcTemplate,
  scoreSi,
  scoreTc,
} from './semeval2020.ts';
import type { Span, TechniqueSpan } from './semeval2020.ts';

const DATA = fileURLToPath(new URL('../../../shared/data/ptc-semeval2020-task11/', import.meta.url));
const close = (actual: number, expected: number, what = ''): void =>
  assert.ok(Math.abs(actual - expected) < 1e-12, `${what} expected ${expected}, got ${actual}`);

let dir = '';
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'spinscope-se2020-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

const si = (article: string, start: number, end: number): Span => ({ article, start, end });
const tc = (article: string, technique: string, start: number, end: number): TechniqueSpan => ({ article, technique, start, end });

// ---------- SI metric, hand-computed ----------

test('SI: one gold [0,10), one prediction [5,15): P = 5/10, R = 5/10, F1 = 0.5', () => {
  const s = scoreSi([si('1', 0, 10)], [si('1', 5, 15)]);
  close(s.precision, 0.5);
  close(s.recall, 0.5);
  close(s.f1, 0.5);
});

test('SI: overlapping gold spans are merged before scoring', () => {
  // gold [0,10) and [5,20) overlap -> one gold span [0,20) (|T| = 1).
  // prediction [0,10): |s∩t| = 10. P = 10/10 = 1, R = 10/20 = 0.5, F1 = 2·1·0.5/1.5 = 2/3.
  // (Unmerged it would be P = (10/10 + 5/10)/1 = 1.5, R = (10/10 + 5/15)/2 = 2/3.)
  const s = scoreSi([si('1', 0, 10), si('1', 5, 20)], [si('1', 0, 10)]);
  assert.equal(s.recallDenominator, 1);
  close(s.precision, 1);
  close(s.recall, 0.5);
  close(s.f1, 2 / 3);
});

test('SI: nested gold spans merge into the outer one', () => {
  // gold [0,20) ⊃ [5,10) -> [0,20). prediction [5,10): P = 5/5 = 1, R = 5/20 = 0.25, F1 = 2·0.25/1.25 = 0.4.
  const s = scoreSi([si('1', 0, 20), si('1', 5, 10)], [si('1', 5, 10)]);
  close(s.precision, 1);
  close(s.recall, 0.25);
  close(s.f1, 0.4);
});

test('SI: touching gold spans ([0,2) and [2,10)) are not merged', () => {
  // |T| = 2; prediction [0,2): P = 2/2 = 1, R = (2/2 + 0/8)/2 = 0.5, F1 = 2/3.
  // (Merged into [0,10) it would be R = 2/10.)
  const s = scoreSi([si('1', 0, 2), si('1', 2, 10)], [si('1', 0, 2)]);
  close(s.recall, 0.5);
  close(s.f1, 2 / 3);
});

test('SI: predictions on an article with no gold span are false positives', () => {
  // gold: article 1 [0,10); predictions: 1 [0,10), 2 [0,10) (article 2 has no gold span).
  // P = (10/10 + 0)/2 = 0.5, R = 10/10 / 1 = 1, F1 = 2·0.5·1/1.5 = 2/3.
  const s = scoreSi([si('1', 0, 10)], [si('1', 0, 10), si('2', 0, 10)]);
  close(s.precision, 0.5);
  close(s.recall, 1);
  close(s.f1, 2 / 3);
  // Declared as an article of the set (empty gold file): same score.
  close(scoreSi([si('1', 0, 10)], [si('1', 0, 10), si('2', 0, 10)], { articles: ['1', '2'] }).f1, 2 / 3);
  // Not an article of the set: an error that names it.
  assert.throws(() => scoreSi([si('1', 0, 10)], [si('2', 0, 10)], { articles: ['1'] }), /article.*not in the gold data: 2/);
});

test('SI: gold articles without predictions count in the recall denominator', () => {
  // gold 1 [0,10), 2 [0,10); prediction 1 [0,10): P = 1/1, R = 1/2, F1 = 2/3.
  const s = scoreSi([si('1', 0, 10), si('2', 0, 10)], [si('1', 0, 10)]);
  close(s.precision, 1);
  close(s.recall, 0.5);
  close(s.f1, 2 / 3);
});

test('SI: sums are micro over the whole set, not per-article averages', () => {
  // article 1: gold [0,10), pred [0,10) -> contributes 1 to both numerators.
  // article 2: gold [0,10), preds [0,5) and [20,30) -> P contributions 5/5 + 0, R contribution 5/10.
  // P = (1 + 1 + 0)/3 = 2/3, R = (1 + 0.5)/2 = 0.75, F1 = 2·(2/3)·0.75/(2/3 + 0.75) = 1/1.41666… = 12/17.
  const s = scoreSi([si('1', 0, 10), si('2', 0, 10)], [si('1', 0, 10), si('2', 0, 5), si('2', 20, 30)]);
  close(s.precision, 2 / 3);
  close(s.recall, 0.75);
  close(s.f1, 12 / 17);
});

test('SI: overlapping predictions are refused unless mergePredicted (the -m option)', () => {
  const gold = [si('1', 0, 10)];
  const pred = [si('1', 0, 6), si('1', 4, 10)];
  assert.throws(() => scoreSi(gold, pred), /article 1: predicted spans 0-6 and 4-10 overlap/);
  // merged: [0,10) -> P = R = F1 = 1.
  const s = scoreSi(gold, pred, { mergePredicted: true });
  assert.equal(s.precisionDenominator, 1);
  close(s.f1, 1);
});

test('SI: nothing to find and nothing found scores F1 = 1; misses score 0', () => {
  close(scoreSi([], []).f1, 1);
  close(scoreSi([si('1', 0, 5)], []).f1, 0);
  close(scoreSi([], [si('1', 0, 5)]).f1, 0);
});

test('mergeOverlapping chains overlaps and keeps touching ranges apart', () => {
  assert.deepEqual(mergeOverlapping([[10, 20], [0, 5], [4, 11], [20, 25]]), [[0, 20], [20, 25]]);
});

// ---------- TC metric, hand-computed ----------

test('TC: exact span + technique matching, micro F1 = accuracy with one prediction per gold row', () => {
  // 4 gold rows, 4 predictions on the same spans, 3 techniques right: P = R = F1 = 3/4.
  const gold = [tc('1', 'Doubt', 0, 5), tc('1', 'Slogans', 6, 9), tc('2', 'Repetition', 0, 4), tc('2', 'Doubt', 5, 8)];
  const pred = [tc('1', 'Doubt', 0, 5), tc('1', 'Doubt', 6, 9), tc('2', 'Repetition', 0, 4), tc('2', 'Doubt', 5, 8)];
  const s = scoreTc(gold, pred, { requireSameSpans: true });
  close(s.f1, 0.75);
  close(s.accuracy, 0.75);
  // Doubt: tp 2, predicted 3, gold 2 -> P 2/3, R 1, F1 0.8; Slogans: 0; Repetition: 1. macro = (0.8 + 0 + 1)/3 = 0.6.
  close(s.perTechnique.get('Doubt')!.f1, 0.8);
  close(s.macroF1, 0.6);
});

test('TC: a span listed twice in the gold with different techniques; each prediction matches one row at most', () => {
  // gold: [0,10) Loaded_Language, [0,10) Repetition, [20,30) Doubt.
  // predictions: [0,10) Repetition twice, [20,30) Doubt. The second Repetition finds no unused
  // Repetition row (Loaded_Language is not its technique): matched = 2.
  // P = 2/3, R = 2/3, F1 = 2/3.
  const gold = [tc('1', 'Loaded_Language', 0, 10), tc('1', 'Repetition', 0, 10), tc('1', 'Doubt', 20, 30)];
  const pred = [tc('1', 'Repetition', 0, 10), tc('1', 'Repetition', 0, 10), tc('1', 'Doubt', 20, 30)];
  const s = scoreTc(gold, pred);
  assert.equal(s.matched, 2);
  close(s.f1, 2 / 3);
  // Repetition: tp 1, predicted 2, gold 1 -> P 0.5, R 1, F1 2/3; Loaded_Language F1 0; Doubt 1.
  // macro over the three = (0 + 2/3 + 1)/3 = 5/9.
  close(s.perTechnique.get('Repetition')!.f1, 2 / 3);
  close(s.macroF1, 5 / 9);
});

test('TC: the order of techniques on a shared span does not matter', () => {
  const gold = [tc('1', 'Loaded_Language', 10, 20), tc('1', 'Repetition', 10, 20)];
  const pred = [tc('1', 'Repetition', 10, 20), tc('1', 'Loaded_Language', 10, 20)];
  close(scoreTc(gold, pred).f1, 1);
});

test('TC: macro-F1 over a given technique list counts unseen techniques as 0', () => {
  const s = scoreTc([tc('1', 'Doubt', 0, 5)], [tc('1', 'Doubt', 0, 5)], { techniques: TECHNIQUES_2020 });
  close(s.f1, 1);
  close(s.macroF1, 1 / 14);
});

test('TC: requireSameSpans refuses predictions on other spans; without it they just miss', () => {
  const gold = [tc('1', 'Doubt', 0, 5)];
  const pred = [tc('1', 'Doubt', 0, 6)];
  assert.throws(() => scoreTc(gold, pred, { requireSameSpans: true }), /article 1: span 0-[56] appears/);
  close(scoreTc(gold, pred).f1, 0);
});

// ---------- readers and writers on fixtures ----------

async function write(name: string, content: string | Uint8Array): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
}

test('readArticles keeps a leading BOM as character 0 and counts an emoji as one character', async () => {
  const arts = join(dir, 'articles');
  await mkdir(arts);
  const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('Title\n\nThey lie.\n')]);
  await writeFile(join(arts, 'article100.txt'), bom);
  await writeFile(join(arts, 'article200.txt'), 'I 😀 love lies\n');
  await writeFile(join(arts, 'notes.md'), 'not an article');
  const texts = await readArticles(arts);
  assert.deepEqual([...texts.keys()], ['100', '200']);
  const a = texts.get('100')!;
  assert.equal(a[0], '\uFEFF');
  // BOM = 0, "Title" = 1..5, "\n\n" = 6..7, "They" = 8..11, " lie" ... : "lie" is [13,16)
  assert.equal(sliceCodePoints(a, 13, 16), 'lie');
  const b = texts.get('200')!;
  // I=0 ' '=1 😀=2 ' '=3 love=4..7 ' '=8 lies=9..12 '\n'=13 -> 14 code points (15 UTF-16 units)
  assert.equal(sliceCodePoints(b, 9, 13), 'lies');
  assert.deepEqual(checkSpans([{ article: '200', start: 9, end: 14 }], texts), []);
  assert.deepEqual(checkSpans([{ article: '200', start: 9, end: 15 }], texts), ['200: span 9-15 ends beyond the text (length 14)']);
  assert.deepEqual(checkSpans([{ article: '200', start: 14, end: 15 }], texts), ['200: span 14-15 starts beyond the text (length 14)']);
  assert.deepEqual(checkSpans([{ article: '999', start: 0, end: 1 }], texts), ['999: span 0-1 has no article text']);
});

test('readSiLabels reads a merged CRLF file and a folder of per-article files (empty ones included)', async () => {
  const merged = await write('si-crlf.labels', '100\t13\t16\r\n100\t0\t5\r\n200\t9\t13\r\n');
  assert.deepEqual(await readSiLabels(merged), [si('100', 13, 16), si('100', 0, 5), si('200', 9, 13)]);
  const folder = join(dir, 'si-folder');
  await mkdir(folder);
  await writeFile(join(folder, 'article100.task-si.labels'), '100\t13\t16\n');
  await writeFile(join(folder, 'article300.task-si.labels'), '');
  await writeFile(join(folder, '._article100.task-si.labels'), 'junk');
  assert.deepEqual(await readSiLabels(folder), [si('100', 13, 16)]);
});

test('malformed label lines fail with <file>:<line>: <what is wrong>', async () => {
  const cases: [string, RegExp][] = [
    ['100\t1\t5\n100\t7\n', /:2: expected 3 tab-separated columns \(article, start, end\), found 2$/],
    ['100\t1\t5\n\n100\tx\t9\n', /:3: start offset 'x' is not an integer$/],
    ['100\t1.5\t9\n', /:1: start offset '1\.5' is not an integer$/],
    ['100\t-1\t9\n', /:1: start offset -1 is negative$/],
    ['100\t9\t9\n', /:1: start 9 is not before end 9$/],
    ['100\t10\t9\n', /:1: start 10 is not before end 9$/],
    ['abc\t1\t9\n', /:1: article id 'abc' is not a number$/],
  ];
  for (const [i, [content, message]] of cases.entries()) {
    const file = await write(`bad${i}.labels`, content);
    await assert.rejects(readSiLabels(file), (e: Error) => e.message.startsWith(`${file}:`) && message.test(e.message));
  }
  const tcFile = await write('bad-tc.labels', '100\tDoubt\t1\t5\n100\tDoubt\t1\n');
  await assert.rejects(readTcLabels(tcFile), (e: Error) => e.message.startsWith(`${tcFile}:2: expected 4 tab-separated columns`));
  const unknown = await write('unknown-tc.labels', '100\tLoaded_Languag\t1\t5\n');
  await assert.rejects(readTcLabels(unknown, { techniques: TECHNIQUES_2020 }), /:1: unknown technique 'Loaded_Languag'/);
  const folder = join(dir, 'mismatch');
  await mkdir(folder);
  await writeFile(join(folder, 'article100.task-si.labels'), '101\t1\t5\n');
  await assert.rejects(readSiLabels(folder), /article100\.task-si\.labels:1: article id 101 does not match the file name/);
});

test('readTcTemplate reads `?` rows, keeps repeated spans, refuses a filled technique', async () => {
  const file = await write('template.out', '100\t?\t1\t5\n100\t?\t1\t5\n200\t?\t0\t3\n');
  assert.deepEqual(await readTcTemplate(file), [si('100', 1, 5), si('100', 1, 5), si('200', 0, 3)]);
  const bad = await write('template-bad.out', '100\t?\t1\t5\n100\tDoubt\t1\t5\n');
  await assert.rejects(readTcTemplate(bad), /:2: expected '\?' in the technique column/);
});

test('formatSi / formatTc write the submission lines and read back identically', async () => {
  const siRows = [si('100', 13, 16), si('200', 9, 13)];
  assert.equal(formatSi(siRows), '100\t13\t16\n200\t9\t13\n');
  assert.deepEqual(await readSiLabels(await write('round.si', formatSi(siRows))), siRows);
  const tcRows = [tc('100', 'Name_Calling,Labeling', 13, 16), tc('200', 'Doubt', 9, 13)];
  assert.equal(formatTc(tcRows), '100\tName_Calling,Labeling\t13\t16\n200\tDoubt\t9\t13\n');
  assert.deepEqual(await readTcLabels(await write('round.tc', formatTc(tcRows))), tcRows);
  assert.throws(() => formatSi([si('1', 5, 5)]), /not a valid span/);
  assert.throws(() => formatTc([tc('1', 'A\tB', 0, 5)]), /contains a tab/);
});

// ---------- smoke tests on the real data ----------

test('PTC v2 train data: counts from the README, spans inside articles, BOM and emoji articles', async (t) => {
  if (!existsSync(DATA)) {
    t.skip('data not present');
    return;
  }
  const articles = await readArticles(join(DATA, 'train-articles'));
  assert.equal(articles.size, 371);
  const siMerged = await readSiLabels(join(DATA, 'train-task-si.labels'));
  const siFolder = await readSiLabels(join(DATA, 'train-labels-task-si'));
  assert.equal(siMerged.length, 5468);
  assert.deepEqual(siFolder.length, siMerged.length);
  const tcMerged = await readTcLabels(join(DATA, 'train-task-flc-tc.labels'), { techniques: TECHNIQUES_2020 });
  const tcFolder = await readTcLabels(join(DATA, 'train-labels-task-flc-tc'), { techniques: TECHNIQUES_2020 });
  assert.equal(tcMerged.length, 6128);
  assert.equal(tcFolder.length, 6128);
  const loaded = tcMerged.filter((r) => r.technique === 'Loaded_Language').length;
  assert.equal(loaded, 2123);
  assert.deepEqual(checkSpans(tcMerged, articles), []);
  assert.deepEqual(checkSpans(siMerged, articles), []);
  // The two BOM articles: offsets count the BOM, so spans there start and end on non-space characters.
  for (const id of ['712382330', '705409419']) {
    const text = articles.get(id)!;
    assert.equal(text[0], '\uFEFF', `article ${id} keeps its BOM`);
  }
  // README: no v2 span starts or ends with whitespace; that only holds with code-point offsets
  // (BOM counted, emoji = 1 character).
  for (const r of tcMerged) {
    const frag = sliceCodePoints(articles.get(r.article)!, r.start, r.end);
    assert.equal(frag.trim(), frag, `article ${r.article} span ${r.start}-${r.end}`);
  }
  // Gold against itself scores 1 with both metrics.
  close(scoreSi(siMerged, siMerged, { mergePredicted: true }).f1, 1);
  close(scoreTc(tcMerged, tcMerged, { requireSameSpans: true }).f1, 1);
});
