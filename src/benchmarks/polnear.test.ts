import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { evaluatePolnear, goldQuoteType, jaccard, parseAnn, predictQuotes, readPolnearSplit, scoreQuotes } from './polnear.ts';
import type { Attribution, PredictedQuote } from './polnear.ts';

const DATA = fileURLToPath(new URL('../../../shared/data/polnear/', import.meta.url));

let dir = '';
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'spinscope-polnear-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

// A text we wrote, with offsets counted by hand:
// 0         1         2         3         4         5         6
// 0123456789012345678901234567890123456789012345678901234567890123
// Peskov said the plan was dangerous. "We are ready," he added.
const TEXT = 'Peskov said the plan was dangerous. "We are ready," he added.';
const ANN = [
  'T1\tSource 0 6\tPeskov',
  'T2\tCue 7 11\tsaid',
  'T3\tContent 12 34\tthe plan was dangerous',
  'T4\tAttribution 7 11\tsaid',
  'E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1',
  'T5\tContent 36 42;43 51\t"We are ready,"',
  'T6\tCue 55 60\tadded',
  'T7\tAttribution 55 60\tadded',
  'E2\tAttribution-no-source:T7 Content:T5 Cue:T6',
  '#1\tAnnotatorNotes T5\ta note',
  'T8\tDiscuss 0 6\tPeskov',
  '',
].join('\n');

test('parseAnn: relations with Source/Cue/Content, multi-fragment spans, no-source relations, notes ignored', () => {
  const got = parseAnn(ANN, 'a.ann', TEXT.length);
  assert.deepEqual(got, [
    { id: 'E1', source: [{ start: 0, end: 6 }], cue: [{ start: 7, end: 11 }], content: [{ start: 12, end: 34 }] },
    { id: 'E2', cue: [{ start: 55, end: 60 }], content: [{ start: 36, end: 42 }, { start: 43, end: 51 }] },
  ]);
});

test('parseAnn: a covered text with a line break continues on the next line', () => {
  const ann = 'T1\tContent 0 20\tfirst line\nsecond line\nT2\tCue 21 25\tsaid\nE1\tAttribution:T2 Content:T1 Cue:T2\n';
  assert.equal(parseAnn(ann, 'b.ann').length, 1);
});

test('parseAnn: malformed lines are <file>:<line>: errors', () => {
  assert.throws(() => parseAnn('T1\tContent 5 x\tabc\n', 'c.ann'), /^FormatError: c\.ann:1: fragment '5 x' of T1/);
  assert.throws(() => parseAnn('T1\tContent 9 5\tabc\n', 'c.ann'), /c\.ann:1: fragment 9-5 of T1 is empty or reversed/);
  assert.throws(() => parseAnn('T1\tContent 0 50\tabc\n', 'c.ann', 10), /c\.ann:1: .*ends beyond the text \(length 10\)/);
  assert.throws(() => parseAnn('T1\tCue 0 4\tsaid\nE1\tAttribution:T1 Content:T9\n', 'c.ann'), /c\.ann:2: relation E1 refers to T9/);
  assert.throws(() => parseAnn('E1\tAttribution:T1 Content\n', 'c.ann'), /c\.ann:1: role 'Content' of E1/);
  assert.throws(() => parseAnn('garbage line\n', 'c.ann'), /c\.ann:1: unrecognised line/);
  assert.throws(() => parseAnn('T1\tCue 0 4\tsaid\nE1\tQuote:T1 Cue:T1\n', 'c.ann'), /c\.ann:2: relation E1 is 'Quote'/);
});

test('readPolnearSplit: one annotator per article, the lexicographically first; offsets in code points', async () => {
  const split = join(dir, 'dev');
  await mkdir(join(split, 'text'), { recursive: true });
  await mkdir(join(split, 'attributions'), { recursive: true });
  await writeFile(join(split, 'text', 'art-1.txt'), TEXT);
  await writeFile(join(split, 'attributions', 'art-1_zz99.ann'), 'T1\tCue 7 11\tsaid\nE1\tAttribution:T1 Cue:T1\n');
  await writeFile(join(split, 'attributions', 'art-1_ab12.ann'), ANN);
  const articles = await readPolnearSplit(split);
  assert.equal(articles.length, 1);
  assert.equal(articles[0]!.id, 'art-1');
  assert.equal(articles[0]!.annotator, 'ab12');
  assert.equal(articles[0]!.attributions.length, 2);
  await writeFile(join(split, 'text', 'art-2.txt'), 'No attribution file.');
  await assert.rejects(readPolnearSplit(split), /no attribution file for art-2\.txt/);
});

