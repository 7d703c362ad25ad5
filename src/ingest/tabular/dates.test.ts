import assert from 'node:assert/strict';
import { test } from 'node:test';
import { normaliseDate } from './dates.ts';

const NOW = Date.UTC(2025, 5, 15, 12, 0, 0);

const CASES: [unknown, string | undefined][] = [
  ['2025-06-03T09:15:00Z', '2025-06-03T09:15:00.000Z'],
  ['2025-06-03T09:15:00+02:00', '2025-06-03T07:15:00.000Z'],
  ['2025-06-03T09:15:00-0530', '2025-06-03T14:45:00.000Z'],
  ['2025-06-03T09:15:00.123456Z', '2025-06-03T09:15:00.123Z'],
  // Media Cloud and news-please: UTC without a zone
  ['2025-06-03 09:15:00', '2025-06-03T09:15:00.000Z'],
  ['2025-06-03 09:15:00.250000', '2025-06-03T09:15:00.250Z'],
  ['2025-06-03', '2025-06-03T00:00:00.000Z'],
  ['Tue, 03 Jun 2025 09:15:00 GMT', '2025-06-03T09:15:00.000Z'],
  ['Tue, 03 Jun 2025 09:15:00 +0100', '2025-06-03T08:15:00.000Z'],
  ['June 3, 2025', '2025-06-03T00:00:00.000Z'],
  ['3 June 2025 09:15', '2025-06-03T09:15:00.000Z'],
  [1748942100, '2025-06-03T09:15:00.000Z'],
  [1748942100000, '2025-06-03T09:15:00.000Z'],
  ['1748942100', '2025-06-03T09:15:00.000Z'],
  ['13/06/2025', '2025-06-13T00:00:00.000Z'],
  ['06/13/2025 08:30', '2025-06-13T08:30:00.000Z'],
  // day and month could be either way round: dropped
  ['03/04/2025', undefined],
  ['2025-02-31', undefined],
  ['2025-13-01', undefined],
  ['yesterday', undefined],
  ['', undefined],
  [null, undefined],
  [{ date: '2025-06-03' }, undefined],
  // in the future (beyond any time zone's lead)
  ['2025-06-20T00:00:00Z', undefined],
  ['1850-01-01', undefined],
];

for (const [input, expected] of CASES) {
  test(`normaliseDate(${JSON.stringify(input)})`, () => {
    assert.equal(normaliseDate(input, NOW), expected);
  });
}
