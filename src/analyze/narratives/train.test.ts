/**
 * Training end to end on a small corpus written for this test, in the
 * layout of the SemEval-2025 data: the trainers read it, cross-validate,
 * write model files, and the models load and predict.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tokenize } from '../../text/tokenize.ts';
import { sentencesOf } from '../../text/sentences.ts';
import { NarrativeModel } from './model.ts';
import { EntityRoleModel } from './roles.ts';
import { trainEntityRoles } from './roles-train.ts';
import { trainNarratives } from './train.ts';

const PUPPET = 'URW: Discrediting Ukraine';
const PUPPET_SUB = 'URW: Discrediting Ukraine: Ukraine is a puppet of the West';
const FEARS = 'CC: Amplifying Climate Fears';
const FEARS_SUB = 'CC: Amplifying Climate Fears: Doomsday scenarios for humans';

const towns = ['Aldin', 'Borro', 'Celt', 'Dunmore', 'Esker', 'Falk', 'Garrow', 'Hale', 'Istry', 'Jorvik', 'Kell', 'Lorn'];
const leaders = ['Ivan Sorel', 'Petra Lind', 'Marek Hollis', 'Anna Vey', 'Tomas Brek', 'Lea Orm'];

function puppet(i: number): string {
  const t = towns[i % towns.length];
  const who = leaders[i % leaders.length]!;
  return `Kyiv obeys its Western masters again\nThe regime in Kyiv is a puppet of Washington, writes a blogger from ${t}. ${who} takes orders from Western handlers and betrays the people. The puppet government sells the country to foreign masters.`;
}
function fears(i: number): string {
  const t = towns[(i + 3) % towns.length];
  return `The planet is running out of time\nScientists in ${t} warn of doomsday: the heat will make the earth uninhabitable and billions will die. Catastrophe and collapse are coming, the climate apocalypse cannot be stopped.`;
}
function plain(i: number): string {
  const t = towns[(i + 5) % towns.length];
  return `Library opens in ${t}\nThe new public library in ${t} opened on Monday with a reading for children. The mayor thanked the volunteers who painted the walls and sorted the books.`;
}

let data = '';
before(async () => {
  data = await mkdtemp(join(tmpdir(), 'spinscope-train-narratives-'));
  const dir = join(data, 'semeval2025-task10', 'train', 'EN');
  await mkdir(join(dir, 'raw-documents'), { recursive: true });
  const st2: string[] = [];
  const st1: string[] = [];
  for (let i = 0; i < 12; i++) {
    for (const [kind, text, labels] of [
      ['UA', puppet(i), `${PUPPET}\t${PUPPET_SUB}`],
      ['CC', fears(i), `${FEARS}\t${FEARS_SUB}`],
      ['XX', plain(i), 'Other\tOther'],
    ] as const) {
      const id = `EN_${kind}_${i}.txt`;
      await writeFile(join(dir, 'raw-documents', id), text);
      st2.push(`${id}\t${labels}`);
      if (kind === 'UA') {
        const who = leaders[i % leaders.length]!;
        const at = text.indexOf(who);
        st1.push(`${id}\t${who}\t${at}\t${at + who.length - 1}\tAntagonist\tTraitor`);
        const people = text.indexOf('the people');
        st1.push(`${id}\tthe people\t${people}\t${people + 9}\tInnocent\tVictim`);
      }
      if (kind === 'XX') {
        const at = text.indexOf('volunteers');
        st1.push(`${id}\tvolunteers\t${at}\t${at + 9}\tProtagonist\tVirtuous`);
      }
    }
  }
  await writeFile(join(dir, 'subtask-2-annotations.txt'), st2.join('\n') + '\n');
  await writeFile(join(dir, 'subtask-1-annotations.txt'), st1.join('\n') + '\n');
});
after(async () => {
  await rm(data, { recursive: true, force: true });
});

test('trainNarratives cross-validates, writes a model that loads, and finds the narratives of new text', async () => {
  const out = join(data, 'narratives.json.gz');
  const messages: string[] = [];
  const { metrics } = await trainNarratives({ data, out, languages: ['EN'], folds: 3, seed: 5, log: (m) => messages.push(m) });
  const en = metrics.perLanguage.en!;
  assert.equal(en.articles, 36);
  assert.ok(en.narrativesF1 > 0.9, `narratives F1 ${en.narrativesF1}`);
  assert.ok(en.subnarrativesF1 > 0.9, `sub-narratives F1 ${en.subnarrativesF1}`);
  assert.ok(Math.abs(en.allOtherBaseline.narrativesF1 - 1 / 3) < 1e-9);
  assert.ok(messages.some((m) => m.includes('fold 3/3')));

  const model = NarrativeModel.load(out);
  assert.deepEqual(model.languages, ['en']);
  const text = 'Western handlers again\nThe puppet regime in Kyiv takes orders from its Western masters, and betrays the people once more.';
  const tokens = tokenize(text);
  const result = model.analyze(text, tokens, sentencesOf(text, tokens), 'en');
  assert.equal(result.narratives[0]?.label, PUPPET);
  assert.equal(result.narratives[0]?.sub[0]?.label, PUPPET_SUB);
  assert.ok(result.narratives.every((n) => n.label.startsWith('URW:')), 'one domain');
  const evidence = result.narratives[0]!.evidence.join(' ');
  assert.match(evidence, /puppet|masters|handlers/);
  const calm = 'Library opens\nThe new library opened on Monday with a reading for children.';
  const calmTokens = tokenize(calm);
  assert.deepEqual(model.analyze(calm, calmTokens, sentencesOf(calm, calmTokens), 'en').narratives, []);
});

test('trainNarratives is deterministic for a seed', async () => {
  const a = await trainNarratives({ data, languages: ['EN'], folds: 2, seed: 9 });
  const b = await trainNarratives({ data, languages: ['EN'], folds: 2, seed: 9 });
  assert.deepEqual(a.metrics, b.metrics);
  assert.deepEqual(a.model.model.linear, b.model.model.linear);
});

test('trainEntityRoles cross-validates, writes a model that loads, and gives roles to mentions', async () => {
  const out = join(data, 'roles.json.gz');
  const { metrics } = await trainEntityRoles({ data, out, languages: ['EN'], folds: 3, seed: 5 });
  assert.equal(metrics.all.mentions, 36);
  assert.ok(metrics.all.mainRoleAccuracy > 0.8, `main-role accuracy ${metrics.all.mainRoleAccuracy}`);
  assert.ok(metrics.all.exactMatchRatio > 0.8, `exact match ${metrics.all.exactMatchRatio}`);
  const model = EntityRoleModel.load(out);
  const text = 'Kyiv obeys again\nThe regime is a puppet, and Oskar Vell takes orders from Western handlers and betrays the people. Volunteers who painted the walls were thanked.';
  const mentions = ['Oskar Vell', 'the people'].map((m) => ({ start: text.indexOf(m), end: text.indexOf(m) + m.length }));
  const roles = model.roleOfMentions(text, mentions, 'en');
  assert.equal(roles.length, 2);
  assert.equal(roles[0]!.main, 'Antagonist');
  assert.deepEqual(roles[0]!.fine, ['Traitor']);
  assert.equal(roles[1]!.main, 'Innocent');
  for (const r of roles) assert.ok(r.score > 0 && r.score <= 1 && r.fineScores.length === r.fine.length);
  assert.deepEqual(model.roleOfMentions(text, [], 'en'), []);
});
