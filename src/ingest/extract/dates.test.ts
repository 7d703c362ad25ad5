import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dateFromUrl, firstDate, parseDate } from './dates.ts';

const iso = (s: string) => parseDate(s)?.toISOString();

test('ISO 8601 with offsets is converted to UTC, across midnight and with odd minutes', () => {
  assert.equal(iso('2026-03-01T22:30:00-05:00'), '2026-03-02T03:30:00.000Z');
  assert.equal(iso('2026-03-02T10:15:00+0545'), '2026-03-02T04:30:00.000Z');
  assert.equal(iso('2026-03-04T18:20:00.123+01'), '2026-03-04T17:20:00.123Z');
  assert.equal(iso('2026-10-02T14:03:27.512Z'), '2026-10-02T14:03:27.512Z');
  assert.equal(iso('2026-04-05 08:00:00 +0200'), '2026-04-05T06:00:00.000Z');
  assert.equal(iso('2026-01-01T00:30:00+01:00'), '2025-12-31T23:30:00.000Z');
});

test('a date or time without a zone is UTC, whatever the machine’s zone', () => {
  assert.equal(iso('2026-09-17 14:00'), '2026-09-17T14:00:00.000Z');
  assert.equal(iso('2026-08-02'), '2026-08-02T00:00:00.000Z');
  assert.equal(iso('20260802'), '2026-08-02T00:00:00.000Z');
});

test('RFC 2822, English month names and Unix timestamps are read', () => {
  assert.equal(iso('Fri, 06 Mar 2026 16:20:00 -0600'), '2026-03-06T22:20:00.000Z');
  assert.equal(iso('6 March 2026 16:20 GMT'), '2026-03-06T16:20:00.000Z');
  assert.equal(iso('March 4, 2026 6:20 p.m. EST'), '2026-03-04T23:20:00.000Z');
  assert.equal(iso('Mar 4, 2026'), '2026-03-04T00:00:00.000Z');
  assert.equal(iso('1772000000'), new Date(1772000000 * 1000).toISOString());
});

test('impossible and unknown dates are refused', () => {
  for (const bad of ['2026-02-30', '2026-13-01', '2026-03-01T25:00', '2026-03-01T10:00+15:00', 'yesterday', '', 'Published 5 hours ago', '2026-03-01T10:00 XYZ', '12.04.2026 09:15']) {
    assert.equal(parseDate(bad), undefined, bad);
  }
  assert.equal(iso('2028-02-29'), '2028-02-29T00:00:00.000Z');
});

test('dates in URL paths', () => {
  assert.equal(dateFromUrl('https://x.example/local/2026/03/04/story/')?.toISOString(), '2026-03-04T00:00:00.000Z');
  assert.equal(dateFromUrl('https://x.example/2026-03-04/story')?.toISOString(), '2026-03-04T00:00:00.000Z');
  assert.equal(dateFromUrl('https://x.example/2026/03/story.html'), undefined);
  assert.equal(dateFromUrl('https://x.example/id/20260304123'), undefined);
});

test('firstDate skips unparseable and future candidates', () => {
  const now = new Date('2026-12-01T00:00:00Z');
  assert.equal(firstDate(['nonsense', '2027-01-01T00:00:00Z', '2026-11-30T23:59:59Z'], now), '2026-11-30T23:59:59.000Z');
  assert.equal(firstDate(['2026-12-01T00:00:01Z'], now), undefined);
  assert.equal(firstDate([undefined, new Date('2026-05-01T00:00:00Z')], now), '2026-05-01T00:00:00.000Z');
});
