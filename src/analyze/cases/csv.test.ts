import { test } from 'node:test';
import assert from 'node:assert/strict';
import { csvObjects, parseCsv } from './csv.ts';

test('parseCsv: quoted fields hold delimiters, line breaks and doubled quotes', () => {
  const text = '\uFEFFa;b;c\r\n"x;y";"line one\nline two";"say ""no"""\n1;;3\n';
  assert.deepEqual(parseCsv(text, ';'), [
    ['a', 'b', 'c'],
    ['x;y', 'line one\nline two', 'say "no"'],
    ['1', '', '3'],
  ]);
});

test('parseCsv: blank lines are skipped, a last line without a break is read, a trailing delimiter makes an empty field', () => {
  assert.deepEqual(parseCsv('a,b\n\nc,d'), [
    ['a', 'b'],
    ['c', 'd'],
  ]);
  assert.deepEqual(parseCsv('a,'), [['a', '']]);
  assert.deepEqual(parseCsv(''), []);
});

test('csvObjects keys records by the header; missing fields are empty', () => {
  assert.deepEqual(csvObjects('id, claim\n1,"The moon, made of cheese"\n2\n'), [
    { id: '1', claim: 'The moon, made of cheese' },
    { id: '2', claim: '' },
  ]);
});
