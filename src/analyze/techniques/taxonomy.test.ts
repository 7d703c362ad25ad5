import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import {
  CATEGORIES,
  SCHEMES,
  SCHEME_IDS,
  TECHNIQUES,
  TECHNIQUE_IDS,
  UnknownLabelError,
  categoryOf,
  fromScheme,
  isLossless,
  schemeLabels,
  techniqueById,
  techniquesOf,
  toScheme,
  unmappedIn,
} from './taxonomy.ts';
import type { SchemeId, TechniqueId } from './taxonomy.ts';

test('23 techniques in the 6 categories, each with a name, definition and example', () => {
  assert.deepEqual(CATEGORIES, ['Attack on reputation', 'Justification', 'Simplification', 'Distraction', 'Call', 'Manipulative wording']);
  assert.equal(TECHNIQUES.length, 23);
  assert.equal(new Set(TECHNIQUES.map((t) => t.id)).size, 23);
  assert.deepEqual(TECHNIQUES.map((t) => t.id), [...TECHNIQUE_IDS]);
  for (const t of TECHNIQUES) {
    assert.ok(CATEGORIES.includes(t.category), t.id);
    assert.equal(categoryOf(t.id), t.category);
    assert.equal(techniqueById(t.id), t);
    assert.ok(t.name.length > 0, t.id);
    assert.ok(t.definition.length >= 40, `${t.id}: definition`);
    assert.ok(t.example.length >= 20, `${t.id}: example`);
    const sentences = t.definition.split(/(?<=[.!?])\s+(?=[A-Z])/).length;
    assert.ok(sentences >= 1 && sentences <= 3, `${t.id}: ${sentences} sentences`);
  }
  assert.deepEqual(
    CATEGORIES.map((c) => techniquesOf(c).length),
    [5, 5, 3, 3, 3, 4],
  );
  assert.equal(techniqueById('Casting_Doubt'), undefined);
  assert.equal(categoryOf('nope'), undefined);
});

test('categories follow the SemEval-2023 taxonomy', () => {
  const expected: Record<string, readonly TechniqueId[]> = {
    'Attack on reputation': ['Name_Calling-Labeling', 'Doubt', 'Guilt_by_Association', 'Appeal_to_Hypocrisy', 'Questioning_the_Reputation'],
    Justification: ['Appeal_to_Authority', 'Appeal_to_Popularity', 'Appeal_to_Values', 'Appeal_to_Fear-Prejudice', 'Flag_Waving'],
    Simplification: ['Causal_Oversimplification', 'False_Dilemma-No_Choice', 'Consequential_Oversimplification'],
    Distraction: ['Straw_Man', 'Red_Herring', 'Whataboutism'],
    Call: ['Slogans', 'Appeal_to_Time', 'Conversation_Killer'],
    'Manipulative wording': ['Loaded_Language', 'Repetition', 'Exaggeration-Minimisation', 'Obfuscation-Vagueness-Confusion'],
  };
  for (const [category, ids] of Object.entries(expected)) {
    for (const id of ids) assert.equal(categoryOf(id), category, id);
  }
});

test('label counts: 14 / 18 / 20 / 22 / 23', () => {
  const counts: Record<SchemeId, number> = { semeval2020: 14, 'ptc-v1': 18, semeval2021: 20, 'semeval2021-task3': 22, semeval2023: 23 };
  for (const id of SCHEME_IDS) {
    assert.equal(schemeLabels(id).length, counts[id], id);
    assert.equal(new Set(schemeLabels(id)).size, counts[id], `${id}: duplicates`);
    assert.equal(SCHEMES[id].id, id);
  }
});

test('every scheme label maps to at least one canonical id, and every write-back lands on a label that maps back', () => {
  for (const scheme of SCHEME_IDS) {
    for (const entry of SCHEMES[scheme].labels) {
      const ids = fromScheme(scheme, entry.label);
      assert.ok(ids.length >= 1, `${scheme}: ${entry.label}`);
      assert.equal(new Set(ids).size, ids.length);
      for (const id of ids) assert.ok(techniqueById(id), `${scheme}: ${entry.label} -> ${id}`);
      if (ids.length > 1) assert.ok(entry.loss, `${scheme}: merged label ${entry.label} needs a loss note`);
    }
    for (const id of TECHNIQUE_IDS) {
      const label = toScheme(scheme, id);
      if (label !== null) assert.ok(fromScheme(scheme, label).includes(id), `${scheme}: ${id} -> ${label}`);
    }
    // Every label is reachable from some canonical id, except those marked as no write-back target.
    const reached = new Set(TECHNIQUE_IDS.map((id) => toScheme(scheme, id)));
    for (const entry of SCHEMES[scheme].labels) {
      assert.equal(reached.has(entry.label), entry.target !== false, `${scheme}: ${entry.label}`);
    }
  }
});

