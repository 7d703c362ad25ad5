/**
 * Multi-page articles: the caller follows `nextPageUrl` and hands every page's
 * extraction here. Page one supplies the metadata (later pages fill gaps);
 * later pages contribute their body without the repeated headline.
 */
import type { ExtractedArticle } from './extract.ts';

function bodyOf(page: ExtractedArticle, title: string | undefined): string[] {
  const paragraphs = page.text.split('\n\n');
  if (title && paragraphs[0] === title) paragraphs.shift();
  else if (page.title && paragraphs[0] === page.title) paragraphs.shift();
  return paragraphs;
}

export function mergePages(pages: readonly ExtractedArticle[]): ExtractedArticle {
  const [first, ...rest] = pages;
  if (!first) throw new TypeError('mergePages needs at least one page');
  if (rest.length === 0) return { ...first, authors: [...first.authors] };
  const merged: ExtractedArticle = { ...first, authors: [...first.authors] };
  const paragraphs = first.text.split('\n\n');
  const seen = new Set(paragraphs);
  for (const page of rest) {
    for (const p of bodyOf(page, first.title)) {
      // pages repeat the standfirst or a pull quote; a paragraph already given once is not given again
      if (seen.has(p)) continue;
      seen.add(p);
      paragraphs.push(p);
    }
    for (const a of page.authors) if (!merged.authors.includes(a)) merged.authors.push(a);
    for (const k of ['canonicalUrl', 'title', 'publishedAt', 'modifiedAt', 'siteName', 'lang', 'description', 'image'] as const) {
      if (merged[k] === undefined && page[k] !== undefined) merged[k] = page[k];
    }
  }
  merged.text = paragraphs.join('\n\n');
  const last = pages[pages.length - 1]!;
  if (last.nextPageUrl) merged.nextPageUrl = last.nextPageUrl;
  else delete merged.nextPageUrl;
  return merged;
}
