/**
 * `spinscope extract` and `spinscope ingest` end to end, against a loopback
 * server serving pages, a feed, an OPML list and a sitemap, and against local
 * WARC, JSONL and CSV files. Every text here was written for this test.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { runCli } from './run-cli.ts';
import { writeWarc, httpResponsePayload } from '../src/ingest/warc/index.ts';
import { openStore } from '../src/store/index.ts';

const STORY = [
  'Harbour workers in Velmora walked off the job on Tuesday after talks over night-shift pay collapsed, leaving three container ships waiting at anchor outside the port.',
  'The dockers union said its members had been offered a raise that did not cover the rise in rents since the new terminal opened, and that the strike would last until the port authority returned to the table.',
  'A spokeswoman for the port authority, Ilse Marhold, said the offer was fair and that the authority had already agreed to hire forty more crane operators to shorten shifts.',
  'Shipping agents said the delay would cost each vessel several thousand euros a day, and two lines were considering sending their ships to the smaller port of Dunmere instead.',
  'Local shop owners near the quay said trade had fallen since the dispute began in the spring, and several said they supported the workers regardless of the cost.',
];
const OTHER = [
  'The city council of Velmora voted on Wednesday to close the old tram depot and turn the site into a park with a covered market and a cycle workshop.',
  'Councillors from the opposition said the plan had been rushed through without a proper study of traffic on the ring road, which is already congested at peak hours.',
  'The mayor, Oskar Brenn, said the park would open in two years and that the market stalls would be offered first to traders who lost their places during the renovation of the main square.',
  'Residents of the streets around the depot welcomed the decision but asked for the noisy repair yard to be moved before any building work starts.',
];

function page(title: string, paragraphs: string[], extra = ''): string {
  return `<!doctype html><html lang="en"><head><title>${title} | Velmora Post</title>
<meta property="og:site_name" content="Velmora Post"><meta property="article:published_time" content="2026-03-03T08:00:00Z">${extra}</head>
<body><nav><a href="/">Home</a> <a href="/city">City</a></nav><article><h1>${title}</h1>
${paragraphs.map((p) => `<p>${p}</p>`).join('\n')}</article><footer>© Velmora Post</footer></body></html>`;
}

let dir: string;
let server: Server;
let base: string;
let hits: Record<string, number>;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'spinscope-ingest-'));
  hits = {};
  server = createServer((req, res) => {
    const path = req.url ?? '/';
    hits[path] = (hits[path] ?? 0) + 1;
    const send = (type: string, body: string) => {
      res.writeHead(200, { 'content-type': type });
      res.end(body);
    };
    if (path === '/robots.txt') send('text/plain', 'User-agent: *\nDisallow: /private/\n');
    else if (path === '/strike') send('text/html; charset=utf-8', page('Dockers strike over night-shift pay', STORY, `<link rel="canonical" href="${base}/strike?utm_source=feed">`));
    else if (path === '/wire/strike') send('text/html', page('Port strike leaves ships waiting', [...STORY.slice(0, 4), 'This story was first published by Velmora Wire.']));
    else if (path === '/depot') send('text/html', page('Tram depot to become a park', OTHER));
    else if (path === '/private/secret') send('text/html', page('Secret', OTHER));
    else if (path === '/feed.xml')
      send(
        'application/rss+xml',
        `<?xml version="1.0"?><rss version="2.0"><channel><title>Velmora Post</title><link>${base}/</link>
<item><title>Dockers strike over night-shift pay</title><link>${base}/strike</link><description>Harbour workers walked off the job…</description><pubDate>Tue, 03 Mar 2026 08:00:00 GMT</pubDate></item>
<item><title>Tram depot to become a park</title><link>${base}/depot</link><description>The council voted…</description></item>
</channel></rss>`,
      );
    else if (path === '/feeds.opml') send('text/x-opml', `<?xml version="1.0"?><opml version="2.0"><body><outline text="Local"><outline type="rss" text="Post" xmlUrl="${base}/feed.xml"/></outline></body></opml>`);
    else if (path === '/sitemap.xml')
      send('application/xml', `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>${base}/wire/strike</loc></url><url><loc>${base}/private/secret</loc></url></urlset>`);
    else {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});

after(async () => {
  server.close();
  await rm(dir, { recursive: true, force: true });
});

const lines = async (path: string) => (await readFile(path, 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);

test('extract prints the article and its metadata; a URL needs --allow-host for loopback', async () => {
  const refused = await runCli(['extract', `${base}/strike`], { cwd: dir });
  assert.equal(refused.code, 1);
  assert.match(refused.stderr, /^spinscope: .*refused: 127\.0\.0\.1 is a loopback address/);
  const r = await runCli(['extract', `${base}/strike`, '--allow-host', '127.0.0.1'], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  const json = JSON.parse(r.stdout) as Record<string, unknown>;
  assert.equal(json.title, 'Dockers strike over night-shift pay');
  assert.equal(json.siteName, 'Velmora Post');
  assert.equal(json.publishedAt, '2026-03-03T08:00:00.000Z');
  assert.match(String(json.text), /^Dockers strike over night-shift pay\n\nHarbour workers in Velmora/);
  assert.doesNotMatch(String(json.text), /Home|©/);
  for (const key of ['url', 'canonicalUrl', 'authors', 'modifiedAt', 'lang']) assert.ok(key in json, key);
});

test('extract --in DIR writes one line per page, gzip included, and lists bad files', async () => {
  const pages = join(dir, 'pages');
  await rm(pages, { recursive: true, force: true });
  await import('node:fs/promises').then((fs) => fs.mkdir(pages));
  await writeFile(join(pages, 'strike.html'), page('Dockers strike over night-shift pay', STORY));
  await writeFile(join(pages, 'depot.html.gz'), gzipSync(page('Tram depot to become a park', OTHER)));
  await writeFile(join(pages, 'empty.html'), '');
  await writeFile(join(pages, 'notes.txt'), 'not a page');
  const out = join(dir, 'pages.jsonl');
  const r = await runCli(['extract', '--in', pages, '--out', out, '--threads', '2'], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  const got = await lines(out);
  assert.deepEqual(got.map((l) => l.doc), ['depot', 'strike']);
  assert.match(String(got[0]!.text), /^Tram depot to become a park/);
  assert.match(r.stderr, /2 of 3 pages written/);
  assert.match(r.stderr, /skipped .*empty\.html/);
});

test('ingest reads an OPML list → feed → pages and a sitemap, obeys robots.txt, and clusters syndicated copy', async () => {
  const out = join(dir, 'web.jsonl');
  const r = await runCli(['ingest', `${base}/feeds.opml`, `${base}/sitemap.xml`, '--out', out, '--allow-host', '127.0.0.1'], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  const got = await lines(out);
  const titles = got.map((a) => a.title);
  assert.deepEqual(titles, ['Dockers strike over night-shift pay', 'Tram depot to become a park', 'Port strike leaves ships waiting']);
  // summary-only feed items were replaced by their pages
  assert.match(String(got[0]!.text), /Ilse Marhold/);
  assert.equal((got[0]!.source as { feed?: string }).feed, `${base}/feed.xml`);
  // tracking parameters gone from the canonical URL
  assert.equal(got[0]!.canonicalUrl, `${base}/strike`);
  // the wire copy joins the original's cluster; the other story has its own
  assert.equal(got[2]!.clusterId, got[0]!.clusterId);
  assert.notEqual(got[1]!.clusterId, got[0]!.clusterId);
  // robots.txt: the disallowed page was not fetched and is reported
  assert.equal(hits['/private/secret'], undefined);
  assert.match(r.stderr, /failed .*private\/secret.*robots\.txt/);
});

test('ingest reads WARC, JSONL and CSV files, skips exact copies, and reports bad records', async () => {
  const warc = join(dir, 'crawl.warc.gz');
  await writeFile(
    warc,
    writeWarc([
      { type: 'response', targetUri: 'https://post.example/strike', date: '2026-03-03T09:00:00Z', contentType: 'application/http; msgtype=response', payload: httpResponsePayload({ status: 200, headers: { 'content-type': 'text/html' }, body: page('Dockers strike over night-shift pay', STORY) }) },
      { type: 'response', targetUri: 'https://post.example/depot', date: '2026-03-04T09:00:00Z', contentType: 'application/http; msgtype=response', payload: httpResponsePayload({ status: 200, headers: { 'content-type': 'text/html' }, body: page('Tram depot to become a park', OTHER) }) },
    ]),
  );
  const jsonl = join(dir, 'export.jsonl');
  await writeFile(jsonl, [JSON.stringify({ id: 'x1', headline: 'Tram depot to become a park', body: OTHER.join('\n\n'), link: 'https://elsewhere.example/depot-vote' }), '{not json', JSON.stringify({ id: 'x2', headline: 'No body' })].join('\n') + '\n');
  const csv = join(dir, 'export.csv');
  await writeFile(csv, `headline;body;link\n"Strike, day two";"${STORY.slice(1).join(' ').replace(/"/g, '""')}";https://third.example/strike-2\n`);
  const out = join(dir, 'files.jsonl');
  const r = await runCli(['ingest', warc, jsonl, csv, '--out', out, '--mapping', 'title=headline,text=body,url=link'], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  const got = await lines(out);
  assert.deepEqual(got.map((a) => a.title), ['Dockers strike over night-shift pay', 'Tram depot to become a park', 'Strike, day two']);
  // the JSONL depot story is the WARC's text again (an exact copy at another URL) and is skipped
  assert.match(r.stderr, /1 exact copies skipped/);
  assert.match(r.stderr, /failed .*export\.jsonl line 2: not valid JSON/);
  assert.match(r.stderr, /failed .*export\.jsonl line 3: no text/);
});

test('ingest stores articles once and analyses them into the store', async () => {
  const db = join(dir, 'store.db');
  const pages = join(dir, 'pages');
  const first = await runCli(['ingest', pages, '--store', db, '--analyse'], { cwd: dir });
  assert.equal(first.code, 0, first.stderr);
  const again = await runCli(['ingest', pages, '--store', db], { cwd: dir });
  assert.equal(again.code, 0, again.stderr);
  const store = await openStore(db);
  try {
    const stats = await store.stats();
    // the two pages and the text file; the empty page failed
    assert.equal(stats.tables.articles, 3);
    const found = await store.search({ q: 'crane operators', limit: 5 });
    assert.equal(found.total, 1);
    const analysis = await store.latestAnalysis(found.items[0]!.id);
    assert.ok(analysis && (analysis.analysis.quotes?.length ?? 0) > 0);
  } finally {
    await store.close();
  }
});

test('ingest with nothing readable fails with one line', async () => {
  const r = await runCli(['ingest', join(dir, 'missing-folder'), '--out', join(dir, 'none.jsonl')], { cwd: dir });
  assert.equal(r.code, 1);
  assert.match(r.stderr, /spinscope: ingest: nothing could be read/);
});
