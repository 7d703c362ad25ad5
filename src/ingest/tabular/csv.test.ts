import assert from 'node:assert/strict';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { InputError } from '../decode-text.ts';
import { readCsvArticles, type CsvArticleOptions } from './csv-articles.ts';
import { readCsvRows, sniffDelimiter, type CsvRow } from './csv.ts';
import type { ArticleItem } from './jsonl.ts';
import { readLines } from './lines.ts';
import { parseColumnMapping, type ColumnMapping } from './mapping.ts';

const NOW = Date.UTC(2025, 5, 15);

async function* once(data: Uint8Array): AsyncGenerator<Uint8Array> {
  yield data;
}

async function rows(text: string, options: { delimiter?: string; maxRowBytes?: number } = {}): Promise<CsvRow[]> {
  const out: CsvRow[] = [];
  for await (const row of readCsvRows(readLines(once(Buffer.from(text)), 't.csv'), 't.csv', options)) out.push(row);
  return out;
}

async function articles(data: string | Uint8Array | Uint8Array[], mapping?: ColumnMapping, options: CsvArticleOptions = {}): Promise<ArticleItem[]> {
  const chunks = Array.isArray(data) ? data : [typeof data === 'string' ? Buffer.from(data) : data];
  const out: ArticleItem[] = [];
  for await (const item of readCsvArticles(chunks, mapping, { origin: 'export.csv', now: NOW, ...options })) out.push(item);
  return out;
}

const summary = (items: ArticleItem[]) => items.map((i) => ('article' in i ? `${i.line}: ${i.article.title ?? ''} | ${i.article.text}` : `${i.line}! ${i.error}`));

test('RFC 4180: quoted delimiters, doubled quotes, line breaks inside quotes, CRLF', async () => {
  const got = await rows('a,b,c\r\n1,"two, with comma","say ""hi"""\r\n"multi\r\nline",,"x"\r\n\r\nlast,row,\r\n');
  assert.deepEqual(got, [
    { line: 1, fields: ['a', 'b', 'c'] },
    { line: 2, fields: ['1', 'two, with comma', 'say "hi"'] },
    { line: 3, fields: ['multi\nline', '', 'x'] },
    { line: 6, fields: ['last', 'row', ''] },
  ]);
});

test('sloppy quoting is read the way spreadsheets mean it', async () => {
  assert.deepEqual(await rows('a,b\n5" screen,"quoted" tail\n'), [
    { line: 1, fields: ['a', 'b'] },
    { line: 2, fields: ['5" screen', 'quoted tail'] },
  ]);
});

test('the delimiter is sniffed among comma, semicolon and tab, outside quotes', () => {
  assert.equal(sniffDelimiter('title;text;"date, published"'), ';');
  assert.equal(sniffDelimiter('title\ttext\tdate'), '\t');
  assert.equal(sniffDelimiter('"a;b;c",text,date'), ',');
  assert.equal(sniffDelimiter('text'), ',');
});

test('an unclosed quote at the end of the file is reported at the row it opened on; the lines it swallowed are read again', async () => {
  const got = await rows('a,b\n1,ok\n2,"never closed\n3,fine\n4,also fine\n');
  assert.deepEqual(got, [
    { line: 1, fields: ['a', 'b'] },
    { line: 2, fields: ['1', 'ok'] },
    { line: 3, error: 't.csv line 3: the file ends inside a quoted field; a quote opened in this row is never closed, so the row is skipped' },
    { line: 4, fields: ['3', 'fine'] },
    { line: 5, fields: ['4', 'also fine'] },
  ]);
});

test('a quoted field running past the row limit is cut off without holding the rest of the file', async () => {
  const filler = Array.from({ length: 50 }, (_, i) => `${i},line of filler text`).join('\n');
  const got = await rows(`a,b\n1,"open\n${filler}\n`, { maxRowBytes: 200 });
  const errors = got.filter((r) => 'error' in r);
  assert.equal(errors.length, 1);
  assert.match((errors[0] as { error: string }).error, /^t\.csv line 2: a quoted field runs past the 200 bytes row limit/);
  // every filler line comes back as a row of its own
  assert.equal(got.filter((r) => 'fields' in r).length, 51);
});

const MEDIA_CLOUD_CSV = [
  'stories_id,publish_date,title,url,language,media_id,media_name,media_url,text',
  '2918273645,2025-06-02 18:40:11.123456,"Ferry vote set for Monday",https://courier.example/2025/06/02/ferry-vote,en,4412,Harbour Courier,https://courier.example,"Councillors will decide on Monday whether the late ferry survives.',
  '',
  'The operator says winter crossings lose money, and ""every empty seat"" costs the town."',
  '2918273646,2025-06-03 07:05:00,"Ticket prices, explained",https://courier.example/2025/06/03/tickets,en,4412,Harbour Courier,https://courier.example,"A return ticket costs 14 crowns; islanders pay half."',
].join('\r\n');

