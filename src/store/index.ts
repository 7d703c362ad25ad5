/**
 * spinscope's store as a library: one `Store` interface with SQLite and
 * PostgreSQL behind it, and the export/import formats.
 *
 *   const store = await openStore();                        // ./spinscope.db
 *   const store = await openStore('postgres://u@h/db?schema=news');
 *   const [w] = await store.upsertArticles([article]);      // idempotent, one transaction per call
 *   await store.saveAnalyses([{ articleId: w.id, analysis: toAnalysisJson(doc), model: { name: 'spinscope', version } }]);
 *   await store.search({ q: 'grain corridor', source: 'example.com', technique: 'Loaded_Language' });
 *   await store.techniqueRates({ by: 'source', from: '2024-01-01', to: '2024-06-30' });
 *
 * Offsets are code points, timestamps ISO 8601 UTC, outlets their domains.
 * Exports take a Writable and imports a Readable or a path; both stream.
 */
export { openStore, parseStoreUrl, DEFAULT_DATABASE, type OpenOptions, type StoreLocation } from './open.ts';
export type * from './types.ts';
export { StoreError } from './errors.ts';
export { searchQuerySchema, aggregateSchema, type SearchQuery, type AggregateOptions } from './query.ts';
export { highlightHtml } from './snippet.ts';
export { contentHash, countWords, domainOf } from './article-row.ts';
export { derive, SUBLABEL, type Derived } from './derive.ts';
export { writeJsonl, importJsonl, articleInputOf, type DumpLine, type ImportResult, type WriteJsonlOptions } from './export/jsonl.ts';
export { writeArticlesCsv, writeSpansCsv, csvRow } from './export/csv.ts';
export { writeSemevalSi, writeSemevalTc, writeSemevalSt3, semevalId, type SemevalOptions } from './export/semeval.ts';
export { writeLabelStudioTasks, importLabelStudio, labelStudioConfig, LABEL_STUDIO, type LabelStudioImport, type LabelStudioOptions } from './export/label-studio.ts';
export { annotationExamples, trainingSet, type TrainingExample, type TrainingOptions } from './export/training.ts';
export { syntheticAnalysis, type SyntheticSpec } from './synthetic.ts';
