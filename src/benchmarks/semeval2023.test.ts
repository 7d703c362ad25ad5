import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkSpans, sliceCodePoints } from './common.ts';
import {
  FRAMES_2023,
  TECHNIQUES_2023,
  formatSt1,
  formatSt2,
  formatSt3,
  paragraphsOf,
  readArticles,
  readFrameLabels,
  readGenreLabels,
  readParagraphLabels,
  readSpanLabels,
  readTemplate,
  scoreMultiLabel,
  scoreSt1,
} from './semeval2023.ts';
import type { FrameLabels, GenreLabel, ParagraphLabels } from './semeval2023.ts';

const DATA = fileURLToPath(new URL('../../../shared/data/semeval2023-task3/data/', import.meta.url));
const close = (actual: number, expected: number, what = ''): void =>
  assert.ok(Math.abs(actual - expected) < 1e-12, `${what} expected ${expected}, got ${actual}`);
const para = (article: string, paragraph: number, ...techniques: string[]): ParagraphLabels => ({ article, paragraph, techniques });
const genre = (article: string, g: string): GenreLabel => ({ article, genre: g });

let dir = '';
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'spinscope-se2023-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

// ---------- paragraphs ----------

test('paragraphsOf: paragraph k is line k; blank and whitespace-only lines are left out', () => {
  const text = 'Title\n\nFirst para.\n \nSecond 😀 para\n';
  assert.deepEqual(
    paragraphsOf(text).map((p) => [p.paragraph, p.start, p.end, p.text]),
    [
      [1, 0, 5, 'Title'],
      [3, 7, 18, 'First para.'],
      // line 4 is a single space: left out (line.strip() == '')
      [5, 21, 34, 'Second 😀 para'], // 13 code points; UTF-16 would end at 35
    ],
  );
  for (const p of paragraphsOf(text)) assert.equal(sliceCodePoints(text, p.start, p.end), p.text);
});

test('paragraphsOf: a leading BOM belongs to paragraph 1 and is character 0; text is untrimmed', () => {
  assert.deepEqual(
    paragraphsOf('\uFEFFTitle \n\n  Body').map((p) => [p.paragraph, p.start, p.end, p.text]),
    [
      [1, 0, 7, '\uFEFFTitle '],
      [3, 9, 15, '  Body'],
    ],
  );
});

test('paragraphsOf: Python whitespace decides blankness (NBSP-only is blank, BOM-only is not); CRLF and CR break lines', () => {
  assert.deepEqual(paragraphsOf('A\n\u00a0\n\uFEFF\nB').map((p) => p.paragraph), [1, 3, 4]);
  // A(0) \r(1) \n(2) \r(3) \n(4) B(5)
  assert.deepEqual(paragraphsOf('A\r\n\r\nB').map((p) => [p.paragraph, p.start, p.end]), [[1, 0, 1], [3, 5, 6]]);
  assert.deepEqual(paragraphsOf('A\rB').map((p) => p.paragraph), [1, 2]);
  assert.deepEqual(paragraphsOf(''), []);
});

// ---------- readers and writers ----------

async function write(name: string, content: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
}

test('readParagraphLabels: empty technique column, trailing tab, CRLF, per-article folder without templates', async () => {
  const merged = await write('st3.txt', '5\t1\t\r\n5\t3\tDoubt,Slogans\r\n5\t4\n');
  assert.deepEqual(await readParagraphLabels(merged), [para('5', 1), para('5', 3, 'Doubt', 'Slogans'), para('5', 4)]);
  const folder = join(dir, 'st3');
  await mkdir(folder);
  await writeFile(join(folder, 'article5-labels-subtask-3.txt'), '5\t1\t\n5\t3\tDoubt\n');
  // A CRLF template: the CR is part of the line break, not of the paragraph text.
  await writeFile(join(folder, 'article5-labels-subtask-3.txt.template'), '5\t1\tTitle\r\n5\t3\tBody \r\n');
  assert.deepEqual(await readParagraphLabels(folder), [para('5', 1), para('5', 3, 'Doubt')]);
  assert.deepEqual(await readTemplate(folder), [
    { article: '5', paragraph: 1, text: 'Title' },
    { article: '5', paragraph: 3, text: 'Body ' },
  ]);
});

