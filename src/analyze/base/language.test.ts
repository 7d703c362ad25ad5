import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createPipeline } from '../pipeline.ts';
import { voteFunctionWords } from './function-words.ts';

const pipeline = await createPipeline({ layers: ['language'] });
const identify = (text: string) => pipeline.analyze(text).layers.language!.labels[0]!;

test('news text in the SemEval languages is identified', () => {
  const cases: [string, string][] = [
    ['en', 'Officials said on Monday that the talks would resume next week in Geneva, despite objections from Moscow.'],
    ['ru', 'Пресс-секретарь президента Дмитрий Песков заявил журналистам, что Кремль внимательно следит за ситуацией.'],
    ['uk', 'Міністр закордонних справ заявив, що Україна не погодиться на жодні поступки щодо своїх територій.'],
    ['bg', 'Министърът заяви, че правителството ще подкрепи решението на Европейския съюз за санкциите.'],
    ['de', 'Der Bundeskanzler sagte am Montag, dass die Gespräche in der kommenden Woche fortgesetzt werden.'],
    ['fr', 'Le président a déclaré lundi que les discussions reprendraient la semaine prochaine à Genève.'],
    ['it', 'Il ministro ha detto lunedì che i colloqui riprenderanno la prossima settimana a Ginevra.'],
    ['pl', 'Minister powiedział w poniedziałek, że rozmowy zostaną wznowione w przyszłym tygodniu w Genewie.'],
    ['pt', 'O ministro disse na segunda-feira que as negociações serão retomadas na próxima semana em Genebra.'],
  ];
  for (const [code, text] of cases) assert.equal(identify(text).label, code, text);
});

test('short English sentences are rescued by function words where CLD3 guesses wrong', () => {
  const label = identify('The talks failed on Monday, officials said.');
  assert.equal(label.label, 'en');
  assert.ok(label.evidence?.some((e) => e.startsWith('function words: the')));
  assert.equal(identify('The minister resigned.').label, 'en');
});

test('a guess in a script the text does not use, or too few letters, gives und', () => {
  const label = identify('ok ok ok ok ok ok ok ok');
  assert.equal(label.label, 'und');
  assert.match(label.evidence!.join(' '), /discarded/);
  assert.equal(identify('12345 !!! 678').label, 'und');
});

test('function-word votes count each language and report the runner-up', () => {
  const vote = voteFunctionWords('Песков заявил, что это не так.')!;
  assert.equal(vote.language, 'ru');
  assert.deepEqual(vote.hits, ['что', 'это', 'не', 'так']);
  assert.ok(vote.runnerUp >= 1 && vote.runnerUp < 4);
  assert.equal(voteFunctionWords('Zzz qqq'), undefined);
});
