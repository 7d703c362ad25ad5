import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { openStore } from '../../store/open.ts';
import { startNewsSite } from '../../jobs/testing/news-site.ts';
import { freePort, spawnWorker } from '../../jobs/testing/processes.ts';
import { waitFor } from '../../jobs/testing/wait.ts';
import { main } from '../main.ts';
import type { CommandContext } from '../context.ts';

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough() as unknown as NodeJS.WriteStream;
  let out = '';
  let err = '';
  stdout.on('data', (d) => (out += d));
  (stderr as unknown as PassThrough).on('data', (d) => (err += d));
  const ctx: CommandContext = { stdout, stderr, stdin: (async function* () {})(), stdoutIsTTY: false };
  const code = await main(args, ctx);
  return { code, out, err };
}

test('worker and status: wrong options are one-line usage errors', async () => {
  for (const args of [
    ['worker', '--stages', 'fetch,nope'],
    ['worker', '--concurrency', 'fetch=0'],
    ['worker', '--redis', 'http://127.0.0.1:6379'],
    ['worker', '--prefix', 'a b'],
    ['status', '--format', 'xml'],
  ]) {
    const r = await cli(args);
    assert.equal(r.code, 2, args.join(' '));
    assert.match(r.err, /^spinscope: [^\n]+\n$/, args.join(' '));
  }
  assert.match((await cli(['worker', '--stages', 'nope'])).err, /unknown stage 'nope'; stages: poll-feed, poll-sitemap, fetch/);
});

test('status: queues, feeds and dead letters of the embedded store, as text and JSON; an unreachable Redis is one line', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'spinscope-status-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const db = join(dir, 'store.db');
  const store = await openStore(db);
  await store.upsertFeeds([{ url: 'https://news.example/feed.xml' }]);
  await store.close();
  const text = await cli(['status', '--store', db]);
  assert.equal(text.code, 0, text.err);
  assert.match(text.out, /^Queues \(embedded\)\nstage +waiting +active +delayed +dead +done\/min +done\/h +failed\/h\npoll-feed +0 +0 +0 +0 +0 +0 +0\n/);
  assert.match(text.out, /https:\/\/news\.example\/feed\.xml +- +- +0/);
  const json = await cli(['status', '--store', db, '--format', 'json', '--dead']);
  const report = JSON.parse(json.out);
  assert.equal(report.runner, 'embedded');
  assert.deepEqual(report.dead, []);
  assert.equal(report.queues.analyse.waiting, 0);
  assert.equal(report.feeds[0].failures, 0);
  const port = await freePort();
  const down = await cli(['status', '--store', db, '--redis', `redis://127.0.0.1:${port}`]);
  assert.equal(down.code, 1);
  assert.match(down.err, /^spinscope: cannot read the queues: [^\n]+\n$/);
});

test('worker (embedded): `spinscope worker --feed` ingests until SIGTERM, serves /metrics, and exits 0', async (t) => {
  const site = await startNewsSite({ articles: 3 });
  const dir = await mkdtemp(join(tmpdir(), 'spinscope-worker-'));
  const db = join(dir, 'store.db');
  t.after(async () => {
    await site.close();
    await rm(dir, { recursive: true, force: true });
  });
  const worker = spawnWorker(['--store', db, '--feed', site.feedUrl, '--allow-host', '127.0.0.1', '--min-interval', '0', '--threads', '1', '--layers', 'genre', '--metrics-port', '0']);
  t.after(() => {
    if (worker.process.exitCode === null) worker.process.kill('SIGKILL');
  });
  const listening = await waitFor('the metrics port', () => worker.events().find((e) => e.event === 'metrics.listening'), Boolean, 60_000);
  const store = await openStore(db);
  t.after(() => store.close());
  await waitFor('3 analyses', async () => (await store.stats()).tables.analyses ?? 0, (n) => n >= 3, 120_000);
  const metrics = await (await fetch(String(listening!.url))).text();
  assert.match(metrics, /spinscope_articles_ingested_total\{status="inserted"\} 3/);
  worker.process.kill('SIGTERM');
  assert.equal(await worker.exited, 0);
  const events = worker.events().map((e) => e.event);
  assert.ok(events.includes('worker.stopping') && events.includes('runner.stopped'), events.join(' '));
  for (const line of worker.stderr().trim().split('\n')) assert.doesNotThrow(() => JSON.parse(line), line);
});