test('semeval2023 is the identity', () => {
  assert.deepEqual(schemeLabels('semeval2023'), [...TECHNIQUE_IDS]);
  for (const id of TECHNIQUE_IDS) {
    assert.deepEqual(fromScheme('semeval2023', id), [id]);
    assert.equal(toScheme('semeval2023', id), id);
    assert.ok(isLossless('semeval2023', id));
  }
  assert.deepEqual(unmappedIn('semeval2023'), []);
});

test('lossless round trips', () => {
  const cases: [SchemeId, string, TechniqueId][] = [
    ['semeval2020', 'Loaded_Language', 'Loaded_Language'],
    ['semeval2020', 'Name_Calling,Labeling', 'Name_Calling-Labeling'],
    ['semeval2020', 'Appeal_to_fear-prejudice', 'Appeal_to_Fear-Prejudice'],
    ['semeval2020', 'Exaggeration,Minimisation', 'Exaggeration-Minimisation'],
    ['semeval2020', 'Black-and-White_Fallacy', 'False_Dilemma-No_Choice'],
    ['semeval2020', 'Flag-Waving', 'Flag_Waving'],
    ['ptc-v1', 'Straw_Men', 'Straw_Man'],
    ['ptc-v1', 'Red_Herring', 'Red_Herring'],
    ['ptc-v1', 'Bandwagon', 'Appeal_to_Popularity'],
    ['ptc-v1', 'Obfuscation,Intentional_Vagueness,Confusion', 'Obfuscation-Vagueness-Confusion'],
    ['semeval2021', 'Loaded Language', 'Loaded_Language'],
    ['semeval2021', 'Name calling/Labeling', 'Name_Calling-Labeling'],
    ['semeval2021', 'Black-and-white Fallacy/Dictatorship', 'False_Dilemma-No_Choice'],
    ['semeval2021', 'Presenting Irrelevant Data (Red Herring)', 'Red_Herring'],
    ["semeval2021", "Misrepresentation of Someone's Position (Straw Man)", 'Straw_Man'],
    ['semeval2021', 'Obfuscation, Intentional vagueness, Confusion', 'Obfuscation-Vagueness-Confusion'],
    ['semeval2021', 'Bandwagon', 'Appeal_to_Popularity'],
  ];
  for (const [scheme, label, id] of cases) {
    assert.deepEqual(fromScheme(scheme, label), [id], `${scheme}: ${label}`);
    assert.equal(toScheme(scheme, id), label, `${scheme}: ${id}`);
    assert.ok(isLossless(scheme, label), `${scheme}: ${label}`);
  }
});

test('merged and lossy labels', () => {
  const merged = 'Whataboutism,Straw_Men,Red_Herring';
  assert.deepEqual([...fromScheme('semeval2020', merged)].sort(), ['Red_Herring', 'Straw_Man', 'Whataboutism']);
  for (const id of ['Straw_Man', 'Red_Herring', 'Whataboutism'] as const) assert.equal(toScheme('semeval2020', id), merged);
  assert.equal(isLossless('semeval2020', merged), false);

  const bandwagon = 'Bandwagon,Reductio_ad_hitlerum';
  assert.deepEqual([...fromScheme('semeval2020', bandwagon)].sort(), ['Appeal_to_Popularity', 'Guilt_by_Association']);
  assert.equal(toScheme('semeval2020', 'Appeal_to_Popularity'), bandwagon);
  assert.equal(toScheme('semeval2020', 'Guilt_by_Association'), bandwagon);

  assert.deepEqual(fromScheme('semeval2020', 'Thought-terminating_Cliches'), ['Conversation_Killer']);
  assert.equal(toScheme('semeval2020', 'Conversation_Killer'), 'Thought-terminating_Cliches');
  assert.deepEqual(fromScheme('ptc-v1', 'Reductio_ad_hitlerum'), ['Guilt_by_Association']);
  assert.equal(isLossless('ptc-v1', 'Reductio_ad_hitlerum'), false);

  assert.deepEqual(fromScheme('semeval2021', 'Smears'), ['Questioning_the_Reputation']);
  assert.equal(toScheme('semeval2021', 'Questioning_the_Reputation'), 'Smears');
  assert.deepEqual(fromScheme('semeval2021', 'Glittering generalities (Virtue)'), ['Appeal_to_Values']);
  assert.equal(toScheme('semeval2021', 'Appeal_to_Values'), 'Glittering generalities (Virtue)');
  assert.deepEqual(fromScheme('semeval2021', 'Thought-terminating cliché'), ['Conversation_Killer']);
  // The same label with a decomposed é is read too.
  assert.deepEqual(fromScheme('semeval2021', 'Thought-terminating cliche\u0301'), ['Conversation_Killer']);
  assert.equal(isLossless('semeval2021', 'Smears'), false);

  // Subtask 3's image-borne labels map in, but canonical ids write back elsewhere.
  assert.deepEqual(fromScheme('semeval2021-task3', 'Transfer'), ['Guilt_by_Association']);
  assert.deepEqual(fromScheme('semeval2021-task3', 'Appeal to (Strong) Emotions'), ['Loaded_Language']);
  assert.equal(toScheme('semeval2021-task3', 'Guilt_by_Association'), 'Reductio ad hitlerum');
  assert.equal(toScheme('semeval2021-task3', 'Loaded_Language'), 'Loaded Language');
  assert.throws(() => fromScheme('semeval2021', 'Transfer'), /Transfer.*semeval2021/);

  for (const scheme of SCHEME_IDS) {
    for (const entry of SCHEMES[scheme].labels) {
      if (entry.target === false) assert.ok(entry.loss, `${scheme}: ${entry.label}`);
    }
  }
});