test('readParagraphLabels: malformed rows and labels fail with file:line', async () => {
  const cases: [string, RegExp, string[]?][] = [
    ['5\t1\t\n5\tx\tDoubt\n', /:2: paragraph number 'x' is not a positive integer$/],
    ['5\t0\tDoubt\n', /:1: paragraph number '0' is not a positive integer$/],
    ['5\t1\tDoubt\t\tmore\n', /:1: expected 3 tab-separated columns/],
    ['5\t1\tDoubt,,Slogans\n', /:1: empty technique name in 'Doubt,,Slogans'$/],
    ['5\t1\tDoubt\n5\t1\t\n', /:2: paragraph 1 of article 5 is listed twice/],
    ['5\t1\tAppeal_to_Fear-Prejudi-čce\n', /:1: unknown technique 'Appeal_to_Fear-Prejudi-čce'$/, [...TECHNIQUES_2023]],
  ];
  for (const [i, [content, message, techniques]] of cases.entries()) {
    const file = await write(`bad-st3-${i}.txt`, content);
    await assert.rejects(
      readParagraphLabels(file, techniques ? { techniques } : {}),
      (e: Error) => e.message.startsWith(`${file}:`) && message.test(e.message),
      `case ${i}`,
    );
  }
});

test('genre and frame readers', async () => {
  assert.deepEqual(await readGenreLabels(await write('st1.txt', '1\topinion\n2\tsatire\n')), [genre('1', 'opinion'), genre('2', 'satire')]);
  await assert.rejects(readGenreLabels(await write('st1-bad.txt', '1\topinion\n2\tnews\n')), /:2: unknown genre 'news'/);
  assert.deepEqual(await readFrameLabels(await write('st2.txt', '1\tEconomic,Political\n2\t\n'), { frames: FRAMES_2023 }), [
    { article: '1', frames: ['Economic', 'Political'] },
    { article: '2', frames: [] },
  ]);
  await assert.rejects(readFrameLabels(await write('st2-bad.txt', '1\tEconomy\n'), { frames: FRAMES_2023 }), /:1: unknown frame 'Economy'/);
  await assert.rejects(readFrameLabels(await write('st2-notab.txt', '1 Economic\n')), /:1: no tab/);
});

test('formatSt1 / formatSt2 / formatSt3 write the submission lines and read back', async () => {
  assert.equal(formatSt1([genre('1', 'opinion')]), '1\topinion\n');
  const frames: FrameLabels[] = [{ article: '1', frames: ['Economic', 'Morality'] }, { article: '2', frames: [] }];
  assert.equal(formatSt2(frames), '1\tEconomic,Morality\n2\t\n');
  assert.deepEqual(await readFrameLabels(await write('round-st2.txt', formatSt2(frames))), frames);
  const rows = [para('9', 1), para('9', 3, 'Doubt', 'Loaded_Language')];
  assert.equal(formatSt3(rows), '9\t1\t\n9\t3\tDoubt,Loaded_Language\n');
  assert.deepEqual(await readParagraphLabels(await write('round-st3.txt', formatSt3(rows))), rows);
  assert.throws(() => formatSt3([para('9', 1, 'A,B')]), /contains a comma/);
});

// ---------- metrics, hand-computed ----------

test('scoreMultiLabel (ST3): micro-F1 over paragraph units, macro over the label list with zero_division = 1', () => {
  const gold = [para('1', 1, 'A', 'B'), para('1', 3), para('2', 1, 'C')];
  // paragraph 2/1 has no prediction -> counts as empty.
  const pred = [para('1', 1, 'A'), para('1', 3, 'B')];
  // tp: A@1/1. fp: B@1/3. fn: B@1/1, C@2/1.  micro P = 1/2, R = 1/3, F1 = 2·1/(2·1 + 1 + 2) = 2/5.
  const s = scoreMultiLabel(gold, pred, ['A', 'B', 'C']);
  close(s.microPrecision, 0.5);
  close(s.microRecall, 1 / 3);
  close(s.microF1, 0.4);
  // per label F1 = 2tp/(2tp+fp+fn): A = 1, B = 0/(0+1+1) = 0, C = 0 -> macro = 1/3.
  close(s.macroF1, 1 / 3);
  // A label in neither gold nor predictions scores 1 (zero_division = 1): (1 + 0 + 0 + 1)/4.
  close(scoreMultiLabel(gold, pred, ['A', 'B', 'C', 'D']).macroF1, 0.5);
  assert.equal(s.units, 3);
});

