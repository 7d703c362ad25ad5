/**
 * Articles from a JSON Lines export: one JSON object per line. A line that is
 * not valid JSON, not an object, or has no text is reported with its number
 * and skipped; blank lines are ignored. A file that is one JSON array or
 * pretty-printed JSON is refused outright, with the way to convert it.
 */
import type { Article } from '../article.ts';
import { InputError } from '../decode-text.ts';
import { readLines, type LineOptions } from './lines.ts';
import type { ColumnMapping } from './mapping.ts';
import { openBytes, type TabularSource } from './source.ts';
import { recordToArticle } from './to-article.ts';

export type ArticleItem = { article: Article; line: number } | { error: string; line: number };

export interface TabularOptions extends LineOptions {
  /** Names the input in messages and article locations (default: the path, or "input"). */
  origin?: string;
  /** Reference time for refusing future dates (tests). */
  now?: number;
}

export function originOf(source: TabularSource, options: { origin?: string }): string {
  return options.origin ?? (typeof source === 'string' ? source : 'input');
}

export async function* readJsonlArticles(source: TabularSource, mapping: ColumnMapping = {}, options: TabularOptions = {}): AsyncGenerator<ArticleItem> {
  const origin = originOf(source, options);
  let seenContent = false;
  for await (const item of readLines(openBytes(source, origin), origin, options)) {
    if ('error' in item) {
      yield item;
      continue;
    }
    const text = item.text.trim();
    if (!text) continue;
    if (!seenContent) {
      seenContent = true;
      if (text.startsWith('[')) throw new InputError(`${origin}: a JSON array, not JSON Lines (one object per line); convert it with: jq -c '.[]'`);
      if (text === '{') throw new InputError(`${origin}: pretty-printed JSON, not JSON Lines (one object per line); convert it with: jq -c .`);
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      yield { line: item.line, error: `${origin} line ${item.line}: not valid JSON (${(error as Error).message.replace(/\s+/g, ' ').slice(0, 120)})` };
      continue;
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      yield { line: item.line, error: `${origin} line ${item.line}: expected a JSON object, found ${Array.isArray(value) ? 'an array' : value === null ? 'null' : `a ${typeof value}`}` };
      continue;
    }
    const article = recordToArticle(value as Record<string, unknown>, mapping, { kind: 'jsonl', origin, line: item.line, ...(options.now !== undefined && { now: options.now }) });
    if (typeof article === 'string') yield { line: item.line, error: `${origin} line ${item.line}: ${article}` };
    else yield { article, line: item.line };
  }
}
