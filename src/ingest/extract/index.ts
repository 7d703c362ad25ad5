/** Article extraction from HTML: body text, metadata, multi-page merging, and the benchmark's F1 metric. */
export { extractArticle, type ExtractOptions, type ExtractedArticle } from './extract.ts';
export { mergePages } from './pages.ts';
export { blocksToText } from './readability.ts';
export { shingleScore, type ShingleScore } from './score.ts';
