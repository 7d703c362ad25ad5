import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HostSchedule } from './host-schedule.ts';
import { backoffDelay, parseRetryAfter } from './retry.ts';

test('Retry-After is read as seconds or as an HTTP date', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');
  assert.equal(parseRetryAfter('7', now), 7000);
  assert.equal(parseRetryAfter('Thu, 01 Jan 2026 00:00:30 GMT', now), 30_000);
  assert.equal(parseRetryAfter('Wed, 31 Dec 2025 00:00:00 GMT', now), 0);
  assert.equal(parseRetryAfter('soon', now), undefined);
  assert.equal(parseRetryAfter(undefined, now), undefined);
});

test('backoff doubles per attempt, with half of it jittered', () => {
  assert.deepEqual([1, 2, 3].map((a) => backoffDelay(a, 1000, () => 0)), [500, 1000, 2000]);
  assert.deepEqual([1, 2, 3].map((a) => backoffDelay(a, 1000, () => 0.999999)), [1000, 2000, 4000]);
});

test('concurrent requests to one host queue an interval apart; other hosts do not wait', async () => {
  const sleeps: number[] = [];
  const schedule = new HostSchedule(() => 0, async (ms) => void sleeps.push(ms));
  await Promise.all([schedule.take('a', 1000), schedule.take('a', 1000), schedule.take('a', 1000), schedule.take('b', 1000)]);
  assert.deepEqual(sleeps, [1000, 2000]);
});

test('a redirect hop pushes the next turn back without waiting itself', async () => {
  let now = 0;
  const sleeps: number[] = [];
  const schedule = new HostSchedule(() => now, async (ms) => {
    sleeps.push(ms);
    now += ms;
  });
  await schedule.take('a', 1000);
  now = 900;
  schedule.touch('a', 1000);
  await schedule.take('a', 1000);
  assert.deepEqual(sleeps, [1000]);
  assert.equal(now, 1900);
});
