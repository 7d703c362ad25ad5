import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { mkdtemp, writeFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readInput } from './read-input.ts';

let dir: string;
let server: Server;
let base: string;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'spinscope-read-'));
  server = createServer((req, res) => {
    if (req.url === '/text') {
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('Plain text from the wire.');
    } else if (req.url === '/latin1') {
      res.writeHead(200, { 'content-type': 'text/plain; charset=iso-8859-1' });
      res.end(Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x2e]));
    } else if (req.url === '/page') {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(`<!doctype html><html lang="en"><head><title>Kremlin warns Europe</title></head><body>
        <nav><a href="/">Home</a> <a href="/world">World</a></nav>
        <article><h1>Kremlin warns Europe</h1>
        <p>MOSCOW (Spinwire) - The Kremlin said on Monday that European troops in Ukraine would face a response, in remarks that officials in Paris called reckless.</p>
        <p>"We have said it many times," spokesman Dmitry Peskov told reporters, adding that the warning applied to every country that sent soldiers.</p>
        <p>European diplomats said the comments were designed to frighten voters before the summit, and that plans would go ahead regardless.</p>
        </article><footer>© Spinwire</footer></body></html>`);
    } else if (req.url?.startsWith('/hop/')) {
      const n = Number(req.url.slice(5));
      res.writeHead(302, { location: n > 0 ? `/hop/${n - 1}` : '/text' });
      res.end();
    } else if (req.url === '/big') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('x'.repeat(5000));
    } else {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});

after(async () => {
  server.close();
  await rm(dir, { recursive: true, force: true });
});

test('a file keeps its exact text and gets its name as id', async () => {
  const path = join(dir, 'wire-story.txt');
  await writeFile(path, '\uFEFFHeadline\r\n\r\nBody 😀.');
  const input = await readInput(path);
  assert.equal(input.text, '\uFEFFHeadline\r\n\r\nBody 😀.');
  assert.equal(input.id, 'wire-story');
  assert.deepEqual(input.source, { kind: 'file', path });
});

test('a missing file, a folder and an oversized file give one clear message each', async () => {
  await assert.rejects(readInput(join(dir, 'nope.txt')), /nope\.txt: no such file$/);
  await assert.rejects(readInput(dir), /is a directory/);
  const path = join(dir, 'big.txt');
  await writeFile(path, 'a'.repeat(2000));
  await assert.rejects(readInput(path, { maxBytes: 1000 }), /larger than the 1000 bytes limit/);
});

test('an HTML file becomes headline and paragraphs', async () => {
  const path = join(dir, 'page.html');
  await writeFile(path, '<html><head><title>T</title></head><body><p>First para with enough words to count.</p><p>Second &amp; last.</p><script>var x = "<p>no</p>";</script></body></html>');
  const input = await readInput(path);
  assert.match(input.text, /First para with enough words to count\.\n\nSecond & last\./);
  assert.doesNotMatch(input.text, /var x/);
});

test('standard input is read through the same checks', async () => {
  async function* chunks() {
    yield new TextEncoder().encode('From ');
    yield new TextEncoder().encode('stdin.');
  }
  const input = await readInput('-', { stdin: chunks() });
  assert.equal(input.text, 'From stdin.');
  async function* nothing() {}
  await assert.rejects(readInput('-', { stdin: nothing() }), /standard input: input is empty/);
});

/** The test server is on loopback, which URL reads refuse unless allowed. */
const loopback = { allowHosts: ['127.0.0.1'] };

test('a URL is fetched, decoded by its charset, and redirects are followed a few times', async () => {
  assert.equal((await readInput(`${base}/text`, loopback)).text, 'Plain text from the wire.');
  assert.equal((await readInput(`${base}/latin1`, loopback)).text, 'café.');
  const hopped = await readInput(`${base}/hop/3`, loopback);
  assert.equal(hopped.text, 'Plain text from the wire.');
  assert.equal(hopped.source?.url, `${base}/text`);
  await assert.rejects(readInput(`${base}/hop/9`, loopback), /more than 5 redirects/);
});

test('a URL on a private or loopback address is refused unless allowed', async () => {
  await assert.rejects(readInput(`${base}/text`), new RegExp(`^InputError: ${base}/text: refused: 127\\.0\\.0\\.1 is a loopback address \\(allow it with --allow-host\\)$`));
});

test('an HTML page yields the article, not the navigation', async () => {
  const input = await readInput(`${base}/page`, loopback);
  assert.equal(input.title, 'Kremlin warns Europe');
  assert.match(input.text, /^Kremlin warns Europe\n\nMOSCOW \(Spinwire\)/);
  assert.match(input.text, /Peskov told reporters/);
  assert.doesNotMatch(input.text, /Home|World|© Spinwire/);
});

test('URL failures are one line each: status, size, unreachable host, other schemes', async () => {
  await assert.rejects(readInput(`${base}/missing`, loopback), /server answered 404/);
  await assert.rejects(readInput(`${base}/big`, { ...loopback, maxBytes: 100 }), /larger than the 100 bytes limit/);
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const port = (closed.address() as { port: number }).port;
  await new Promise((resolve) => closed.close(resolve));
  await assert.rejects(readInput(`http://127.0.0.1:${port}/`, loopback), /cannot fetch \(ECONNREFUSED\)$/);
  await assert.rejects(readInput('ftp://example.org/x'), /only http and https/);
});