test('goldQuoteType and jaccard', () => {
  const parsed = parseAnn(ANN, 'a.ann');
  assert.equal(goldQuoteType(TEXT, parsed[0]!.content), 'indirect');
  assert.equal(goldQuoteType(TEXT, parsed[1]!.content), 'direct');
  const t = 'He called it a "big step" forward.';
  assert.equal(goldQuoteType(t, [{ start: 10, end: 33 }]), 'mixed');
  assert.equal(jaccard([{ start: 0, end: 10 }], [{ start: 5, end: 15 }]), 5 / 15);
  assert.equal(jaccard([{ start: 0, end: 4 }, { start: 6, end: 10 }], [{ start: 0, end: 10 }]), 8 / 10);
});

test('scoreQuotes: Jaccard ≥ 0.5, one-to-one greedy matching, speaker overlap, by type (hand-computed)', () => {
  const gold: Attribution[] = [
    { id: 'E1', source: [{ start: 0, end: 6 }], content: [{ start: 12, end: 34 }] },
    { id: 'E2', content: [{ start: 36, end: 42 }, { start: 43, end: 51 }] }, // no source: not in the speaker denominator
    { id: 'E3', source: [{ start: 52, end: 54 }], content: [] }, // no content: not a gold quote
  ];
  const predicted: PredictedQuote[] = [
    { start: 12, end: 35, type: 'indirect', speaker: { start: 0, end: 6 } }, // J = 22/23 with E1, speaker right
    { start: 14, end: 34, type: 'indirect', speaker: null }, // J = 20/22 with E1, but E1 is taken: unmatched
    { start: 36, end: 51, type: 'direct', speaker: { start: 52, end: 54 } }, // J = 14/15 with E2
    { start: 0, end: 5, type: 'indirect', speaker: null }, // matches nothing
  ];
  const s = scoreQuotes([{ text: TEXT, attributions: gold, predicted }]);
  assert.equal(s.gold, 2);
  assert.equal(s.predicted, 4);
  assert.equal(s.matched, 2);
  assert.equal(s.precision, 0.5);
  assert.equal(s.recall, 1);
  assert.equal(s.f1, 2 / 3);
  assert.equal(s.speakerTotal, 1);
  assert.equal(s.speakerCorrect, 1);
  assert.equal(s.speakerAccuracy, 1);
  assert.equal(s.byType.direct.gold, 1);
  assert.equal(s.byType.direct.recall, 1);
  assert.equal(s.byType.indirect.predicted, 3);
  assert.equal(s.byType.indirect.precision, 1 / 3);

  // a wrong speaker, and a match just under the threshold
  const s2 = scoreQuotes([{ text: TEXT, attributions: gold.slice(0, 1), predicted: [{ start: 12, end: 34, type: 'indirect', speaker: { start: 7, end: 11 } }] }]);
  assert.equal(s2.speakerAccuracy, 0);
  const s3 = scoreQuotes([{ text: TEXT, attributions: gold.slice(0, 1), predicted: [{ start: 12, end: 22, type: 'indirect', speaker: null }] }]);
  assert.equal(s3.matched, 0); // J = 10/22 < 0.5
});

test('predictQuotes returns code-point offsets', () => {
  const text = '🙂 Peskov said the plan was dangerous.';
  const [q] = predictQuotes(text);
  assert.ok(q);
  assert.equal([...text].slice(q.start, q.end).join(''), 'the plan was dangerous');
  assert.deepEqual(q.speaker, { start: 2, end: 8 });
});

test('real PolNeAR dev data: reads and scores (skipped without /work/shared/data)', { skip: !existsSync(join(DATA, 'dev')) }, async () => {
  const r = await evaluatePolnear(join(DATA, 'dev'));
  assert.equal(r.articles, 84);
  assert.ok(r.score.gold > 2000, `gold ${r.score.gold}`);
  // floors well under what the extractor measured, so that a regression shows
  assert.ok(r.score.f1 > 0.45, `F1 ${r.score.f1}`);
  assert.ok(r.score.byType.direct.f1 > 0.65, `direct F1 ${r.score.byType.direct.f1}`);
  assert.ok(r.score.speakerAccuracy > 0.7, `speaker accuracy ${r.score.speakerAccuracy}`);
});
