import { test } from 'node:test';
import assert from 'node:assert/strict';
import { stemEnglish, terms, words } from './terms.ts';

test('English terms: stop words out, plurals and -ing/-ed endings folded, possessives dropped', () => {
  assert.deepEqual(terms("The sanctions against Russia's economy are failing"), ['sanction', 'against', 'russia', 'economy', 'fail']);
  assert.deepEqual(terms('NATO planned the attacks'), ['nato', 'plan', 'attack']);
  assert.equal(stemEnglish('countries'), 'country');
  assert.equal(stemEnglish('running'), 'run');
  assert.equal(stemEnglish('class'), 'class');
  assert.equal(stemEnglish('virus'), 'virus');
});

test('Russian and Ukrainian terms: stop words out, case endings folded so that forms of a word meet', () => {
  const a = terms('Санкции против России провалились');
  const b = terms('провал санкций против россии');
  assert.ok(a.includes('санкц') && b.includes('санкц'), `${a} / ${b}`);
  assert.ok(a.includes('росс') && b.includes('росс'), `${a} / ${b}`);
  assert.equal(terms('санкциями')[0], terms('санкции')[0]);
  assert.equal(terms('України')[0], terms('Україна')[0]);
  assert.deepEqual(terms('и в на'), []);
  assert.equal(terms('провалились')[0], terms('провал')[0]);
});

test('words fold Latin accents but keep Cyrillic letters whole', () => {
  assert.deepEqual(words('Erdoğan’s café'), ['erdogan', 'cafe']);
  assert.deepEqual(words('Йошкар-Ола'), ['йошкар', 'ола']);
});