test('canonical techniques without a counterpart write back as null', () => {
  const newIn2023 = ['Appeal_to_Values', 'Consequential_Oversimplification', 'Appeal_to_Time', 'Appeal_to_Hypocrisy', 'Questioning_the_Reputation'];
  assert.deepEqual(unmappedIn('semeval2020').sort(), [...newIn2023, 'Obfuscation-Vagueness-Confusion'].sort());
  assert.deepEqual(unmappedIn('ptc-v1').sort(), [...newIn2023].sort());
  assert.deepEqual(unmappedIn('semeval2021').sort(), ['Appeal_to_Hypocrisy', 'Appeal_to_Time', 'Consequential_Oversimplification']);
  assert.equal(toScheme('semeval2020', 'Appeal_to_Values'), null);
  assert.equal(toScheme('semeval2020', 'Obfuscation-Vagueness-Confusion'), null);
  assert.equal(toScheme('ptc-v1', 'Obfuscation-Vagueness-Confusion'), 'Obfuscation,Intentional_Vagueness,Confusion');
});

test('an unknown label throws, naming the scheme and the label', () => {
  assert.throws(
    () => fromScheme('semeval2020', 'Casting_Doubt'),
    (err: unknown) => {
      assert.ok(err instanceof UnknownLabelError);
      assert.ok(err instanceof Error);
      assert.equal(err.scheme, 'semeval2020');
      assert.equal(err.label, 'Casting_Doubt');
      assert.match(err.message, /semeval2020/);
      assert.match(err.message, /"Casting_Doubt"/);
      return true;
    },
  );
  // Spellings of other schemes are not accepted.
  assert.throws(() => fromScheme('semeval2023', 'Name_Calling,Labeling'), /Name_Calling,Labeling.*semeval2023/);
  assert.throws(() => fromScheme('semeval2020', 'Name_Calling-Labeling'), /Name_Calling-Labeling.*semeval2020/);
  assert.throws(() => fromScheme('semeval2020', 'Straw_Men'), UnknownLabelError);
  assert.throws(() => fromScheme('semeval2020', 'Obfuscation,Intentional_Vagueness,Confusion'), UnknownLabelError);
  assert.throws(() => fromScheme('nope' as SchemeId, 'Doubt'), /unknown technique scheme "nope"/);
  assert.throws(() => toScheme('semeval2020', 'Nope' as TechniqueId), /unknown canonical technique "Nope"/);
});

test('the malformed 2023 label is a known alias', () => {
  const malformed = 'Appeal_to_Fear-Prejudi-\u010dce';
  assert.deepEqual(fromScheme('semeval2023', malformed), ['Appeal_to_Fear-Prejudice']);
  assert.equal(isLossless('semeval2023', malformed), false);
  assert.ok(!schemeLabels('semeval2023').includes(malformed));
  assert.throws(() => fromScheme('semeval2020', malformed), UnknownLabelError);
});

// ---------------------------------------------------------------------------
// Against the data files, where the shared data folder is present.

const DATA = new URL('../../../../shared/data/', import.meta.url);

