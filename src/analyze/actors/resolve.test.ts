import { test } from 'node:test';
import assert from 'node:assert/strict';
import { actorKey, resolveActors, type Mention } from './resolve.ts';

/** Mentions of `phrases` in `text`, in order of appearance (each phrase's nth occurrence in turn). */
function mentionsOf(text: string, specs: [string, Mention['kind'], string?, boolean?][]): Mention[] {
  let from = 0;
  return specs.map(([phrase, kind, type, speaker]) => {
    const start = text.indexOf(phrase, from);
    if (start < 0) throw new Error(`no '${phrase}' after ${from}`);
    from = start + phrase.length;
    return { start, end: start + phrase.length, kind, ...(type && { type }), ...(speaker && { speaker }) };
  });
}

const TEXT =
  'Russian President Vladimir Putin warned the West on Thursday. "We will respond," Putin said. ' +
  'He added that the talks were over. Kremlin spokesman Dmitry Peskov later said the Russian leader meant it. ' +
  'Moscow said the decision was final. Officials in Moscow declined to comment. Peskov\'s remarks followed.';

test('a person\'s name, surname, role phrase and pronouns resolve to one actor with title and affiliation', () => {
  const mentions = mentionsOf(TEXT, [
    ['Vladimir Putin', 'name', 'PERSON'],
    ['Putin', 'name', 'PERSON'],
    ['He', 'pronoun'],
    ['Dmitry Peskov', 'name', 'PERSON'],
    ['the Russian leader', 'role'],
    ['Moscow', 'name', 'PLACE', true],
    ['Moscow', 'name', 'PLACE'],
    ["Peskov's", 'name', 'PERSON'],
  ]);
  const actors = resolveActors(TEXT, mentions, { sentenceAt: (o) => TEXT.slice(0, o).split(/[.!?]\s/).length - 1 });
  const putin = actors.find((a) => a.name === 'Vladimir Putin')!;
  assert.ok(putin, JSON.stringify(actors.map((a) => a.name)));
  assert.equal(putin.title, 'Russian President');
  assert.equal(putin.affiliation, 'Russian');
  assert.equal(putin.id, 'person:vladimir-putin');
  assert.deepEqual(putin.mentions.map((m) => m.text), ['Vladimir Putin', 'Putin', 'He', 'the Russian leader']);
  assert.deepEqual(putin.aliases, ['Putin']);
  const peskov = actors.find((a) => a.name === 'Dmitry Peskov')!;
  assert.equal(peskov.title, 'Kremlin spokesman');
  assert.deepEqual(peskov.mentions.map((m) => m.text), ['Dmitry Peskov', "Peskov's"]);
  const government = actors.find((a) => a.type === 'GOVERNMENT')!;
  assert.equal(government.name, 'Government of Russia');
  assert.deepEqual(government.via, ['Moscow']);
  assert.equal(government.mentions.length, 1, 'only the speaking Moscow is the government');
  assert.ok(actors.some((a) => a.type === 'PLACE' && a.name === 'Moscow'));
});

test('a surname first and the full name later give one actor named in full', () => {
  const text = 'Rutte said allies were united. NATO Secretary General Mark Rutte spoke in Brussels.';
  const actors = resolveActors(text, mentionsOf(text, [['Rutte', 'name', 'PERSON'], ['Mark Rutte', 'name', 'PERSON']]));
  assert.equal(actors.length, 1);
  assert.equal(actors[0]!.name, 'Mark Rutte');
  assert.equal(actors[0]!.title, 'NATO Secretary General');
  assert.deepEqual(actors[0]!.aliases, ['Rutte']);
});

test('people who share a surname stay apart; a pronoun goes to the nearest person before it', () => {
  const text = 'Joe Biden met Hunter Biden. Then she left. Hunter Biden said he was tired.';
  const actors = resolveActors(text, mentionsOf(text, [['Joe Biden', 'name', 'PERSON'], ['Hunter Biden', 'name', 'PERSON'], ['Hunter Biden', 'name', 'PERSON'], ['he', 'pronoun']]));
  assert.deepEqual(actors.map((a) => a.name), ['Joe Biden', 'Hunter Biden']);
  assert.deepEqual(actors[1]!.mentions.map((m) => m.text), ['Hunter Biden', 'Hunter Biden', 'he']);
});

test('actor keys are stable across spellings of a name', () => {
  assert.equal(actorKey('Vladimir V. Putin'), actorKey('Vladimir Putin'));
  assert.equal(actorKey('Volodymyr Zelenskyy'), 'person:volodymyr-zelenskyy');
  assert.equal(actorKey('Emmanuel Macron’s'), actorKey('Emmanuel Macron'));
  assert.equal(actorKey('José Manuel Barroso'), 'person:jose-manuel-barroso');
  assert.equal(actorKey('NATO', 'ORG'), 'org:nato');
});

test('pronouns and role phrases are found over tokens', async () => {
  const { tokenize } = await import('../../text/tokenize.ts');
  const { pronounAndRoleMentions } = await import('./mentions.ts');
  const text = 'The Russian leader said he was ready. The spokesman declined. The talks and the former president ended; her office agreed.';
  const found = pronounAndRoleMentions(text, tokenize(text)).map((m) => `${m.kind}:${text.slice(m.start, m.end)}`);
  assert.deepEqual(found, ['role:The Russian leader', 'pronoun:he', 'role:The spokesman', 'role:the former president', 'pronoun:her']);
});

test('a title inside the name mention moves to the title; a shouted dateline name yields to its mixed-case form', () => {
  const text = 'MOSCOW (Spinwire) - Russian President Vladimir Putin spoke. Putin said Moscow would respond.';
  const actors = resolveActors(text, mentionsOf(text, [['MOSCOW', 'name', 'PLACE'], ['Russian President Vladimir Putin', 'name', 'PERSON'], ['Putin', 'name', 'PERSON'], ['Moscow', 'name', 'PLACE']]));
  const putin = actors.find((a) => a.type === 'PERSON')!;
  assert.equal(putin.name, 'Vladimir Putin');
  assert.equal(putin.title, 'Russian President');
  assert.deepEqual(putin.aliases, ['Putin']);
  const moscow = actors.find((a) => a.type === 'PLACE')!;
  assert.equal(moscow.name, 'Moscow');
  assert.equal(moscow.mentions.length, 2);
});

test('a speaking pronoun reaches further back than a plain one', () => {
  const text = 'Viktor Hale spoke first. The hall was full. Rain fell outside. Prices rose again. Then he argued that it was a scam. Later she left.';
  const mentions = mentionsOf(text, [['Viktor Hale', 'name', 'PERSON'], ['he', 'pronoun', undefined, true], ['she', 'pronoun']]);
  const actors = resolveActors(text, mentions, { sentenceAt: (o) => text.slice(0, o).split(/[.!?]\s/).length - 1 });
  assert.deepEqual(actors[0]!.mentions.map((m) => m.text), ['Viktor Hale', 'he']);
});
