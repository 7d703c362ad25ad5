import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseFeedDate } from './dates.ts';

const NOW = new Date('2026-03-01T12:00:00Z');

test('RFC 822 dates with named zones, numeric offsets, two-digit years and no day name', () => {
  const cases: [string, string][] = [
    ['Sun, 01 Mar 2026 09:30:00 GMT', '2026-03-01T09:30:00.000Z'],
    ['Sat, 28 Feb 2026 18:45:00 EST', '2026-02-28T23:45:00.000Z'],
    ['Sat, 28 Feb 2026 18:45:00 EDT', '2026-02-28T22:45:00.000Z'],
    ['Fri, 27 Feb 2026 07:15:00 +0300', '2026-02-27T04:15:00.000Z'],
    ['Fri, 27 Feb 2026 07:15:00 -05:30', '2026-02-27T12:45:00.000Z'],
    ['27 Feb 2026 07:15 UT', '2026-02-27T07:15:00.000Z'],
    ['Fri, 27 Feb 26 07:15:00 Z', '2026-02-27T07:15:00.000Z'],
    ['Friday, 27 February 2026 07:15:00 CET', '2026-02-27T06:15:00.000Z'],
    ['Fri, 27 Sept 2024 07:15:00 PDT', '2024-09-27T14:15:00.000Z'],
    ['Fri, 27 Feb 2026 07:15:00', '2026-02-27T07:15:00.000Z'],
    ['Fri, 27 Feb 2026 07:15:00 GMT+0100', '2026-02-27T06:15:00.000Z'],
    ['Fri, 27 Feb 2026 7:15 pm EST', '2026-02-28T00:15:00.000Z'],
    ['Feb 27, 2026 07:15:00 +0000', '2026-02-27T07:15:00.000Z'],
  ];
  for (const [input, expected] of cases) assert.equal(parseFeedDate(input, NOW), expected, input);
});

test('W3C / ISO 8601 dates and the CMS space-separated form', () => {
  const cases: [string, string][] = [
    ['2026-02-20T16:30:00+01:00', '2026-02-20T15:30:00.000Z'],
    ['2026-02-20T16:30:00.123456Z', '2026-02-20T16:30:00.123Z'],
    ['2026-02-20T16:30Z', '2026-02-20T16:30:00.000Z'],
    ['2026-02-20', '2026-02-20T00:00:00.000Z'],
    ['2026-02-20 16:30:00', '2026-02-20T16:30:00.000Z'],
    ['2026-02-20T16:30:00-0800', '2026-02-21T00:30:00.000Z'],
  ];
  for (const [input, expected] of cases) assert.equal(parseFeedDate(input, NOW), expected, input);
});

test('unparseable, impossible, placeholder and future dates give undefined', () => {
  for (const input of [
    '',
    'yesterday',
    'not a date',
    '2026-02-30',
    '2026-13-01T00:00:00Z',
    'Fri, 31 Apr 2026 10:00:00 GMT',
    'Fri, 27 Feb 2026 07:15:00 XYZ',
    'Thu, 01 Jan 1970 00:00:00 GMT',
    '2026-03-01T12:00:01Z',
    'Wed, 01 Jul 2026 12:00:00 GMT',
    undefined,
  ]) {
    assert.equal(parseFeedDate(input, NOW), undefined, String(input));
  }
  assert.equal(parseFeedDate('2026-03-01T12:00:00Z', NOW), '2026-03-01T12:00:00.000Z', 'exactly now is not the future');
});
