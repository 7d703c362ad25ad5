import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  NARRATIVE_CLASSES_2025,
  SUBNARRATIVE_CLASSES_2025,
  articleF1,
  formatEntityRoles,
  formatNarratives,
  readEntityLabels,
  readLanguage,
  readNarrativeLabels,
  resolveMention,
  scoreEntityRoles,
  scoreNarratives,
  type EntityRoles,
  type NarrativeLabels,
} from './semeval2025.ts';

const DATA = fileURLToPath(new URL('../../../shared/data/semeval2025-task10/train/', import.meta.url));
const close = (actual: number, expected: number, what = ''): void => assert.ok(Math.abs(actual - expected) < 1e-12, `${what} expected ${expected}, got ${actual}`);

const DU = 'URW: Discrediting Ukraine';
const PR = 'URW: Praise of Russia';
const DU_MIL = `${DU}: Discrediting Ukrainian military`;
const DU_OTHER = `${DU}: Other`;
const PR_MIGHT = `${PR}: Praise of Russian military might`;
const row = (article: string, narratives: string[], subnarratives: string[]): NarrativeLabels => ({ article, narratives, subnarratives });

let dir = '';
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'spinscope-se2025-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

test('readNarrativeLabels splits narratives and sub-narratives on ";" and refuses malformed rows', async () => {
  const file = join(dir, 'st2.txt');
  await writeFile(file, `a.txt\t${DU};${PR}\t${DU_MIL};${PR_MIGHT}\nb.txt\tOther\tOther\n`);
  assert.deepEqual(await readNarrativeLabels(file), [row('a.txt', [DU, PR], [DU_MIL, PR_MIGHT]), row('b.txt', ['Other'], ['Other'])]);
  await writeFile(file, 'a.txt\tOther\n');
  await assert.rejects(readNarrativeLabels(file), /st2\.txt:1: expected 3 tab-separated columns/);
  await writeFile(file, `a.txt\t${DU};\t${DU_MIL}\n`);
  await assert.rejects(readNarrativeLabels(file), /st2\.txt:1: empty label/);
  await writeFile(file, 'a.txt\tOther\tOther\na.txt\tOther\tOther\n');
  await assert.rejects(readNarrativeLabels(file), /listed twice/);
});

test('readEntityLabels keeps end-inclusive offsets, any number of fine roles, and mention lists without roles', async () => {
  const file = join(dir, 'st1.txt');
  await writeFile(file, 'a.txt\tAnna Berg\t10\t18\tProtagonist\tGuardian\tVirtuous\nb.txt\tOslo\t0\t3\n');
  assert.deepEqual(await readEntityLabels(file), [
    { article: 'a.txt', entity: 'Anna Berg', start: 10, end: 18, mainRole: 'Protagonist', fineRoles: ['Guardian', 'Virtuous'] },
    { article: 'b.txt', entity: 'Oslo', start: 0, end: 3, mainRole: '', fineRoles: [] },
  ]);
  await writeFile(file, 'a.txt\tAnna\t9\t3\tProtagonist\tGuardian\n');
  await assert.rejects(readEntityLabels(file), /st1\.txt:1: end 3 is before start 9/);
});

test('resolveMention: exact offsets, offsets counted with CRLF line breaks, and the nearest occurrence otherwise', () => {
  const text = 'Title line\nSecond line\nThe mayor of Brno spoke.\n';
  const at = text.indexOf('Brno');
  assert.deepEqual(resolveMention(text, { entity: 'Brno', start: at, end: at + 3 }), { start: at, end: at + 4, how: 'exact' });
  // the same mention as counted in the CRLF version of the text: two more characters before it
  assert.deepEqual(resolveMention(text, { entity: 'Brno', start: at + 2, end: at + 5 }), { start: at, end: at + 4, how: 'crlf' });
  const twice = 'Brno here. Brno there. Brno again.';
  assert.deepEqual(resolveMention(twice, { entity: 'Brno', start: 13, end: 16 }), { start: 11, end: 15, how: 'nearest' });
  assert.equal(resolveMention(twice, { entity: 'Praha', start: 0, end: 4 }).how, 'unresolved');
  // code points, not UTF-16: an emoji before the mention counts once
  const astral = '😀 Brno';
  assert.deepEqual(resolveMention(astral, { entity: 'Brno', start: 2, end: 5 }), { start: 3, end: 7, how: 'exact' });
});

test('articleF1 is sklearn binary F1 over the class list, 0 when both sides are empty', () => {
  const classes = new Set(NARRATIVE_CLASSES_2025);
  close(articleF1([DU, PR], [DU], classes), 2 / 3);
  close(articleF1(['Other'], ['Other'], classes), 1);
  close(articleF1([DU, DU], [DU], classes), 1, 'repeated labels count once');
  close(articleF1(['not a class'], [], classes), 0, 'labels outside the list are dropped; both empty → 0');
  close(articleF1([DU], ['not a class', DU], classes), 1);
});

