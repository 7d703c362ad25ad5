/**
 * The machine format of `spinscope extract`: the same keys for every page,
 * null where the page does not say, so that a JSONL file reads as a table.
 */
import type { Article } from './article.ts';

export interface ExtractJson {
  doc?: string;
  url: string | null;
  canonicalUrl: string | null;
  title: string | null;
  authors: string[];
  publishedAt: string | null;
  modifiedAt: string | null;
  siteName: string | null;
  lang: string | null;
  description: string | null;
  image: string | null;
  text: string;
}

export function toExtractJson(article: Article, doc?: string): ExtractJson {
  return {
    ...(doc !== undefined && { doc }),
    url: article.url ?? null,
    canonicalUrl: article.canonicalUrl ?? null,
    title: article.title ?? null,
    authors: article.authors,
    publishedAt: article.publishedAt ?? null,
    modifiedAt: article.modifiedAt ?? null,
    siteName: article.siteName ?? null,
    lang: article.lang ?? null,
    description: article.description ?? null,
    image: article.image ?? null,
    text: article.text,
  };
}
