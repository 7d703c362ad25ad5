/**
 * A local news site for tests and benchmarks, on a loopback port: an RSS
 * feed (with ETag and Last-Modified, answering 304 when unchanged), article
 * pages, a sitemap and robots.txt. It counts requests per path and can hold
 * a path's answer until released, so a test can kill a worker in the middle
 * of a fetch.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { articleHtml, generateArticles, rssFeed, type GeneratedArticle } from './corpus.ts';

export interface NewsSite {
  readonly origin: string;
  readonly feedUrl: string;
  readonly sitemapUrl: string;
  readonly articles: GeneratedArticle[];
  urlOf(article: GeneratedArticle): string;
  /** Requests answered (or held) per path. */
  readonly hits: Map<string, number>;
  /** Items in the feed: the first `n` articles (default all). Changes the ETag. */
  setFeedSize(n: number): void;
  /** Holds requests for `path` until `release(path)`; resolves `onHold` when one arrives. */
  hold(path: string): Promise<void>;
  release(path: string): void;
  /** Answers `path` with this status from now on (e.g. 500 to break the feed). */
  fail(path: string, status: number | null): void;
  close(): Promise<void>;
}

export async function startNewsSite(options: { articles?: number; seed?: number } = {}): Promise<NewsSite> {
  const articles = generateArticles(options.articles ?? 10, { ...(options.seed !== undefined && { seed: options.seed }) });
  const hits = new Map<string, number>();
  const held = new Map<string, { arrived: () => void; waiting: (() => void)[] }>();
  const failing = new Map<string, number>();
  let feedSize = articles.length;
  let feedVersion = 1;
  let origin = '';
  const bySlug = new Map(articles.map((a) => [`/news/${a.slug}.html`, a]));

  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    hits.set(path, (hits.get(path) ?? 0) + 1);
    const answer = () => {
      const status = failing.get(path);
      if (status) {
        res.writeHead(status, { 'content-type': 'text/plain' }).end('failing on purpose');
        return;
      }
      if (path === '/robots.txt') {
        res.writeHead(200, { 'content-type': 'text/plain' }).end('User-agent: *\nAllow: /\n');
        return;
      }
      if (path === '/feed.xml') {
        const etag = `"feed-${feedVersion}-${feedSize}"`;
        const lastModified = new Date(Date.UTC(2026, 0, 15, 8) + feedVersion * 1000).toUTCString();
        if (req.headers['if-none-match'] === etag) {
          res.writeHead(304, { etag, 'last-modified': lastModified }).end();
          return;
        }
        const items = articles.slice(0, feedSize).map((article) => ({ url: `${origin}/news/${article.slug}.html`, article }));
        res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', etag, 'last-modified': lastModified }).end(rssFeed(items, `${origin}/feed.xml`));
        return;
      }
      if (path === '/sitemap.xml') {
        const urls = articles.slice(0, feedSize).map((a) => `<url><loc>${origin}/news/${a.slug}.html</loc><lastmod>${a.publishedAt}</lastmod></url>`);
        res.writeHead(200, { 'content-type': 'application/xml' }).end(`<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${urls.join('')}</urlset>`);
        return;
      }
      const article = bySlug.get(path);
      if (article) {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(articleHtml(article, `${origin}${path}`));
        return;
      }
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    };
    const h = held.get(path);
    if (h) {
      h.arrived();
      h.waiting.push(answer);
    } else {
      answer();
    }
  });
  // keep-alive sockets of a killed client must not keep close() waiting
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const release = (path: string) => {
    const h = held.get(path);
    held.delete(path);
    for (const answer of h?.waiting ?? []) answer();
  };
  return {
    origin,
    feedUrl: `${origin}/feed.xml`,
    sitemapUrl: `${origin}/sitemap.xml`,
    articles,
    hits,
    urlOf: (a) => `${origin}/news/${a.slug}.html`,
    setFeedSize(n) {
      feedSize = Math.min(n, articles.length);
      feedVersion++;
    },
    hold(path) {
      return new Promise((arrived) => held.set(path, { arrived, waiting: [] }));
    },
    release,
    fail(path, status) {
      if (status === null) failing.delete(path);
      else failing.set(path, status);
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const path of [...held.keys()]) release(path);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
