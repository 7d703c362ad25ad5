/**
 * Article extraction from HTML lives in ./extract/; this module keeps the
 * import path that read-input.ts and the library index have always used.
 */
export { extractArticle, type ExtractOptions, type ExtractedArticle } from './extract/extract.ts';
export { mergePages } from './extract/pages.ts';
export { blocksToText } from './extract/readability.ts';
