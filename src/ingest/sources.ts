/**
 * What `spinscope ingest` reads: one source spec (a URL, a feed, an OPML
 * list, a sitemap, a WARC archive, a JSONL or CSV export, an HTML or text
 * file, or a folder of them) turned into a stream of articles. A bad item is
 * reported as an error item and the stream goes on, so a batch finishes past
 * it and lists it at the end.
 */
import { createReadStream } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';

import type { Article } from './article.ts';
import { docIdOf } from './doc-id.ts';
import { InputError, decodeText } from './decode-text.ts';
import { extractArticle } from './extract/index.ts';
import { mergePages } from './extract/pages.ts';
import { chooseCharset, decodeBody } from './fetch/charset.ts';
import { Fetcher, type FetcherOptions, type FetchResult } from './fetch/index.ts';
import { detectFeedKind, feedItemToArticle, needsPageFetch, parseFeed, parseOpml, parseSitemap, maybeGunzip } from './feeds/index.ts';
import { readCsvArticles, readJsonlArticles, type ColumnMapping } from './tabular/index.ts';
import { warcPages, isWarcPageError } from './warc/index.ts';

export type SourceItem = { article: Article; location: string } | { error: string; location: string };

export interface SourceOptions {
  /** One fetcher for the whole run: it holds the robots.txt cache and the per-host schedule. */
  fetcher?: Fetcher;
  fetcherOptions?: FetcherOptions;
  /** Column mapping for JSONL and CSV (`text=body,title=headline`). */
  mapping?: ColumnMapping;
  /** Fetch the page of a feed item that carries only a summary (default true). */
  fetchPages?: boolean;
  /** Look into sub-folders of a folder. */
  recursive?: boolean;
  /** Pages of a multi-page article to follow (default 5). */
  maxPages?: number;
  /** Dates after this are dropped (default: now). */
  now?: Date;
  /** Bytes of a local file read whole (HTML, feeds); archives and exports stream. */
  maxBytes?: number;
}

const MAX_FILE_BYTES = 10 * 1024 * 1024;
const GZIP_LIMIT = 50 * 1024 * 1024;

export function isUrl(spec: string): boolean {
  return /^https?:\/\//i.test(spec);
}

/** The file-name extensions a folder is read for, and how. */
export function fileKind(name: string): 'html' | 'text' | 'warc' | 'jsonl' | 'csv' | 'opml' | 'feed' | undefined {
  const n = name.toLowerCase().replace(/\.gz$/, '');
  if (/\.(?:html?|xhtml)$/.test(n)) return 'html';
  if (n.endsWith('.txt')) return 'text';
  if (n.endsWith('.warc')) return 'warc';
  if (/\.(?:jsonl|ndjson)$/.test(n)) return 'jsonl';
  if (/\.(?:csv|tsv)$/.test(n)) return 'csv';
  if (n.endsWith('.opml')) return 'opml';
  if (/\.(?:xml|rss|atom|json)$/.test(n)) return 'feed';
  return undefined;
}

async function readLocal(path: string, max: number): Promise<Uint8Array> {
  const info = await stat(path);
  if (info.size > max) throw new InputError(`${path}: larger than the ${(max / 1024 / 1024).toFixed(1)} MB limit`);
  const bytes = await readFile(path);
  return path.toLowerCase().endsWith('.gz') ? maybeGunzip(bytes, GZIP_LIMIT, path) : bytes;
}

function decodeHtml(bytes: Uint8Array): string {
  return decodeBody(bytes, chooseCharset(bytes, undefined).charset);
}

/** An HTML file or page as an article; `id` from the file name when there is one. */
export function htmlToArticle(html: string, location: string, url?: string, now?: Date): Article {
  const article = extractArticle(html, { ...(url !== undefined && { url }), ...(now !== undefined && { now }) });
  delete (article as { nextPageUrl?: string }).nextPageUrl;
  return article;
}

class SourceReader {
  private readonly fetcher: Fetcher;
  private readonly seenFeeds = new Set<string>();

  constructor(private readonly options: SourceOptions) {
    this.fetcher = options.fetcher ?? new Fetcher(options.fetcherOptions);
  }

  async *read(spec: string): AsyncGenerator<SourceItem> {
    if (isUrl(spec)) {
      yield* this.url(spec, 0);
      return;
    }
    let info;
    try {
      info = await stat(spec);
    } catch {
      yield { error: `${spec}: no such file or folder`, location: spec };
      return;
    }
    if (info.isDirectory()) yield* this.folder(spec);
    else yield* this.file(spec);
  }

  private async *folder(dir: string): AsyncGenerator<SourceItem> {
    const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
    for (const e of entries) {
      const path = join(dir, e.name);
      if (e.isDirectory()) {
        if (this.options.recursive) yield* this.folder(path);
      } else if (fileKind(e.name)) {
        yield* this.file(path);
      }
    }
  }

