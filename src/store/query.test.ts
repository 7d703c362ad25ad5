import assert from 'node:assert/strict';
import { test } from 'node:test';
import { InputError } from '../ingest/decode-text.ts';
import { encodeCursor, normalizeAggregate, normalizeSearch } from './query.ts';
import { parseStoreUrl } from './open.ts';
import { numberPlaceholders } from './sql.ts';

test('normalises a search: lists, bounds, sort and page', () => {
  const n = normalizeSearch({ q: 'grain', source: 'a.example', technique: ['Doubt', 'Doubt'], from: '2024-01-01', to: '2024-01-31' });
  assert.deepEqual(n.sources, ['a.example']);
  assert.deepEqual(n.labels, [{ table: 'spans', layer: 'techniques', column: 'label', values: ['Doubt'] }]);
  assert.equal(n.from, '2024-01-01T00:00:00.000Z');
  assert.equal(n.toExclusive, '2024-02-01T00:00:00.000Z');
  assert.equal(n.sort, 'relevance');
  assert.equal(n.limit, 20);
  assert.equal(normalizeSearch({}).sort, 'date');
});

test('pages by position in date order and by offset in relevance order', () => {
  const date = normalizeSearch({ source: 'a.example', limit: 5 });
  const next = normalizeSearch({ source: 'a.example', limit: 5, cursor: encodeCursor(date, { datedAt: '2024-01-01T00:00:00.000Z', id: 7 }) });
  assert.deepEqual(next.after, { datedAt: '2024-01-01T00:00:00.000Z', id: 7 });
  const rel = normalizeSearch({ q: 'x', limit: 5 });
  assert.equal(normalizeSearch({ q: 'x', limit: 5, cursor: encodeCursor(rel, null) }).offset, 5);
  assert.throws(() => normalizeSearch({ q: 'y', cursor: encodeCursor(rel, null) }), /another query/);
  assert.throws(() => normalizeSearch({ cursor: '!!' }), InputError);
});

test('rounds aggregation bounds to whole days', () => {
  assert.deepEqual(normalizeAggregate({ from: '2024-01-05T10:00:00Z', to: '2024-01-06T00:00:00Z' }, 'x'), {
    by: 'source',
    fromDay: '2024-01-05',
    toDay: '2024-01-06',
    sources: null,
    labels: null,
  });
  assert.throws(() => normalizeAggregate({ from: '2024-02-01', to: '2024-01-01' }, 'x'), InputError);
  assert.throws(() => normalizeAggregate({ by: 'week' as never }, 'x'), InputError);
});

test('reads store URLs', () => {
  assert.deepEqual(parseStoreUrl(undefined), { kind: 'sqlite', path: './spinscope.db' });
  assert.deepEqual(parseStoreUrl('sqlite:data/x.db'), { kind: 'sqlite', path: 'data/x.db' });
  assert.deepEqual(parseStoreUrl(':memory:'), { kind: 'sqlite', path: ':memory:' });
  assert.deepEqual(parseStoreUrl('postgres://u@h:5432/db?schema=news'), { kind: 'postgres', connectionString: 'postgres://u@h:5432/db', schema: 'news' });
  assert.throws(() => parseStoreUrl('postgres://u@h/db?schema=a;drop'), /plain identifier/);
  assert.throws(() => parseStoreUrl('mysql://h/db'), /unsupported/);
});

test('numbers placeholders outside quotes', () => {
  assert.equal(numberPlaceholders(`SELECT '?', "a?" FROM t WHERE a = ? AND b IN (?, ?)`), `SELECT '?', "a?" FROM t WHERE a = $1 AND b IN ($2, $3)`);
});
