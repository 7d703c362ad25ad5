/**
 * The `spinscope` command as users run it: the built bin in a child process,
 * real files, real exit codes, real stdout and stderr.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { spawn } from 'node:child_process';
import { bin, runCli, type Run } from './run-cli.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const schema = JSON.parse(readFileSync(join(root, 'docs/schema/analysis-v1.schema.json'), 'utf8'));
const schemaCheck = new Ajv2020({ strict: true }).compile(schema);
/** Not a type guard, so that parsed JSON stays loosely typed in these tests. */
const validate = Object.assign((value: unknown): boolean => schemaCheck(value), { get errors() { return schemaCheck.errors; } });

let dir: string;
let server: Server;
let port: number;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'spinscope-cli-'));
  server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('Officials said on Monday that the talks would resume next week in Geneva.');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as { port: number }).port;
});

after(() => {
  server.close();
  rmSync(dir, { recursive: true, force: true });
});

function spinscope(args: string[], input?: string | Buffer): Promise<Run> {
  return runCli(args, { cwd: dir, ...(input !== undefined && { input }), env: { ...process.env, NO_COLOR: '1' } });
}

function file(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

/** A failure is exactly one line on stderr, starting with the program name, with no stack trace. */
function assertOneLineError(r: Run, pattern: RegExp, code = 1) {
  assert.equal(r.code, code, `exit code; stderr: ${r.stderr}`);
  const lines = r.stderr.trimEnd().split('\n');
  assert.equal(lines.length, 1, `one line, got: ${r.stderr}`);
  assert.match(lines[0]!, /^spinscope: /);
  assert.match(lines[0]!, pattern);
  assert.doesNotMatch(r.stderr, /\n\s+at /);
  assert.equal(r.stdout, '');
}

const cp = (text: string, s: { start: number; end: number }) => Array.from(text).slice(s.start, s.end).join('');

test('analyze prints schema-valid JSON with code-point offsets (BOM, CRLF, emoji)', async () => {
  const text = '\uFEFFKremlin 🔥 warns Europe\r\n\r\nPeskov said the plan was "dangerous 😀." NATO disagreed.\r\n';
  const r = await spinscope(['analyze', file('bom.txt', text), '--layers', 'sentences,tokens']);
  assert.equal(r.code, 0, r.stderr);
  const json = JSON.parse(r.stdout);
  assert.ok(validate(json), JSON.stringify(validate.errors));
  assert.equal(json.doc, 'bom');
  assert.equal(json.text, text);
  assert.deepEqual(Object.keys(json.layers), ['sentences', 'tokens']);
  assert.deepEqual(json.layers.sentences.spans.map((s: { start: number; end: number }) => cp(text, s)), [
    'Kremlin 🔥 warns Europe',
    'Peskov said the plan was "dangerous 😀."',
    'NATO disagreed.',
  ]);
  assert.equal(json.layers.sentences.spans[0].start, 1);
});

test('analyze reads standard input and fetches URLs', async () => {
  const fromStdin = await spinscope(['analyze', '-'], 'The minister said the talks had failed. Nobody was surprised.');
  assert.equal(fromStdin.code, 0, fromStdin.stderr);
  assert.equal(JSON.parse(fromStdin.stdout).layers.sentences.spans.length, 2);
  const fromUrl = await spinscope(['analyze', `http://127.0.0.1:${port}/story`, '--allow-host', '127.0.0.1']);
  assert.equal(fromUrl.code, 0, fromUrl.stderr);
  const json = JSON.parse(fromUrl.stdout);
  assert.equal(json.source.kind, 'url');
  assert.equal(json.language.code, 'en');
});

test('analyze --format text and html render the report; html escapes the article', async () => {
  const path = file('xss.txt', 'Officials warned <script>alert(1)</script> that the "plan" would fail.\n\nThey left.');
  const text = await spinscope(['analyze', path, '--format', 'text']);
  assert.equal(text.code, 0, text.stderr);
  assert.match(text.stdout, /Language: en/);
  assert.doesNotMatch(text.stdout, /\x1b\[/);
  const html = await spinscope(['analyze', path, '--format', 'html']);
  assert.equal(html.code, 0, html.stderr);
  assert.match(html.stdout, /^<!doctype html>/i);
  assert.match(html.stdout, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
  assert.doesNotMatch(html.stdout, /<script>alert/);
});

test('analyze --out writes the file whole and leaves no temporary file', async () => {
  const out = join(dir, 'report.json');
  const r = await spinscope(['analyze', file('a.txt', 'The talks failed on Monday, officials said.'), '--out', out]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, '');
  assert.equal(JSON.parse(readFileSync(out, 'utf8')).language.code, 'en');
  assert.deepEqual(readdirSync(dir).filter((n) => n.endsWith('.tmp')), []);
});

test('non-English text is analysed and layers say what they support', async () => {
  const r = await spinscope(['analyze', join(root, 'examples/ru-peskov-briefing.txt')]);
  assert.equal(r.code, 0, r.stderr);
  const json = JSON.parse(r.stdout);
  assert.equal(json.language.code, 'ru');
  assert.ok(json.layers.sentences.spans.length > 5);
});

test('bad input: one clear line, non-zero exit, no stack trace', async () => {
  assertOneLineError(await spinscope(['analyze', file('empty.txt', '')]), /empty\.txt: input is empty/);
  assertOneLineError(await spinscope(['analyze', file('blank.txt', '  \n\n ')]), /no text/);
  assertOneLineError(await spinscope(['analyze', file('bin.dat', Buffer.from([0x00, 0x01, 0x02, 0xff, 0xfe, 0x00]))]), /binary/);
  assertOneLineError(await spinscope(['analyze', file('doc.pdf', Buffer.from('%PDF-1.7\n'))]), /PDF/);
  assertOneLineError(await spinscope(['analyze', file('latin1.txt', Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x20, 0x6e, 0x6f]))]), /invalid UTF-8 at byte 3/);
  assertOneLineError(await spinscope(['analyze', file('big.txt', 'word '.repeat(100)), '--max-bytes', '100']), /larger than the 100 bytes limit/);
  assertOneLineError(await spinscope(['analyze', join(dir, 'missing.txt')]), /missing\.txt: no such file/);
  assertOneLineError(await spinscope(['analyze', 'http://127.0.0.1:1/', '--allow-host', '127.0.0.1']), /cannot fetch/);
  assertOneLineError(await spinscope(['analyze', 'http://127.0.0.1:1/']), /refused: 127\.0\.0\.1 is a loopback address \(allow it with --allow-host\)/);
  assertOneLineError(await spinscope(['analyze', 'http://127.0.0.1:1/', '--allow-host', 'not a host']), /--allow-host: 'not a host' is not a host name/, 2);
  assertOneLineError(await spinscope(['analyze', '-'], ''), /standard input: input is empty/);
  assertOneLineError(await spinscope(['analyze', file('ok.txt', 'Fine text here.'), '--layers', 'sentences,bogus']), /unknown layer 'bogus'/);
  assertOneLineError(await spinscope(['analyze', file('ok2.txt', 'Fine text here.'), '--format', 'pdf']), /--format must be json, text or html/, 2);
  assertOneLineError(await spinscope(['analyze']), /exactly one input/, 2);
  assertOneLineError(await spinscope(['analyze', 'a.txt', '--nope']), /Unknown option '--nope'/, 2);
  assertOneLineError(await spinscope(['frobnicate']), /unknown command 'frobnicate'/, 2);
  assertOneLineError(await spinscope(['analyze', 'x.txt', '--max-bytes', 'lots']), /--max-bytes must be a size/, 2);
});

test('batch writes one line per document in file order and lists bad files at the end', async () => {
  const input = join(dir, 'batch-in');
  mkdirSync(input);
  writeFileSync(join(input, 'b-second.txt'), 'Second story. It has two sentences.');
  writeFileSync(join(input, 'a-first.txt'), 'First story: the minister resigned on Friday.');
  writeFileSync(join(input, 'c-broken.txt'), Buffer.from([0x61, 0xff, 0x62]));
  writeFileSync(join(input, 'd-empty.txt'), '');
  writeFileSync(join(input, 'e-page.html'), '<html><head><title>Page title</title></head><body><p>Officials said the vote would be held in March.</p></body></html>');
  writeFileSync(join(input, 'notes.md'), 'ignored');
  const out = join(dir, 'out.jsonl');
  const r = await spinscope(['batch', '--in', input, '--out', out, '--threads', '2']);
  assert.equal(r.code, 0, r.stderr);
  const lines = readFileSync(out, 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l));
  assert.deepEqual(lines.map((l) => l.doc), ['a-first', 'b-second', 'e-page']);
  for (const l of lines) assert.ok(validate(l), JSON.stringify(validate.errors));
  assert.equal(lines[1].layers.sentences.spans.length, 2);
  assert.equal(lines[2].title, 'Page title');
  assert.match(r.stderr, /5\/5 \(100%\).*2 failed/);
  assert.match(r.stderr, /3 of 5 documents analysed .*; 2 skipped:\n {2}.*c-broken\.txt: invalid UTF-8 at byte 1.*\n {2}.*d-empty\.txt: input is empty/s);
  assert.doesNotMatch(r.stderr, /\n\s+at /);
});

