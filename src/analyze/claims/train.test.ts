/**
 * Training end to end on a small corpus written here in the layout of the
 * shared data: the trainer reads both formats, cross-validates, writes a
 * model that loads, scores and explains, and repeats exactly for a seed.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { ClaimModel } from './model.ts';
import { trainClaims } from './train.ts';

let root: string;

const SUBJECTS = ['Unemployment', 'The deficit', 'Crime', 'Spending', 'The tax rate', 'Inflation', 'Enrollment', 'Exports'];
const VERBS = ['rose', 'fell', 'grew', 'dropped'];
const OPINIONS = ['I think we can do better', 'We need to come together', 'I believe in this country', 'Thank you all for coming', 'Let me be clear about that', 'We will fight for you', 'I hope you join us', 'That is a great question'];

/** A checkable sentence (with numbers) or an opinion, varied by i. */
function claim(i: number): string {
  return `${SUBJECTS[i % SUBJECTS.length]} ${VERBS[i % VERBS.length]} by ${3 + (i % 17)} percent in ${1990 + (i % 25)}.`;
}
function opinion(i: number): string {
  return `${OPINIONS[i % OPINIONS.length]}, ${['friends', 'folks', 'everyone', 'tonight'][i % 4]}.`;
}

before(() => {
  root = mkdtempSync(join(tmpdir(), 'spinscope-claims-train-'));
  const w = (path: string, content: string) => {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), content);
  };
  const cb = [];
  for (let i = 0; i < 120; i++) cb.push({ sentence_id: 1000 + i, label: i % 3 === 0 ? 1 : 0, text: i % 3 === 0 ? claim(i) : opinion(i) });
  w('claimbuster/train.json', JSON.stringify(cb));
  for (let d = 0; d < 4; d++) {
    const rows: string[] = [];
    for (let i = 0; i < 30; i++) {
      const n = d * 30 + i;
      const speaker = i % 6 === 0 ? 'MODERATOR' : i % 2 ? 'SMITH' : 'JONES';
      const worthy = speaker !== 'MODERATOR' && i % 5 === 1;
      rows.push(`${i + 1}\t${speaker}\t${worthy ? claim(n + 3) : opinion(n)}\t${worthy ? 1 : 0}`);
    }
    w(`clef2019-checkthat-task1/training/2016010${d}_debate.tsv`, `${rows.join('\n')}\n`);
  }
});

after(() => rmSync(root, { recursive: true, force: true }));

test('trains, cross-validates, writes a model that scores and explains, and repeats exactly for a seed', async () => {
  const logs: string[] = [];
  const out = join(root, 'a.json.gz');
  const { metrics, model } = await trainClaims({ data: root, out, seed: 5, folds: 3, log: (m) => logs.push(m) });
  assert.ok(logs.some((l) => l.includes('leave one debate out (4 folds)')), logs.join('\n'));
  // numbers against opinions is easy: cross-validation must get nearly all of it
  assert.ok(metrics.claimbuster.f1 > 0.8, `ClaimBuster F1 ${metrics.claimbuster.f1}`);
  assert.ok(metrics.clef2019.map > 0.8, `CLEF MAP ${metrics.clef2019.map}`);
  for (const v of [metrics.claimbuster.precision, metrics.claimbuster.recall, metrics.claimbuster.ece, metrics.clef2019.meanRPrecision]) assert.ok(v >= 0 && v <= 1);

  const loaded = ClaimModel.load(out);
  const [fact, view] = loaded.scoreSentences(['Exports fell by 9 percent in 2004.', 'I think we can do better, friends.']);
  assert.ok(fact! > 0.5 && view! < 0.5, `${fact} ${view}`);
  assert.deepEqual(loaded.scoreSentences(['Exports fell by 9 percent in 2004.']), model.scoreSentences(['Exports fell by 9 percent in 2004.']));

  // a transcript goes through the debate ranker, with its own calibration
  const debate = loaded.scoreSentences(['Welcome, everyone.', 'Crime rose by 8 percent in 2001.', 'Thank you all for coming, folks.'], { speakers: ['MODERATOR', 'SMITH', 'SMITH'] });
  assert.equal(debate.length, 3);
  assert.ok(debate[1]! > debate[0]! && debate[1]! > debate[2]!, String(debate));
  assert.throws(() => loaded.scoreSentences(['One.', 'Two.'], { speakers: ['A'] }), /2 sentences but 1 speakers/);
  assert.throws(() => loaded.scoreSentences(['One.'], { calibration: 'nope' }), /no calibration 'nope'/);

  const { evidence } = loaded.scoreOne('Spending grew by 12 percent in 1999.');
  // the reasons quote the sentence's own words and numbers
  assert.ok(evidence.some((e) => e.includes('12 percent') || e.includes('1999')), evidence.join('; '));
  assert.ok(!evidence.some((e) => e.includes('<num>') || e.includes('a number percent')), evidence.join('; '));

  await trainClaims({ data: root, out: join(root, 'b.json.gz'), seed: 5, folds: 3 });
  const body = (p: string) => {
    const { created: _created, ...rest } = JSON.parse(gunzipSync(readFileSync(join(root, p))).toString('utf8'));
    return JSON.stringify(rest);
  };
  assert.equal(body('a.json.gz'), body('b.json.gz'));
});

test('a malformed debate file stops training with the file and line', async () => {
  const bad = join(root, 'clef2019-checkthat-task1/training/20160100_debate.tsv');
  const good = readFileSync(bad, 'utf8');
  writeFileSync(bad, `${good}31\tSMITH\tOne more line.\tyes\n`);
  try {
    await assert.rejects(trainClaims({ data: root, folds: 3 }), /20160100_debate\.tsv:31: label 'yes'/);
  } finally {
    writeFileSync(bad, good);
  }
});