test('scoreNarratives: per-article F1 averaged, coarse and fine, with the population standard deviation', () => {
  const gold = [row('a', [DU, PR], [DU_MIL, PR_MIGHT]), row('b', ['Other'], ['Other']), row('c', [DU], [DU_OTHER])];
  const predicted = [row('c', [DU], [DU_MIL]), row('a', [DU], [DU_MIL]), row('b', [DU], [DU_OTHER])];
  const s = scoreNarratives(gold, predicted);
  // coarse: a 2/3, b 0, c 1; fine: a 2/3, b 0, c 0
  close(s.coarse.f1, (2 / 3 + 0 + 1) / 3, 'coarse');
  close(s.fine.f1, 2 / 9, 'fine');
  const m = (2 / 3 + 1) / 3;
  close(s.coarse.std, Math.sqrt(((2 / 3 - m) ** 2 + m ** 2 + (1 - m) ** 2) / 3), 'std');
  assert.equal(s.articles, 3);
  assert.throws(() => scoreNarratives(gold, predicted.slice(1)), /mismatch in ids.*1 missing \(c\)/);
  assert.throws(() => scoreNarratives(gold, [...predicted, row('d', ['Other'], ['Other'])]), /1 extra \(d\)/);
  assert.ok(SUBNARRATIVE_CLASSES_2025.includes(DU_OTHER) && SUBNARRATIVE_CLASSES_2025.includes('Other'));
});

const mention = (mainRole: string, ...fineRoles: string[]): EntityRoles => ({ article: 'a.txt', entity: 'X', start: 0, end: 0, mainRole, fineRoles });

test('scoreEntityRoles: exact match compares the fine-role list in order; micro scores over roles; main-role accuracy', () => {
  const key = (m: EntityRoles, i: number) => ({ ...m, start: i * 10, end: i * 10 + 1 });
  const gold = [mention('Antagonist', 'Tyrant'), mention('Antagonist', 'Tyrant', 'Corrupt'), mention('Innocent', 'Victim'), mention('Protagonist', 'Guardian')].map(key);
  const pred = [mention('Antagonist', 'Tyrant'), mention('Antagonist', 'Corrupt', 'Tyrant'), mention('Innocent', 'Exploited'), mention('Antagonist', 'Guardian')].map(key);
  const s = scoreEntityRoles(gold, pred);
  close(s.exactMatchRatio, 1 / 4, 'only the first matches exactly (the second has the roles in another order)');
  close(s.mainRoleAccuracy, 3 / 4);
  // tp: Tyrant, Tyrant, Corrupt, Guardian = 4; fp: Exploited = 1; fn: Victim = 1
  close(s.microPrecision, 4 / 5);
  close(s.microRecall, 4 / 5);
  close(s.microF1, 4 / 5);
  // per role F1: Tyrant 1, Corrupt 1, Guardian 1, Victim 0, Exploited 0
  close(s.macroF1, 3 / 5);
  assert.throws(() => scoreEntityRoles(gold, pred.slice(1)), /cover 3 of 4/);
  assert.throws(() => scoreEntityRoles(gold, [...pred.slice(1), { ...pred[0]!, start: 99 }]), /not in the gold/);
});

test('formatNarratives and formatEntityRoles write the official formats and refuse what they cannot', () => {
  assert.equal(formatNarratives([row('a.txt', [DU, PR], [DU_MIL, PR_MIGHT])]), `a.txt\t${DU};${PR}\t${DU_MIL};${PR_MIGHT}\n`);
  assert.throws(() => formatNarratives([row('a.txt', [], [])]), /at least one label/);
  assert.equal(formatEntityRoles([{ ...mention('Antagonist', 'Tyrant', 'Corrupt'), start: 3, end: 7 }]), 'a.txt\tX\t3\t7\tAntagonist\tTyrant\tCorrupt\n');
  assert.throws(() => formatEntityRoles([mention('Villain', 'Tyrant')]), /main role 'Villain'/);
  assert.throws(() => formatEntityRoles([mention('Antagonist', 'Hero')]), /fine role 'Hero'/);
});

test('round trip: what formatNarratives writes, readNarrativeLabels reads back', async () => {
  const rows = [row('a.txt', [DU], [DU_MIL, DU_OTHER]), row('b.txt', ['Other'], ['Other'])];
  const file = join(dir, 'round.txt');
  await writeFile(file, formatNarratives(rows));
  assert.deepEqual(await readNarrativeLabels(file), rows);
  close(scoreNarratives(rows, await readNarrativeLabels(file)).fine.f1, 1);
});

test('the English train data: counts, offsets, and the all-Other baseline', { skip: !existsSync(DATA) && 'shared data not available' }, async () => {
  const en = await readLanguage(join(DATA, 'EN'), 'EN');
  assert.equal(en.documents.size, 399);
  assert.equal(en.narratives.length, 399);
  assert.equal(en.entities.length, 686);
  const how = new Map<string, number>();
  for (const e of en.entities) {
    const r = resolveMention(en.documents.get(e.article)!, e);
    how.set(r.how, (how.get(r.how) ?? 0) + 1);
    if (r.how !== 'unresolved') assert.equal(en.documents.get(e.article)!.slice(r.start, r.end), e.entity);
  }
  assert.equal(how.get('exact'), 675);
  assert.equal(how.get('unresolved') ?? 0, 0);
  const allOther = en.narratives.map((g) => row(g.article, ['Other'], ['Other']));
  close(scoreNarratives(en.narratives, allOther).coarse.f1, 169 / 399, 'articles labelled Other');
  for (const g of en.narratives) {
    for (const l of g.narratives) assert.ok(NARRATIVE_CLASSES_2025.includes(l), l);
    for (const l of g.subnarratives) assert.ok(SUBNARRATIVE_CLASSES_2025.includes(l), l);
  }
});