test('scoreMultiLabel: unknown units and labels are errors; unknown gold labels are ignored', () => {
  const gold = [para('1', 1, 'A'), para('1', 2, 'Typo')];
  assert.throws(() => scoreMultiLabel(gold, [para('1', 9, 'A')], ['A']), /not in the gold data: article 1 paragraph 9/);
  assert.throws(() => scoreMultiLabel(gold, [para('1', 1, 'Z')], ['A']), /not in the label list: 'Z' \(article 1 paragraph 1\)/);
  const s = scoreMultiLabel(gold, [para('1', 1, 'A')], ['A']);
  close(s.microF1, 1);
  assert.deepEqual(s.ignoredGoldLabels, ['Typo']);
});

test('scoreMultiLabel (ST2): articles are the units', () => {
  // gold 1 {Economic, Political}, 2 {Morality}; pred 1 {Economic}, 2 {Morality, Political}
  // tp 2 (Economic@1, Morality@2), fp 1 (Political@2), fn 1 (Political@1): F1 = 4/(4+1+1) = 2/3.
  const s = scoreMultiLabel(
    [{ article: '1', frames: ['Economic', 'Political'] }, { article: '2', frames: ['Morality'] }],
    [{ article: '1', frames: ['Economic'] }, { article: '2', frames: ['Morality', 'Political'] }],
    FRAMES_2023,
  );
  close(s.microF1, 2 / 3);
  // Economic 1, Morality 1, Political 0, the 11 others 1 -> macro = 13/14.
  close(s.macroF1, 13 / 14);
});

test('scoreSt1: macro-F1 over the classes present in gold or predictions', () => {
  const gold = [genre('1', 'opinion'), genre('2', 'opinion'), genre('3', 'reporting'), genre('4', 'satire')];
  const pred = [genre('1', 'opinion'), genre('2', 'reporting'), genre('3', 'reporting'), genre('4', 'opinion')];
  // opinion: tp 1, fp 1 (4), fn 1 (2) -> 2/(2+1+1) = 0.5; reporting: tp 1, fp 1 (2) -> 2/3; satire: fn 1 -> 0.
  // macro = (0.5 + 2/3 + 0)/3 = 7/18; accuracy = micro = 2/4.
  const s = scoreSt1(gold, pred);
  close(s.macroF1, 7 / 18);
  close(s.microF1, 0.5);
  close(s.accuracy, 0.5);
  // satire in neither: it is not averaged in. opinion 2/(2+1) = 2/3, reporting 0 -> macro 1/3 (not 2/9).
  close(scoreSt1([genre('1', 'opinion'), genre('2', 'reporting')], [genre('1', 'opinion'), genre('2', 'opinion')]).macroF1, 1 / 3);
  // A missing prediction is a miss (fn only); unknown articles and genres are errors.
  close(scoreSt1([genre('1', 'opinion'), genre('2', 'satire')], [genre('1', 'opinion')]).accuracy, 0.5);
  assert.throws(() => scoreSt1(gold, [genre('9', 'opinion')]), /articles not in the gold data: 9/);
  assert.throws(() => scoreSt1(gold, [genre('1', 'news')]), /unknown genre 'news'/);
});

// ---------- real data ----------

const present = existsSync(DATA);