  private async *file(path: string): AsyncGenerator<SourceItem> {
    const kind = fileKind(path);
    const max = this.options.maxBytes ?? MAX_FILE_BYTES;
    try {
      if (kind === 'warc') {
        for await (const page of warcPages(path)) {
          if (isWarcPageError(page)) {
            yield { error: `${path}: ${page.error}`, location: path };
            continue;
          }
          const location = `${path}#${page.url}`;
          try {
            const article = htmlToArticle(decodeBody(page.body, chooseCharset(page.body, page.contentType).charset), location, page.url, this.options.now);
            yield { article: { ...article, source: { kind: 'warc', location: path }, ...(page.date && { fetchedAt: page.date }) }, location };
          } catch (error) {
            yield { error: oneLine(error, location), location };
          }
        }
        return;
      }
      if (kind === 'jsonl' || kind === 'csv') {
        const read = kind === 'jsonl' ? readJsonlArticles : readCsvArticles;
        const source = path.toLowerCase().endsWith('.gz') ? gunzipStream(path) : path;
        for await (const item of read(source, this.options.mapping ?? {}, { origin: path })) {
          const location = `${path}:${item.line}`;
          if ('error' in item) yield { error: item.error, location };
          else yield { article: { ...item.article, source: { kind, location: path } }, location };
        }
        return;
      }
      const bytes = await readLocal(path, max);
      if (kind === 'html') {
        const article = htmlToArticle(decodeHtml(bytes), path, undefined, this.options.now);
        yield { article: { id: docIdOf(path), ...article, source: { kind: 'file', location: path } }, location: path };
      } else if (kind === 'text') {
        yield { article: { id: docIdOf(path), authors: [], text: decodeText(bytes, path), source: { kind: 'file', location: path } }, location: path };
      } else {
        yield* this.document(decodeHtml(bytes), path, undefined, 0);
      }
    } catch (error) {
      yield { error: oneLine(error, path), location: path };
    }
  }

  /** A feed, OPML list or sitemap read from a file or a URL. */
  private async *document(text: string, location: string, url: string | undefined, depth: number): AsyncGenerator<SourceItem> {
    const kind = detectFeedKind(text);
    if (kind === 'opml') {
      for (const feed of parseOpml(text, { ...(url && { url }) }).feeds) yield* this.url(feed.url, depth + 1);
    } else if (kind === 'sitemap' || kind === 'sitemapindex') {
      const map = parseSitemap(text, { ...(url && { url }), now: this.options.now ?? new Date() });
      for (const s of map.sitemaps) if (depth < 3) yield* this.url(s.loc, depth + 1);
      for (const u of map.urls) yield* this.page(u.loc);
    } else if (kind === 'rss' || kind === 'atom' || kind === 'rdf' || kind === 'jsonfeed') {
      const feed = parseFeed(text, { ...(url && { url }), now: this.options.now ?? new Date() });
      for (const item of feed.items) {
        const itemLocation = item.url ?? `${location}#${item.id}`;
        if (this.options.fetchPages !== false && item.url && needsPageFetch(item)) {
          let fetched = false;
          for await (const got of this.page(item.url)) {
            fetched = fetched || 'article' in got;
            yield 'article' in got ? { ...got, article: { ...got.article, source: { kind: 'feed', location: item.url, feed: url ?? location } } } : got;
          }
          if (fetched) continue;
        }
        const article = feedItemToArticle(item, feed);
        if (article) yield { article, location: itemLocation };
        else yield { error: `${itemLocation}: feed item without text`, location: itemLocation };
      }
    } else if (kind === 'html' && url) {
      yield* this.fromHtml(text, url, url);
    } else {
      yield { error: `${location}: not a feed, OPML list, sitemap or page spinscope can read`, location };
    }
  }

  private async *url(url: string, depth: number): AsyncGenerator<SourceItem> {
    if (this.seenFeeds.has(url)) return;
    this.seenFeeds.add(url);
    let got: FetchResult;
    try {
      got = await this.fetcher.fetch(url);
    } catch (error) {
      yield { error: oneLine(error, url), location: url };
      return;
    }
    const body = url.toLowerCase().endsWith('.gz') && got.bytes[0] === 0x1f && got.bytes[1] === 0x8b ? decodeHtml(maybeGunzip(got.bytes, GZIP_LIMIT, url)) : got.text;
    const kind = detectFeedKind(body, got.contentType);
    if (kind === 'html' || kind === 'unknown') yield* this.fromHtml(body, got.finalUrl, url);
    else yield* this.document(body, url, got.finalUrl, depth);
  }

  private async *page(url: string): AsyncGenerator<SourceItem> {
    let got: FetchResult;
    try {
      got = await this.fetcher.fetch(url);
    } catch (error) {
      yield { error: oneLine(error, url), location: url };
      return;
    }
    yield* this.fromHtml(got.text, got.finalUrl, url);
  }

  /** An article page, following `rel=next` pages of a multi-page article. */
  private async *fromHtml(html: string, url: string, location: string): AsyncGenerator<SourceItem> {
    try {
      const first = extractArticle(html, { url, ...(this.options.now && { now: this.options.now }) });
      const pages = [first];
      const seen = new Set([url]);
      let next = first.nextPageUrl;
      while (next && !seen.has(next) && pages.length < (this.options.maxPages ?? 5)) {
        seen.add(next);
        const more = await this.fetcher.fetch(next);
        const page = extractArticle(more.text, { url: more.finalUrl, ...(this.options.now && { now: this.options.now }) });
        pages.push(page);
        next = page.nextPageUrl;
      }
      const article = pages.length > 1 ? mergePages(pages) : first;
      delete (article as { nextPageUrl?: string }).nextPageUrl;
      yield { article: { ...article, url, source: { kind: 'url', location }, fetchedAt: new Date().toISOString() }, location };
    } catch (error) {
      yield { error: oneLine(error, location), location };
    }
  }
}

async function* gunzipStream(path: string): AsyncGenerator<Uint8Array> {
  const { createGunzip } = await import('node:zlib');
  yield* createReadStream(path).pipe(createGunzip()) as AsyncIterable<Uint8Array>;
}

function oneLine(error: unknown, location: string): string {
  const message = error instanceof Error ? error.message : String(error);
  const line = message.split('\n')[0]!;
  return line.includes(location) ? line : `${location}: ${line}`;
}

/** Articles from every source spec in turn; errors are items too. */
export async function* readSources(specs: readonly string[], options: SourceOptions = {}): AsyncGenerator<SourceItem> {
  const reader = new SourceReader(options);
  for (const spec of specs) yield* reader.read(spec);
}


