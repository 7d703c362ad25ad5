import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { InputError } from '../decode-text.ts';
import { readJsonlArticles, type ArticleItem } from './jsonl.ts';
import { parseColumnMapping, type ColumnMapping } from './mapping.ts';

const NOW = Date.UTC(2025, 5, 15);

const NEWS_PLEASE = {
  authors: ['Mara Lindqvist', 'Tomas Reyes'],
  date_download: '2025-06-03 10:02:11',
  date_modify: null,
  date_publish: '2025-06-03 09:15:00',
  description: 'The harbour council backed a winter ferry timetable.',
  filename: 'gazette.example-ferry.json',
  image_url: 'https://gazette.example/img/ferry.jpg',
  language: 'en',
  localpath: null,
  maintext: 'The harbour council voted 7-2 on Monday to keep the late ferry running through winter.\nCouncillor Ines Okafor said the vote "keeps the island connected".',
  source_domain: 'gazette.example',
  title: 'Council keeps late ferry',
  title_page: null,
  title_rss: null,
  url: 'https://gazette.example/news/ferry?utm_source=rss',
};

const MEDIA_CLOUD = {
  stories_id: 2918273645,
  media_id: 4412,
  media_name: 'Harbour Courier',
  media_url: 'https://courier.example',
  publish_date: '2025-06-02 18:40:11.123456',
  title: 'Ferry vote set for Monday',
  url: 'https://courier.example/2025/06/02/ferry-vote',
  language: 'en',
  text: 'Councillors will decide on Monday whether the late ferry survives.\n\nThe operator says winter crossings lose money.',
};

function bytes(lines: string[], eol = '\n'): Uint8Array {
  return Buffer.from(lines.join(eol));
}

async function collect(source: Parameters<typeof readJsonlArticles>[0], mapping?: ColumnMapping): Promise<ArticleItem[]> {
  const out: ArticleItem[] = [];
  for await (const item of readJsonlArticles(source, mapping, { origin: 'export.jsonl', now: NOW })) out.push(item);
  return out;
}

test('news-please records: every field mapped and cleaned', async () => {
  const [item] = await collect([bytes([JSON.stringify(NEWS_PLEASE)])]);
  assert.ok(item && 'article' in item);
  assert.equal(item.line, 1);
  assert.deepEqual(item.article, {
    authors: ['Mara Lindqvist', 'Tomas Reyes'],
    text: 'Council keeps late ferry\n\nThe harbour council voted 7-2 on Monday to keep the late ferry running through winter.\n\nCouncillor Ines Okafor said the vote "keeps the island connected".',
    url: 'https://gazette.example/news/ferry?utm_source=rss',
    title: 'Council keeps late ferry',
    publishedAt: '2025-06-03T09:15:00.000Z',
    siteName: 'gazette.example',
    lang: 'en',
    description: 'The harbour council backed a winter ferry timetable.',
    image: 'https://gazette.example/img/ferry.jpg',
    fetchedAt: '2025-06-03T10:02:11.000Z',
    source: { kind: 'jsonl', location: 'export.jsonl:1' },
  });
});

test('Media Cloud records: numeric story id, outlet name, fractional-second dates', async () => {
  const [item] = await collect([bytes([JSON.stringify(MEDIA_CLOUD)])]);
  assert.ok(item && 'article' in item);
  const a = item.article;
  assert.equal(a.id, '2918273645');
  assert.equal(a.siteName, 'Harbour Courier');
  assert.equal(a.publishedAt, '2025-06-02T18:40:11.123Z');
  assert.equal(a.text, 'Ferry vote set for Monday\n\nCouncillors will decide on Monday whether the late ferry survives.\n\nThe operator says winter crossings lose money.');
  assert.deepEqual(a.authors, []);
});

test('a user mapping overrides the defaults, dot paths reach nested values', async () => {
  const record = { hed: 'Night ferry saved', copy: 'The vote was close.', when: '2025-06-04T08:00:00+02:00', text: 'not this one', source: { id: null, name: 'Island Radio' }, byline: 'By Ines Okafor and Sam Petrov' };
  const [item] = await collect([bytes([JSON.stringify(record)])], parseColumnMapping('text=copy, title=hed, date=when, source=source.name'));
  assert.ok(item && 'article' in item);
  assert.equal(item.article.text, 'Night ferry saved\n\nThe vote was close.');
  assert.equal(item.article.publishedAt, '2025-06-04T06:00:00.000Z');
  assert.equal(item.article.siteName, 'Island Radio');
  assert.deepEqual(item.article.authors, ['Ines Okafor', 'Sam Petrov']);
});