test('paragraphsOf agrees with the per-article templates and the labels for every en and ru train article', async (t) => {
  if (!present) {
    t.skip('data not present');
    return;
  }
  for (const lang of ['en', 'ru']) {
    const articles = await readArticles(join(DATA, lang, 'train-articles-subtask-3'));
    const templates = await readTemplate(join(DATA, lang, 'train-labels-subtask-3'));
    const labels = await readParagraphLabels(join(DATA, lang, 'train-labels-subtask-3'), { techniques: TECHNIQUES_2023 });
    const byArticle = <T extends { article: string }>(rows: T[]): Map<string, T[]> => {
      const m = new Map<string, T[]>();
      for (const r of rows) m.set(r.article, [...(m.get(r.article) ?? []), r]);
      return m;
    };
    const tmpl = byArticle(templates);
    const labs = byArticle(labels);
    let agree = 0;
    const disagree: string[] = [];
    for (const [id, text] of articles) {
      const mine = paragraphsOf(text).map((p) => `${p.paragraph}\t${p.text}`);
      const theirs = (tmpl.get(id) ?? []).map((r) => `${r.paragraph}\t${r.text}`);
      const numbered = (labs.get(id) ?? []).map((r) => r.paragraph);
      if (mine.join('\n') === theirs.join('\n') && numbered.join() === paragraphsOf(text).map((p) => p.paragraph).join()) agree++;
      else disagree.push(id);
    }
    t.diagnostic(`${lang}: paragraphsOf agrees with template and labels for ${agree}/${articles.size} articles (${((100 * agree) / articles.size).toFixed(1)}%)`);
    // 100%: no exceptions exist in this data (checked for all six languages while writing paragraphsOf).
    assert.deepEqual(disagree, [], `${lang}: articles whose paragraphs differ`);
  }
});

test('SemEval-2023 train data: counts per language, labels, frames, genres, spans', async (t) => {
  if (!present) {
    t.skip('data not present');
    return;
  }
  // ST3 rows (rows with ≥1 technique) of the merged labels file, as in the README (per-language table).
  // English differs from the README (446 articles, 9,498 rows, 3,760 with techniques, 433 ST1 docs):
  // this copy lacks the 75 articles that are the PTC dev set; only their per-article templates
  // remain (446 templates = 371 + 75, with 9,498 template rows). The 371 present articles have
  // 7,895 rows (3,218 with techniques), 358 ST1/ST2 docs and 6,136 spans.
  const expected: Record<string, [articles: number, rows: number, withTech: number, st1: number, st2: number, spans: number]> = {
    en: [371, 7895, 3218, 358, 358, 6136],
    fr: [158, 2259, 1693, 157, 158, 5595],
    ge: [132, 1555, 1252, 132, 132, 4501],
    it: [227, 2623, 1745, 226, 227, 6027],
    po: [145, 2310, 1232, 144, 145, 2839],
    ru: [143, 1962, 1245, 142, 143, 3399],
  };
  for (const [lang, [nArticles, nRows, nWithTech, nSt1, nSt2, nSpans]] of Object.entries(expected)) {
    const base = join(DATA, lang);
    const articles = await readArticles(join(base, 'train-articles-subtask-3'));
    assert.equal(articles.size, nArticles, `${lang} articles`);
    const folder = await readParagraphLabels(join(base, 'train-labels-subtask-3'), { techniques: TECHNIQUES_2023 });
    assert.equal(folder.length, nRows, `${lang} rows`);
    assert.equal(folder.filter((r) => r.techniques.length > 0).length, nWithTech, `${lang} rows with techniques`);
    assert.equal((await readGenreLabels(join(base, 'train-labels-subtask-1.txt'))).length, nSt1, `${lang} ST1`);
    assert.equal((await readFrameLabels(join(base, 'train-labels-subtask-2.txt'), { frames: FRAMES_2023 })).length, nSt2, `${lang} ST2`);
    const spans = await readSpanLabels(join(base, 'train-labels-subtask-3-spans'), { techniques: TECHNIQUES_2023 });
    assert.equal(spans.length, nSpans, `${lang} spans`);
    const outside = checkSpans(spans, articles);
    if (lang === 'en') assert.deepEqual(outside, [], 'every English span lies inside its article');
    else t.diagnostic(`${lang}: ${outside.length} spans end beyond the text (approximate offsets, see README)`);
    // Gold against itself.
    close(scoreMultiLabel(folder, folder, TECHNIQUES_2023).microF1, 1);
  }
  const en = join(DATA, 'en');
  assert.equal((await readTemplate(join(en, 'train-labels-subtask-3'))).length, 9498);
  // The merged en labels file carries the malformed technique the per-article file has right.
  await assert.rejects(
    readParagraphLabels(join(en, 'train-labels-subtask-3.txt'), { techniques: TECHNIQUES_2023 }),
    /train-labels-subtask-3\.txt:\d+: unknown technique 'Appeal_to_Fear-Prejudi-čce'/,
  );
  const merged = await readParagraphLabels(join(en, 'train-labels-subtask-3.txt'));
  assert.equal(merged.length, 7895);
});
