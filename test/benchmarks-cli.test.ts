/** `spinscope predict` and `spinscope eval` on small benchmark-format files written here. */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './run-cli.ts';

let dir: string;

const run = (args: string[]) => runCli(args, { cwd: dir });

const ARTICLE_1 = '\uFEFFTraitors sell out the nation 😡\n\nThe corrupt elites have betrayed us again, critics said.\nThe council met on Tuesday.\n';
const ARTICLE_2 = 'Shameful! A disgusting betrayal of our brave soldiers.\n\nOfficials said the report would be published on Friday.\n';

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'spinscope-bench-cli-'));
  mkdirSync(join(dir, 'articles'));
  writeFileSync(join(dir, 'articles', 'article1.txt'), ARTICLE_1);
  writeFileSync(join(dir, 'articles', 'article2.txt'), ARTICLE_2);
  // "corrupt elites" in article 1: code points, the BOM and the emoji counted
  const cp = Array.from(ARTICLE_1);
  const start = cp.join('').indexOf('corrupt elites');
  const startCp = Array.from(ARTICLE_1.slice(0, start)).length;
  writeFileSync(join(dir, 'template.txt'), `1\t?\t${startCp}\t${startCp + 14}\n1\t?\t${startCp}\t${startCp + 14}\n2\t?\t0\t8\n`);
  writeFileSync(join(dir, 'gold-tc.txt'), `1\tLoaded_Language\t${startCp}\t${startCp + 14}\n1\tName_Calling,Labeling\t${startCp}\t${startCp + 14}\n2\tLoaded_Language\t0\t8\n`);
  writeFileSync(
    join(dir, 'memes.json'),
    JSON.stringify([
      { id: 'm1', text: 'TRAITORS!\nThey sold out our nation', labels: ['Name calling/Labeling'] },
      { id: 'm2', text: 'Have a nice weekend', labels: [] },
    ]),
  );
  writeFileSync(
    join(dir, 'memes-spans.json'),
    JSON.stringify([
      { id: 'm1', text: 'TRAITORS!\nThey sold out our nation', labels: [{ start: 0, end: 8, technique: 'Name calling/Labeling', text_fragment: 'TRAITORS' }] },
      { id: 'm2', text: 'Have a nice weekend', labels: [] },
    ]),
  );
});

after(() => rmSync(dir, { recursive: true, force: true }));

test('semeval2020-si predictions are article<TAB>start<TAB>end inside each article, and score against themselves as F1 1', async () => {
  const r = await run(['predict', 'semeval2020-si', '--articles', 'articles', '--out', 'si.txt']);
  assert.equal(r.code, 0, r.stderr);
  const lines = readFileSync(join(dir, 'si.txt'), 'utf8').trim().split('\n');
  assert.ok(lines.length >= 1);
  for (const line of lines) {
    const [article, start, end] = line.split('\t');
    assert.ok(article === '1' || article === '2');
    const length = Array.from(article === '1' ? ARTICLE_1 : ARTICLE_2).length;
    assert.ok(Number(start) < Number(end) && Number(end) <= length, line);
  }
  const e = await run(['eval', 'semeval2020-si', '--gold', 'si.txt', '--pred', 'si.txt']);
  assert.equal(e.code, 0, e.stderr);
  assert.equal(JSON.parse(e.stdout).f1, 1);
});

test('semeval2020-tc fills the template, giving a repeated span distinct techniques', async () => {
  const r = await run(['predict', 'semeval2020-tc', '--articles', 'articles', '--template', 'template.txt', '--out', 'tc.txt']);
  assert.equal(r.code, 0, r.stderr);
  const rows = readFileSync(join(dir, 'tc.txt'), 'utf8').trim().split('\n').map((l) => l.split('\t'));
  const template = readFileSync(join(dir, 'template.txt'), 'utf8').trim().split('\n').map((l) => l.split('\t'));
  assert.equal(rows.length, 3);
  rows.forEach((row, i) => assert.deepEqual([row[0], row[2], row[3]], [template[i]![0], template[i]![2], template[i]![3]]));
  assert.notEqual(rows[0]![1], rows[1]![1]);
  const e = await run(['eval', 'semeval2020-tc', '--gold', 'gold-tc.txt', '--pred', 'tc.txt']);
  assert.equal(e.code, 0, e.stderr);
  const score = JSON.parse(e.stdout);
  assert.ok(score.f1 >= 0 && score.f1 <= 1);
  assert.equal(score.goldRows, 3);
});

