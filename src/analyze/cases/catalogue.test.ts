import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadEuvsDisinfo, readUserCases } from './catalogue.ts';

const DATA = fileURLToPath(new URL('../../../../shared/data/euvsdisinfo/', import.meta.url));

// Two scrapes in the data's layouts, with claims written for this test.
const KALKUN = [
  '"issue";"date";"outlet";"language";"origin";"reported by";"keywords";"source";"title";"summary";"disproof"',
  '"1";"03.10.2017";"Radio Example";"Russian";"Ukraine";"Team";"Bridges, Military";"http://example.org/1";"The bridge in Zemlin was blown up by its own guards";"The bridge in Zemlin was blown up by its own guards, to hide the theft of fuel.";"No evidence; the local police found a faulty gas pipe."',
  '"1";"03.10.2017";"TV Sample";"Russian";"Moldova";"Team";"Elections";"http://example.org/2";"Votes in Orlovo were bought with free flour";"Votes in Orlovo were bought with free flour.";"Observers reported no irregularities.\r\nhttp://example.org/report"',
  '"1";"02.10.2017";"Daily Nothing";"English";"EU";"Team";"Economy";"http://example.org/3";"The EU will ban bread";"The EU will ban bread from 2018.";"There is no such proposal."',
].join('\n');
const CKNABS = [
  'date,id,title,countries,keywords,languages,outlets',
  '2017-10-03,https://euvsdisinfo.eu/report/zemlin-bridge/,Guards destroyed the Zemlin bridge to hide fuel theft,Ukraine,Military+Bridges,Russian,Radio Example',
  '2017-10-03,https://euvsdisinfo.eu/report/orlovo-votes/,Votes in Orlovo were bought with free…,Moldova,Elections,Russian,TV Sample',
  '2019-05-01,https://euvsdisinfo.eu/report/later-case/,"Sea levels in Venice are falling, say ""experts""",Italy,Climate,Italian,Some site',
].join('\n');

let dir = '';
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'spinscope-cases-'));
  await mkdir(join(dir, 'kalkun-2015-2017'));
  await mkdir(join(dir, 'cknabs-2021-02-18'));
  await writeFile(join(dir, 'kalkun-2015-2017', 'full_dataset.csv'), KALKUN);
  await writeFile(join(dir, 'cknabs-2021-02-18', 'posts.csv'), CKNABS);
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

test('loadEuvsDisinfo joins the scrapes: the URL and title of one, the summary and disproof of the other', () => {
  const { cases, joined } = loadEuvsDisinfo(dir);
  assert.equal(joined, 2);
  assert.equal(cases.length, 4);
  const bridge = cases.find((c) => c.summary.startsWith('The bridge in Zemlin'))!;
  // joined by date, a shared keyword and the outlet
  assert.equal(bridge.id, 'https://euvsdisinfo.eu/report/zemlin-bridge/');
  assert.equal(bridge.url, bridge.id);
  assert.equal(bridge.title, 'Guards destroyed the Zemlin bridge to hide fuel theft');
  assert.equal(bridge.date, '2017-10-03');
  assert.match(bridge.disproof, /faulty gas pipe/);
  // joined by a title that is the summary cut short; CRLF in the disproof becomes LF
  const votes = cases.find((c) => c.summary.startsWith('Votes in Orlovo'))!;
  assert.equal(votes.url, 'https://euvsdisinfo.eu/report/orlovo-votes/');
  assert.equal(votes.disproof, 'Observers reported no irregularities.\nhttp://example.org/report');
  // no URL known: a stable id from date and title
  const bread = cases.find((c) => c.summary.startsWith('The EU will ban bread'))!;
  assert.equal(bread.id, 'euvsdisinfo:2017-10-02:the-eu-will-ban-bread');
  assert.equal(bread.url, undefined);
  // a case of the later scrape only: its title is its summary, no disproof
  const venice = cases.find((c) => c.url === 'https://euvsdisinfo.eu/report/later-case/')!;
  assert.equal(venice.summary, 'Sea levels in Venice are falling, say "experts"');
  assert.equal(venice.disproof, '');
  assert.deepEqual(venice.keywords, ['Climate']);
});

test('loadEuvsDisinfo on a folder without the scrapes gives an empty catalogue', async () => {
  const empty = await mkdtemp(join(tmpdir(), 'spinscope-nocases-'));
  assert.deepEqual(loadEuvsDisinfo(empty), { cases: [], joined: 0 });
  await rm(empty, { recursive: true, force: true });
});

test('readUserCases reads JSONL and CSV, with claim or summary, and names the line of a bad case', () => {
  const jsonl = readUserCases('mine.jsonl', '{"id": 7, "claim": "The dam was sabotaged by divers", "disproof": "Engineers found erosion.", "url": "https://example.org/7"}\n\n{"id": "b", "summary": "Windmills cause drought", "keywords": "energy; climate"}\n');
  assert.deepEqual(jsonl, [
    { id: '7', summary: 'The dam was sabotaged by divers', disproof: 'Engineers found erosion.', url: 'https://example.org/7', source: 'mine.jsonl' },
    { id: 'b', summary: 'Windmills cause drought', disproof: '', keywords: ['energy', 'climate'], source: 'mine.jsonl' },
  ]);
  const csv = readUserCases('dir/mine.csv', 'id,claim,disproof,date\nc1,"Vaccines contain trackers, officials admit",No trackers exist.,2021-03-01\n');
  assert.deepEqual(csv, [{ id: 'c1', summary: 'Vaccines contain trackers, officials admit', disproof: 'No trackers exist.', date: '2021-03-01', source: 'mine.csv' }]);
  assert.throws(() => readUserCases('bad.jsonl', '{"id": "x", "claim": "fine"}\n{"id": "y", "disproof": "no claim"}\n'), /bad\.jsonl:2: .*claim, summary or title/);
  assert.throws(() => readUserCases('bad.jsonl', '{"id": "x",\n'), /bad\.jsonl:1: not JSON/);
  assert.throws(() => readUserCases('bad.csv', 'claim,disproof\nsomething,else\n'), /bad\.csv:2: id/);
});

test('the EUvsDisinfo data: both scrapes load and join', { skip: !existsSync(DATA) && 'shared data not available' }, () => {
  const started = performance.now();
  const { cases, joined } = loadEuvsDisinfo(DATA);
  const ms = performance.now() - started;
  assert.ok(cases.length > 11000 && cases.length < 14000, `${cases.length} cases`);
  assert.ok(joined > 2000, `${joined} joined`);
  assert.equal(new Set(cases.map((c) => c.id)).size, cases.length, 'ids are unique');
  assert.ok(cases.every((c) => c.summary.trim() !== ''));
  assert.ok(ms < 5000, `loading took ${ms} ms`);
});
