/**
 * Exact-duplicate key: SHA-256 of the text with the differences that copying
 * introduces and readers never notice taken out (Unicode compatibility
 * forms, case, curly versus straight quotes, dash variants, invisible
 * characters, line wrapping and runs of spaces).
 */
import { createHash } from 'node:crypto';

const SINGLE_QUOTES = /[\u2018\u2019\u201A\u201B\u2032\u0060\u00B4]/g;
const DOUBLE_QUOTES = /[\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB\u2039\u203A\u300C\u300D]/g;
const DASHES = /[\u2010-\u2015\u2212]/g;
const INVISIBLE = /[\u00AD\u200B-\u200D\u2060\uFEFF]/g;

export function normalizeForHash(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(INVISIBLE, '')
    .replace(SINGLE_QUOTES, "'")
    .replace(DOUBLE_QUOTES, '"')
    .replace(DASHES, '-')
    // only whitespace that is not already a single space: replacing every space is ten times slower
    .replace(/\s{2,}|[^\S ]/g, ' ')
    .trim();
}

/** SHA-256 (hex) of the normalised text. */
export function contentHash(text: string): string {
  return createHash('sha256').update(normalizeForHash(text)).digest('hex');
}
