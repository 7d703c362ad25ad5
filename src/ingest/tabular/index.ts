/** Importing articles from JSON Lines and CSV exports (Media Cloud, news-please and the like). */
export { readCsvArticles, type CsvArticleOptions } from './csv-articles.ts';
export { readCsvRows, sniffDelimiter, type CsvOptions, type CsvRow } from './csv.ts';
export { normaliseDate } from './dates.ts';
export { readJsonlArticles, type ArticleItem, type TabularOptions } from './jsonl.ts';
export { DEFAULT_COLUMNS, MAPPABLE_FIELDS, parseColumnMapping, type ColumnMapping, type MappableField } from './mapping.ts';
export type { TabularSource } from './source.ts';