test('batch exits non-zero and writes nothing when every file fails', async () => {
  const input = join(dir, 'all-bad');
  mkdirSync(input);
  writeFileSync(join(input, 'x.txt'), '');
  writeFileSync(join(input, 'y.txt'), Buffer.from([0xff]));
  const out = join(dir, 'none.jsonl');
  const r = await spinscope(['batch', '--in', input, '--out', out]);
  assert.equal(r.code, 1);
  assert.equal(existsSync(out), false);
  assert.match(r.stderr, /0 of 2 documents analysed/);
  assertOneLineError(await spinscope(['batch', '--in', join(dir, 'nowhere'), '--out', out]), /nowhere: no such folder/);
  assertOneLineError(await spinscope(['batch', '--in', input]), /needs --out/, 2);
});

test('start --once analyses the bundled examples and prints their reports', async () => {
  const r = await spinscope(['start', '--once']);
  assert.equal(r.code, 0, r.stderr);
  const examples = readdirSync(join(root, 'examples')).filter((n) => n.endsWith('.txt'));
  assert.ok(examples.length >= 5);
  assert.equal((r.stdout.match(/^spinscope report: /gm) ?? []).length, examples.length);
  assert.match(r.stdout, /Language: ru/);
  assert.match(r.stderr, new RegExp(`analysed ${examples.length} example articles`));
});

