import assert from 'node:assert/strict';
import { test } from 'node:test';
import { splitPeriods } from './periods.ts';

test('reads whole months from month cells and ragged ends from day cells', () => {
  assert.deepEqual(splitPeriods('2024-01-15', '2024-03-10'), {
    months: { from: '2024-02', to: '2024-02' },
    days: [
      { from: '2024-01-15', to: '2024-01-31' },
      { from: '2024-03-01', to: '2024-03-10' },
    ],
  });
  assert.deepEqual(splitPeriods('2024-01-01', '2024-02-29'), { months: { from: '2024-01', to: '2024-02' }, days: [] });
  assert.deepEqual(splitPeriods('2023-02-01', '2023-02-28'), { months: { from: '2023-02', to: '2023-02' }, days: [] });
});

test('uses days only when no whole month fits', () => {
  assert.deepEqual(splitPeriods('2024-01-10', '2024-01-20'), { months: null, days: [{ from: '2024-01-10', to: '2024-01-20' }] });
  assert.deepEqual(splitPeriods('2024-01-31', '2024-02-01'), { months: null, days: [{ from: '2024-01-31', to: '2024-02-01' }] });
});

test('leaves open ends open', () => {
  assert.deepEqual(splitPeriods(null, null), { months: { from: null, to: null }, days: [] });
  assert.deepEqual(splitPeriods('2024-12-05', null), { months: { from: '2025-01', to: null }, days: [{ from: '2024-12-05', to: '2024-12-31' }] });
  assert.deepEqual(splitPeriods(null, '2024-03-10'), { months: { from: null, to: '2024-02' }, days: [{ from: '2024-03-01', to: '2024-03-10' }] });
});