test('semeval2023-st3 gives every non-blank line its paragraph number', async () => {
  const r = await run(['predict', 'semeval2023-st3', '--lang', 'en', '--articles', 'articles', '--out', 'st3.txt']);
  assert.equal(r.code, 0, r.stderr);
  const rows = readFileSync(join(dir, 'st3.txt'), 'utf8').trimEnd().split('\n').map((l) => l.split('\t'));
  assert.deepEqual(rows.filter((r) => r[0] === '1').map((r) => r[1]), ['1', '3', '4']);
  assert.deepEqual(rows.filter((r) => r[0] === '2').map((r) => r[1]), ['1', '3']);
  const e = await run(['eval', 'semeval2023-st3', '--gold', 'st3.txt', '--pred', 'st3.txt']);
  assert.equal(e.code, 0, e.stderr);
  assert.equal(JSON.parse(e.stdout).microF1, 1);
});

test('semeval2021 task 1 and 2 predictions are official JSON that the scorer reads', async () => {
  for (const [task, input] of [['st1', 'memes.json'], ['st2', 'memes-spans.json']]) {
    const r = await run(['predict', `semeval2021-${task}`, '--input', input!, '--out', `${task}.json`]);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(readFileSync(join(dir, `${task}.json`), 'utf8'));
    assert.deepEqual(out.map((m: { id: string }) => m.id), ['m1', 'm2']);
  }
  const e = await run(['eval', 'semeval2021-st1', '--gold', 'memes.json', '--pred', 'st1.json']);
  assert.equal(e.code, 0, e.stderr);
  assert.ok('microF1' in JSON.parse(e.stdout));
  const e2 = await run(['eval', 'semeval2021-st2', '--gold', 'memes-spans.json', '--pred', 'st2.json']);
  assert.equal(e2.code, 0, e2.stderr);
  assert.ok('f1' in JSON.parse(e2.stdout));
});

test('semeval2023-st1 and st2 write id<TAB>genre and id<TAB>frames that the official metric reads', async () => {
  for (const task of ['st1', 'st2']) {
    const r = await run(['predict', `semeval2023-${task}`, '--lang', 'en', '--articles', 'articles', '--out', `${task}-2023.txt`]);
    assert.equal(r.code, 0, r.stderr);
    const rows = readFileSync(join(dir, `${task}-2023.txt`), 'utf8').trimEnd().split('\n').map((l) => l.split('\t'));
    assert.deepEqual(rows.map((r) => r[0]), ['1', '2']);
    assert.ok(rows.every((r) => r[1]!.length > 0), 'a genre or at least one frame for every article');
    const e = await run(['eval', `semeval2023-${task}`, '--gold', `${task}-2023.txt`, '--pred', `${task}-2023.txt`]);
    assert.equal(e.code, 0, e.stderr);
    assert.equal(JSON.parse(e.stdout)[task === 'st1' ? 'macroF1' : 'microF1'], 1);
  }
  const bad = await run(['predict', 'semeval2023-st1', '--lang', 'xx', '--articles', 'articles', '--out', 'x.txt']);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /^spinscope: --lang must be one of en, fr, ge, it, po, ru/);
});