test('start fills an empty store with the examples, prints a first admin token, serves, and stops cleanly on SIGTERM', async () => {
  const examples = join(dir, 'start-examples');
  mkdirSync(examples, { recursive: true });
  writeFileSync(join(examples, 'one.txt'), 'Talks resume\n\nThe so-called experts lied again, officials said on Monday.\n');
  const child = spawn(process.execPath, [bin, 'start', '--port', '0', '--store', join(dir, 'start.db'), '--examples', examples], { cwd: dir, env: { ...process.env, NO_COLOR: '1' } });
  let stderr = '';
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  const url = await new Promise<string>((resolve, reject) => {
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
      const m = /serving (http:\/\/127\.0\.0\.1:\d+)/.exec(stderr);
      if (m) resolve(m[1]!);
    });
    child.on('close', () => reject(new Error(`start exited early: ${stderr}`)));
  });
  const token = /\n {4}(spn_[A-Za-z0-9_-]{43})\n/.exec(stderr)?.[1];
  assert.ok(token, stderr);
  assert.match(stderr, /analysing the 1 example articles/);
  const health = await fetch(`${url}/api/health`);
  assert.deepEqual(await health.json(), { ok: true, version: JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version, store: 'sqlite' });
  const stats = (await (await fetch(`${url}/api/stats`, { headers: { authorization: `Bearer ${token}` } })).json()) as { tables: Record<string, number> };
  assert.equal(stats.tables.articles, 1);
  assert.equal((await fetch(`${url}/api/stats`)).status, 401, 'the API needs a token');
  child.kill('SIGTERM');
  assert.equal(await exited, 0, stderr);
  assert.match(stderr, /stopping/);
});

test('--help and --version', async () => {
  const help = await spinscope(['--help']);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /analyze +analyse one file, URL or standard input/);
  assert.match((await spinscope(['analyze', '--help'])).stdout, /--format json\|text\|html/);
  assert.equal((await spinscope(['--version'])).stdout.trim(), JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version);
});
