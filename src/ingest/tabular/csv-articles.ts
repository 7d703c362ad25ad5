/**
 * Articles from a CSV (or semicolon- or tab-separated) export: the header row
 * names the columns, each later row is one article. Rows that cannot be read
 * or have no text are reported with their line number and skipped.
 */
import { InputError } from '../decode-text.ts';
import { readCsvRows, type CsvOptions } from './csv.ts';
import { type ArticleItem, originOf, type TabularOptions } from './jsonl.ts';
import { readLines } from './lines.ts';
import { DEFAULT_COLUMNS, MAPPABLE_FIELDS, type ColumnMapping } from './mapping.ts';
import { openBytes, type TabularSource } from './source.ts';
import { recordToArticle } from './to-article.ts';

export interface CsvArticleOptions extends TabularOptions, CsvOptions {}

function headerNames(fields: string[]): string[] {
  return fields.map((f, i) => f.replace(/^\uFEFF/, '').trim() || `column${i + 1}`);
}

/** A mapped column missing from the header is a usage error: say so before reading any row. */
function checkMapping(columns: string[], mapping: ColumnMapping, origin: string): void {
  const have = new Set(columns);
  for (const field of MAPPABLE_FIELDS) {
    const column = mapping[field];
    if (column !== undefined && !have.has(column)) {
      throw new InputError(`${origin}: no column '${column}' (mapped to ${field}); the columns are ${columns.join(', ')}`);
    }
  }
  if (mapping.text === undefined) {
    const lower = new Set(columns.map((c) => c.toLowerCase()));
    if (!DEFAULT_COLUMNS.text.some((name) => lower.has(name.toLowerCase()))) {
      throw new InputError(`${origin}: no text column (looked for ${DEFAULT_COLUMNS.text.join(', ')}); name it with a mapping such as text=${columns[0] ?? 'body'}`);
    }
  }
}

export async function* readCsvArticles(source: TabularSource, mapping: ColumnMapping = {}, options: CsvArticleOptions = {}): AsyncGenerator<ArticleItem> {
  const origin = originOf(source, options);
  if (options.delimiter !== undefined && ![',', ';', '\t', '|'].includes(options.delimiter)) {
    throw new InputError(`${origin}: unsupported delimiter '${options.delimiter}' (use , ; tab or |)`);
  }
  let columns: string[] | undefined;
  for await (const row of readCsvRows(readLines(openBytes(source, origin), origin, options), origin, options)) {
    if ('error' in row) {
      yield row;
      continue;
    }
    if (!columns) {
      columns = headerNames(row.fields);
      checkMapping(columns, mapping, origin);
      continue;
    }
    const extra = row.fields.slice(columns.length);
    if (extra.some((f) => f.trim() !== '')) {
      yield { line: row.line, error: `${origin} line ${row.line}: ${row.fields.length} fields where the header has ${columns.length} (a stray delimiter or unquoted field?)` };
      continue;
    }
    const record: Record<string, unknown> = {};
    for (const [i, name] of columns.entries()) {
      if (!(name in record)) record[name] = row.fields[i];
    }
    const article = recordToArticle(record, mapping, { kind: 'csv', origin, line: row.line, ...(options.now !== undefined && { now: options.now }) });
    if (typeof article === 'string') yield { line: row.line, error: `${origin} line ${row.line}: ${article}` };
    else yield { article, line: row.line };
  }
  if (!columns) throw new InputError(`${origin}: no header row (the file is empty)`);
}