test('clef2019 ranks debate lines (line_number<TAB>score per debate) and claimbuster scores sentences; both score with their official metrics', async () => {
  mkdirSync(join(dir, 'debates'), { recursive: true });
  const lines = [
    ['1', 'MODERATOR', 'Good evening and welcome to the second debate.', '0'],
    ['2', 'SMITH', 'Thank you, it is good to be here.', '0'],
    ['3', 'SMITH', 'Unemployment has risen by 40 percent since my opponent took office in 2019.', '1'],
    ['4', 'JONES', 'That is simply not true, and everybody knows it.', '0'],
    ['5', 'JONES', 'We created 2 million jobs and cut the deficit by half in four years.', '1'],
  ];
  writeFileSync(join(dir, 'debates', '20260101_debate.tsv'), lines.map((l) => l.join('\t')).join('\n') + '\n');
  const r = await run(['predict', 'clef2019', '--input', 'debates', '--out', 'clef-pred']);
  assert.equal(r.code, 0, r.stderr);
  const pred = readFileSync(join(dir, 'clef-pred', '20260101_debate.tsv'), 'utf8').trimEnd().split('\n').map((l) => l.split('\t'));
  assert.deepEqual(pred.map((p) => p[0]), ['1', '2', '3', '4', '5']);
  const score = (n: string) => Number(pred.find((p) => p[0] === n)![1]);
  assert.ok(score('3') > score('1') && score('5') > score('2'), 'statements with numbers rank above greetings');
  const e = await run(['eval', 'clef2019', '--gold', 'debates', '--pred', 'clef-pred']);
  assert.equal(e.code, 0, e.stderr);
  assert.ok(JSON.parse(e.stdout).map > 0.5);

  writeFileSync(
    join(dir, 'claimbuster.json'),
    JSON.stringify([
      { sentence_id: 1, label: 1, text: 'The state spent 3.2 billion dollars on prisons last year, more than on universities.' },
      { sentence_id: 2, label: 0, text: 'I think we should all take a deep breath.' },
    ]),
  );
  const c = await run(['predict', 'claimbuster', '--input', 'claimbuster.json', '--out', 'cb.jsonl']);
  assert.equal(c.code, 0, c.stderr);
  const rows = readFileSync(join(dir, 'cb.jsonl'), 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l));
  assert.deepEqual(rows.map((x: { sentence_id: number }) => x.sentence_id), [1, 2]);
  assert.ok(rows[0].score > rows[1].score);
  const ce = await run(['eval', 'claimbuster', '--gold', 'claimbuster.json', '--pred', 'cb.jsonl']);
  assert.equal(ce.code, 0, ce.stderr);
  assert.ok('f1' in JSON.parse(ce.stdout));
});

test('semeval2025-st2 writes id<TAB>narratives<TAB>sub-narratives that the official metric reads', async () => {
  mkdirSync(join(dir, 'narr'), { recursive: true });
  writeFileSync(join(dir, 'narr', 'EN_TEST_1.txt'), 'Western sanctions have failed and only hurt Europe.\n\nThe West provoked this war by expanding NATO to the east, and now its weapons prolong the suffering.\n');
  writeFileSync(join(dir, 'narr', 'EN_TEST_2.txt'), 'The bakery on Main Street won a prize for its rye bread on Saturday.\n');
  const r = await run(['predict', 'semeval2025-st2', '--lang', 'EN', '--articles', 'narr', '--out', 'st2-2025.txt']);
  assert.equal(r.code, 0, r.stderr);
  const rows = readFileSync(join(dir, 'st2-2025.txt'), 'utf8').trimEnd().split('\n').map((l) => l.split('\t'));
  assert.deepEqual(rows.map((r) => r[0]), ['EN_TEST_1.txt', 'EN_TEST_2.txt']);
  assert.ok(rows.every((r) => r.length === 3 && r[1]!.length > 0 && r[2]!.length > 0));
  const e = await run(['eval', 'semeval2025-st2', '--gold', 'st2-2025.txt', '--pred', 'st2-2025.txt']);
  assert.equal(e.code, 0, e.stderr);
  const score = JSON.parse(e.stdout);
  assert.equal(score.coarse.f1, 1);
  assert.equal(score.fine.f1, 1);
});

test('bad benchmark input: the file and line, or the missing option, in one line', async () => {
  writeFileSync(join(dir, 'bad.txt'), '1\tLoaded_Language\t0\t8\n2\tLoaded_Language\tx\t8\n');
  const bad = await run(['eval', 'semeval2020-tc', '--gold', 'bad.txt', '--pred', 'gold-tc.txt']);
  assert.equal(bad.code, 1);
  assert.match(bad.stderr.trim(), /^spinscope: .*bad\.txt:2: /);
  assert.equal(bad.stderr.trim().split('\n').length, 1);
  const usage = await run(['predict', 'semeval2020-tc', '--articles', 'articles', '--out', 'x.txt']);
  assert.equal(usage.code, 2);
  assert.match(usage.stderr, /needs --template FILE/);
  const unknown = await run(['predict', 'semeval2099', '--out', 'x']);
  assert.equal(unknown.code, 2);
  const missing = await run(['predict', 'semeval2020-si', '--articles', 'nowhere', '--out', 'x.txt']);
  assert.equal(missing.code, 1);
  assert.doesNotMatch(missing.stderr, /\n\s+at /);
});
