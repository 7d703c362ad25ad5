/** `analyze --store`, `search` and `db …` against a real SQLite file, end to end through the built command. */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from './run-cli.ts';

const examples = fileURLToPath(new URL('../examples/', import.meta.url));
let dir: string;
const run = (args: string[]) => runCli(args, { cwd: dir });

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'spinscope-store-cli-'));
  for (const name of ['grain-corridor-talks.txt', 'sanctions-energy-prices.txt']) {
    const r = await run(['analyze', join(examples, name), '--store', 'news.db', '--out', join(dir, `${name}.json`)]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /analyze: stored as article \d+ \(inserted\) in news\.db/);
  }
  // the same article again changes nothing
  const again = await run(['analyze', join(examples, 'grain-corridor-talks.txt'), '--store', 'news.db', '--out', join(dir, 'again.json')]);
  assert.match(again.stderr, /\(unchanged\)/);
});

after(() => rmSync(dir, { recursive: true, force: true }));

test('search finds stored articles by words and by the techniques found in them', async () => {
  const r = await run(['search', 'grain corridor', '--store', 'news.db']);
  assert.equal(r.code, 0, r.stderr);
  const result = JSON.parse(r.stdout);
  assert.equal(result.total, 1);
  assert.match(result.items[0].title, /grain/i);
  const byTechnique = JSON.parse((await run(['search', '--technique', 'Loaded_Language', '--store', 'news.db'])).stdout);
  assert.ok(byTechnique.total >= 1);
  const text = await run(['search', 'gas', '--store', 'news.db', '--format', 'text']);
  assert.match(text.stdout, /^1 article\n +\d+ {2}\d{4}-\d\d-\d\d {2}/);
  const bad = await run(['search', '--limit', '0', '--store', 'news.db']);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /^spinscope: --limit/);
});

test('db stats, export in every format, import into a new store, and backup', async () => {
  const stats = JSON.parse((await run(['db', 'stats', '--store', 'news.db'])).stdout);
  assert.equal(stats.tables.articles, 2);
  assert.equal(stats.dialect, 'sqlite');
  for (const [format, file] of [['jsonl', 'dump.jsonl'], ['csv', 'articles.csv'], ['spans-csv', 'spans.csv'], ['semeval-si', 'si.txt'], ['semeval-tc', 'tc.txt'], ['semeval-st3', 'st3.txt'], ['label-studio', 'tasks.json']] as const) {
    const r = await run(['db', 'export', '--format', format, '--out', file, '--store', 'news.db']);
    assert.equal(r.code, 0, `${format}: ${r.stderr}`);
    assert.ok(readFileSync(join(dir, file), 'utf8').length > 0, format);
  }
  const dump = readFileSync(join(dir, 'dump.jsonl'), 'utf8').trim().split('\n');
  assert.equal(dump.length, 2);
  for (const line of readFileSync(join(dir, 'si.txt'), 'utf8').trim().split('\n')) assert.match(line, /^\S+\t\d+\t\d+$/);
  const tasks = JSON.parse(readFileSync(join(dir, 'tasks.json'), 'utf8'));
  assert.ok(Array.isArray(tasks) && tasks[0].data.text && Array.isArray(tasks[0].predictions));

  const imported = await run(['db', 'import', 'dump.jsonl', '--store', 'copy.db']);
  assert.equal(imported.code, 0, imported.stderr);
  assert.equal(JSON.parse((await run(['db', 'stats', '--store', 'copy.db'])).stdout).tables.articles, 2);

  const backup = await run(['db', 'backup', '--out', 'backup.db', '--store', 'news.db']);
  assert.equal(backup.code, 0, backup.stderr);
  assert.ok(existsSync(join(dir, 'backup.db')));
  assert.equal(JSON.parse((await run(['db', 'stats', '--store', 'backup.db'])).stdout).tables.analyses, 2);
});

test('db errors are one line', async () => {
  const bad = await run(['db', 'export', '--format', 'xml', '--out', 'x', '--store', 'news.db']);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /^spinscope: --format must be one of jsonl/);
  assert.ok(!existsSync(join(dir, 'x')));
  const missing = await run(['db', 'import', 'nope.jsonl', '--store', 'news.db']);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /^spinscope: nope\.jsonl: no such file\n$/);
  const none = await run(['db', 'frobnicate']);
  assert.equal(none.code, 2);
});