test('Media Cloud-style export: columns recognised, a story text spanning lines', async () => {
  const got = await articles(MEDIA_CLOUD_CSV);
  assert.deepEqual(summary(got), [
    '2: Ferry vote set for Monday | Ferry vote set for Monday\n\nCouncillors will decide on Monday whether the late ferry survives.\n\nThe operator says winter crossings lose money, and "every empty seat" costs the town.',
    '5: Ticket prices, explained | Ticket prices, explained\n\nA return ticket costs 14 crowns; islanders pay half.',
  ]);
  const first = got[0]!;
  assert.ok('article' in first);
  assert.equal(first.article.id, '2918273645');
  assert.equal(first.article.siteName, 'Harbour Courier');
  assert.equal(first.article.publishedAt, '2025-06-02T18:40:11.123Z');
  assert.equal(first.article.url, 'https://courier.example/2025/06/02/ferry-vote');
  assert.deepEqual(first.article.source, { kind: 'csv', location: 'export.csv:2' });
});

test('news-please-style columns in a semicolon CSV with a BOM', async () => {
  const csv = [
    '\uFEFFtitle;maintext;date_publish;authors;source_domain;language',
    'Nachtfähre bleibt;"Der Hafenrat stimmte am Montag ab; die Fähre fährt weiter.";2025-06-03 09:15:00;Mara Lindqvist, Tomas Reyes;gazette.example;de',
  ].join('\n');
  const [item] = await articles(csv);
  assert.ok(item && 'article' in item);
  assert.equal(item.article.text, 'Nachtfähre bleibt\n\nDer Hafenrat stimmte am Montag ab; die Fähre fährt weiter.');
  assert.deepEqual(item.article.authors, ['Mara Lindqvist', 'Tomas Reyes']);
  assert.equal(item.article.siteName, 'gazette.example');
  assert.equal(item.article.lang, 'de');
  assert.equal(item.article.publishedAt, '2025-06-03T09:15:00.000Z');
});

test('tab-separated UTF-16 (spreadsheet "Unicode text") and gzip', async () => {
  const tsv = 'headline\tbody\nFerry saved\tThe vote was 7-2.\n';
  const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(tsv, 'utf16le')]);
  for (const data of [utf16, gzipSync(tsv)]) {
    assert.deepEqual(summary(await articles(data)), ['2: Ferry saved | Ferry saved\n\nThe vote was 7-2.']);
  }
});

test('a user mapping and an explicit delimiter', async () => {
  const csv = 'hed|copy|when|who\nNight ferry saved|"The vote was close | but clear."|2025-06-04|Smith, Anna\n';
  const [item] = await articles(csv, parseColumnMapping('title=hed,text=copy,publishedAt=when,author=who'), { delimiter: '|' });
  assert.ok(item && 'article' in item);
  assert.equal(item.article.text, 'Night ferry saved\n\nThe vote was close | but clear.');
  assert.equal(item.article.publishedAt, '2025-06-04T00:00:00.000Z');
  assert.deepEqual(item.article.authors, ['Smith, Anna']);
});

test('bad rows are reported by line and skipped', async () => {
  const csv = ['title,text', 'Good one,Some text.', 'No text,', 'Too many,text,extra,fields', 'Trailing empties,Fine text.,,', 'Last,"unclosed'].join('\n');
  assert.deepEqual(summary(await articles(csv)), [
    '2: Good one | Good one\n\nSome text.',
    '3! export.csv line 3: no text (looked for text, content, body, maintext, article_text, full_text, story_text)',
    '4! export.csv line 4: 4 fields where the header has 2 (a stray delimiter or unquoted field?)',
    '5: Trailing empties | Trailing empties\n\nFine text.',
    '6! export.csv line 6: the file ends inside a quoted field; a quote opened in this row is never closed, so the row is skipped',
  ]);
});

test('chunk boundaries anywhere change nothing', async () => {
  const data = Buffer.from(MEDIA_CLOUD_CSV);
  const whole = await articles(data);
  assert.deepEqual(await articles(Array.from({ length: data.length }, (_, i) => data.subarray(i, i + 1))), whole);
});

test('a missing text column or a mapped column that is not there is refused before any row', async () => {
  await assert.rejects(articles('title,summary\nA,B\n'), (e: unknown) => e instanceof InputError && /export\.csv: no text column \(looked for text, content/.test(e.message));
  await assert.rejects(articles('title,text\nA,B\n', { text: 'body' }), (e: unknown) => e instanceof InputError && e.message === "export.csv: no column 'body' (mapped to text); the columns are title, text");
  await assert.rejects(articles(''), /export\.csv: no header row/);
});

test('parseColumnMapping: fields, aliases and mistakes', () => {
  assert.deepEqual(parseColumnMapping('text=body,title=headline,publishedAt=date'), { text: 'body', title: 'headline', publishedAt: 'date' });
  assert.deepEqual(parseColumnMapping(' date = pub_time , author=byline, source=outlet.name, LANG=language '), { publishedAt: 'pub_time', authors: 'byline', siteName: 'outlet.name', lang: 'language' });
  assert.throws(() => parseColumnMapping('text=body,sentiment=score'), (e: unknown) => e instanceof InputError && /unknown field 'sentiment'; fields are text, title, url/.test(e.message));
  assert.throws(() => parseColumnMapping('text'), /'text' is not field=column/);
  assert.throws(() => parseColumnMapping('text=a,text=b'), /field 'text' is given twice/);
});