test('bad lines are reported by number and skipped; blank lines, BOM and CRLF are fine', async () => {
  const lines = [
    `\uFEFF${JSON.stringify({ title: 'One', text: 'First story.' })}`,
    '',
    '{"title": "Broken", "text": "unterminated',
    '   ',
    JSON.stringify({ title: 'No text here', content: '   ' }),
    '[1, 2]',
    JSON.stringify({ text: 'Second story.', date: 'sometime last week', lang: 'not a language tag!' }),
    '"just a string"',
  ];
  const items = await collect([bytes(lines, '\r\n')]);
  assert.deepEqual(
    // the JSON parser's own wording is the engine's business
    items.map((i) => ('article' in i ? `${i.line}: ${i.article.text}` : `${i.line}! ${i.error.replace(/not valid JSON \(.*\)$/, 'not valid JSON (…)')}`)),
    [
      '1: One\n\nFirst story.',
      '3! export.jsonl line 3: not valid JSON (…)',
      '5! export.jsonl line 5: no text (looked for text, content, body, maintext, article_text, full_text, story_text)',
      '6! export.jsonl line 6: expected a JSON object, found an array',
      '7: Second story.',
      '8! export.jsonl line 8: expected a JSON object, found a string',
    ],
  );
  const second = items[4]!;
  assert.ok('article' in second);
  // an unreadable date or language is dropped without an error
  assert.equal(second.article.publishedAt, undefined);
  assert.equal(second.article.lang, undefined);
});

test('a line of invalid UTF-8 is reported, the lines around it are read', async () => {
  const input = Buffer.concat([
    Buffer.from(`${JSON.stringify({ text: 'Before.' })}\n{"text": "caf`),
    Buffer.from([0xe9]),
    Buffer.from(`"}\n${JSON.stringify({ text: 'After, café.' })}\n`),
  ]);
  const items = await collect([input]);
  assert.deepEqual(items.map((i) => ('article' in i ? i.article.text : i.error)), ['Before.', 'export.jsonl line 2: not valid UTF-8; convert the file to UTF-8', 'After, café.']);
});

test('chunk boundaries anywhere (even inside a character) change nothing; gzip is read too', async () => {
  const text = [JSON.stringify(NEWS_PLEASE), JSON.stringify({ text: 'Ärger über die Fähre — «Nachtfähre» bleibt.' }), JSON.stringify(MEDIA_CLOUD)].join('\n');
  const whole = await collect([Buffer.from(text)]);
  const data = Buffer.from(text);
  const ones = await collect(Array.from({ length: data.length }, (_, i) => data.subarray(i, i + 1)));
  assert.deepEqual(ones, whole);
  assert.deepEqual(await collect([gzipSync(data)]), whole);
  assert.equal(whole.length, 3);
});

test('a JSON array or pretty-printed JSON is refused with the way to convert it', async () => {
  await assert.rejects(collect([Buffer.from('[\n  {"text": "a"}\n]')]), (e: unknown) => e instanceof InputError && /export\.jsonl: a JSON array, not JSON Lines.*jq -c '\.\[\]'/.test(e.message));
  await assert.rejects(collect([Buffer.from('{\n  "text": "a"\n}')]), (e: unknown) => e instanceof InputError && /pretty-printed JSON/.test(e.message));
});

test('reads a file by path and names it in locations and errors', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'jsonl-'));
  try {
    const path = join(dir, 'stories.jsonl');
    writeFileSync(path, `${JSON.stringify({ text: 'A story.' })}\nnot json\n`);
    const items: ArticleItem[] = [];
    for await (const item of readJsonlArticles(path)) items.push(item);
    assert.ok('article' in items[0]!);
    assert.deepEqual(items[0].article.source, { kind: 'jsonl', location: `${path}:1` });
    assert.ok('error' in items[1]!);
    assert.match(items[1].error, new RegExp(`^${path.replace(/[.\\/]/g, '\\$&')} line 2: not valid JSON`));
    await assert.rejects(async () => {
      for await (const _ of readJsonlArticles(join(dir, 'nope.jsonl'))) void _;
    }, /nope\.jsonl: no such file/);
  } finally {
    rmSync(dir, { recursive: true });
  }
});

test('a line over the length limit is reported and skipped without being buffered', async () => {
  const long = JSON.stringify({ text: 'x'.repeat(500) });
  const data = Buffer.from(`${long}\n${JSON.stringify({ text: 'Short one.' })}\n`);
  const items: ArticleItem[] = [];
  const chunks = Array.from({ length: Math.ceil(data.length / 64) }, (_, i) => data.subarray(i * 64, i * 64 + 64));
  for await (const item of readJsonlArticles(chunks, {}, { origin: 'big.jsonl', maxLineBytes: 100 })) items.push(item);
  assert.deepEqual(items.map((i) => ('article' in i ? i.article.text : i.error)), ['big.jsonl line 1: longer than the 100 bytes line limit; skipped', 'Short one.']);
});