function readList(relative: string): string[] {
  return readFileSync(new URL(relative, DATA), 'utf8')
    .split('\n')
    .map((line) => line.replace(/\r$/, ''))
    .filter((line) => line !== '');
}

test('label lists equal the technique list files exactly', (t) => {
  if (!existsSync(DATA)) {
    t.skip('shared/data not present');
    return;
  }
  assert.deepEqual(schemeLabels('semeval2023'), readList('semeval2023-task3/scorers/techniques_subtask3.txt'));
  assert.deepEqual(schemeLabels('semeval2020'), readList('ptc-semeval2020-task11/propaganda-techniques-names-semeval2020task11.txt'));
  assert.deepEqual(schemeLabels('ptc-v1'), readList('ptc-semeval2020-task11/propaganda-techniques-names.txt'));
  assert.deepEqual(schemeLabels('ptc-v1'), readList('ptc-v1-nlp4if2019/propaganda-techniques-names.txt'));
  assert.deepEqual(schemeLabels('semeval2021'), readList('semeval2021-task6/techniques_list_task1-2.txt'));
  assert.deepEqual(schemeLabels('semeval2021-task3'), readList('semeval2021-task6/techniques_list_task3.txt'));
});

test('every label used in the annotation files is read', (t) => {
  if (!existsSync(DATA)) {
    t.skip('shared/data not present');
    return;
  }
  const seen = new Map<SchemeId, Set<string>>(SCHEME_IDS.map((id) => [id, new Set<string>()]));
  const add = (scheme: SchemeId, label: string) => seen.get(scheme)!.add(label);

  const tsvColumn = (relative: string, column: number, scheme: SchemeId, split = false) => {
    const url = new URL(relative, DATA);
    if (!existsSync(url)) return;
    for (const line of readFileSync(url, 'utf8').split('\n')) {
      const cell = line.split('\t')[column]?.trim();
      if (!cell) continue;
      for (const label of split ? cell.split(',') : [cell]) add(scheme, label);
    }
  };
  tsvColumn('ptc-semeval2020-task11/train-task-flc-tc.labels', 1, 'semeval2020');
  const flc = new URL('ptc-v1-nlp4if2019/train-labels-FLC/', DATA);
  if (existsSync(flc)) {
    for (const name of readdirSync(flc)) tsvColumn(`ptc-v1-nlp4if2019/train-labels-FLC/${name}`, 1, 'ptc-v1');
  }
  for (const lang of ['en', 'fr', 'ge', 'it', 'po', 'ru']) {
    tsvColumn(`semeval2023-task3/data/${lang}/train-labels-subtask-3.txt`, 2, 'semeval2023', true);
  }
  for (const file of ['training_set_task1.txt', 'dev_set_task1.txt']) {
    const url = new URL(`semeval2021-task6/${file}`, DATA);
    if (!existsSync(url)) continue;
    const memes = JSON.parse(readFileSync(url, 'utf8')) as { labels: string[] }[];
    for (const meme of memes) for (const label of meme.labels) add('semeval2021', label);
  }

  for (const [scheme, labels] of seen) {
    for (const label of labels) assert.ok(fromScheme(scheme, label).length >= 1, `${scheme}: ${label}`);
  }
  assert.equal(seen.get('semeval2020')!.size, 14);
  assert.equal(seen.get('ptc-v1')!.size, 18);
  assert.ok(seen.get('semeval2023')!.has('Appeal_to_Fear-Prejudi-\u010dce'));
});

test('docs/taxonomy.md lists every technique, definition, example and scheme label', () => {
  const doc = readFileSync(new URL('../../../docs/taxonomy.md', import.meta.url), 'utf8');
  for (const c of CATEGORIES) assert.ok(doc.includes(`### ${c}`), c);
  for (const t of TECHNIQUES) {
    for (const text of [`\`${t.id}\``, t.name, t.definition, t.example]) assert.ok(doc.includes(text), `${t.id}: ${text}`);
  }
  for (const scheme of SCHEME_IDS) {
    assert.ok(doc.includes(`### \`${scheme}\``), scheme);
    for (const entry of [...SCHEMES[scheme].labels, ...SCHEMES[scheme].aliases]) {
      assert.ok(doc.includes(`| \`${entry.label}\``), `${scheme}: ${entry.label}`);
      const note = 'loss' in entry ? entry.loss : 'note' in entry ? entry.note : undefined;
      if (note) assert.ok(doc.includes(note), `${scheme}: note of ${entry.label}`);
    }
  }
});
