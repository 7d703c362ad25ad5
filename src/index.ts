/** spinscope as a library: the pipeline, its document model, input reading and output formats. */
export type { Doc, DocLabel, DocSource, Layer, LayerStatus, ModelInfo, Span } from './text/document.ts';
export { createDoc, layerSpans, spanText } from './text/document.ts';
export { codePointLength, offsetMap, type OffsetMap } from './text/offsets.ts';
export { tokenize, type Token, type TokenKind } from './text/tokenize.ts';
export { splitSentences } from './text/sentences.ts';
export { splitParagraphs, type Range } from './text/paragraphs.ts';

export type { Analyzer, AnalyzerFactory, AnalyzerSettings, LayerResult } from './analyze/component.ts';
export { analyze, createPipeline, planLayers, PipelineError, type DocInput, type Pipeline, type PipelineOptions } from './analyze/pipeline.ts';
export { analyzeMany, analyzeManyToJson, type ManyJsonResult, type ManyOptions, type ManyResult } from './analyze/many.ts';
export { standardLayers } from './analyze/registry.ts';
export { docLanguage, UNDETERMINED } from './analyze/base/language.ts';

export { InputError, decodeText } from './ingest/decode-text.ts';
export { DEFAULT_MAX_BYTES, readFileInput, readInput, readUrlInput, type ReadOptions } from './ingest/read-input.ts';
export { extractArticle, type ExtractedArticle } from './ingest/extract-html.ts';

export { ANALYSIS_SCHEMA, toAnalysisJson, type AnalysisJson, type LayerJson, type SpanJson } from './output/analysis-json.ts';
export { renderHtml } from './render/html.ts';
export { renderText } from './render/text.ts';
