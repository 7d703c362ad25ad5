/**
 * Generated news pages for tests and benchmarks: each article recombines
 * paragraphs of the bundled examples (a deterministic shuffle per index),
 * so every page is distinct, realistic prose in the languages the
 * pipeline models, and nothing needs downloading.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bundledExamples } from '../../examples.ts';

export interface GeneratedArticle {
  slug: string;
  title: string;
  author: string;
  publishedAt: string;
  paragraphs: string[];
}

function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 2 ** 32;
  };
}

/** English paragraphs of the examples (the Russian one is left out so that every page has one language). */
export function exampleParagraphs(dir = bundledExamples()): { titles: string[]; paragraphs: string[] } {
  const titles: string[] = [];
  const paragraphs: string[] = [];
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.txt') && !n.startsWith('ru-')).sort()) {
    const [title, ...rest] = readFileSync(join(dir, name), 'utf8').split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
    titles.push(title!);
    paragraphs.push(...rest.filter((p) => p.length > 80));
  }
  return { titles, paragraphs };
}

const AUTHORS = ['Maria Keller', 'Tom Rivers', 'Ana Petrova', 'Jon Bakker', 'Lea Moreau'];

export function generateArticles(count: number, options: { paragraphs?: number; seed?: number } = {}): GeneratedArticle[] {
  const { titles, paragraphs } = exampleParagraphs();
  const per = options.paragraphs ?? 6;
  const base = Date.UTC(2026, 0, 15, 8);
  return Array.from({ length: count }, (_, i) => {
    const random = rng((options.seed ?? 7) * 100_003 + i);
    const picked: string[] = [];
    while (picked.length < per) {
      const p = paragraphs[Math.floor(random() * paragraphs.length)]!;
      if (!picked.includes(p)) picked.push(p);
    }
    return {
      slug: `story-${i}`,
      title: `${titles[i % titles.length]!.replace(/[.!?]$/, '')} (${i})`,
      author: AUTHORS[i % AUTHORS.length]!,
      publishedAt: new Date(base + i * 60_000).toISOString(),
      paragraphs: picked,
    };
  });
}

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function articleHtml(a: GeneratedArticle, url: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escape(a.title)} | Test Herald</title>
<link rel="canonical" href="${escape(url)}">
<meta property="og:title" content="${escape(a.title)}"><meta property="og:site_name" content="Test Herald">
<meta name="author" content="${escape(a.author)}"><meta property="article:published_time" content="${a.publishedAt}">
</head><body>
<header><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/business">Business</a></nav></header>
<main><article><h1>${escape(a.title)}</h1><p class="byline">By ${escape(a.author)}</p>
${a.paragraphs.map((p) => `<p>${escape(p)}</p>`).join('\n')}
</article></main>
<footer><p>© Test Herald. All rights reserved.</p></footer>
</body></html>`;
}

/** RSS 2.0 with teaser descriptions, so every item's page is fetched. */
export function rssFeed(items: { url: string; article: GeneratedArticle }[], self: string): string {
  const entries = items
    .map(
      ({ url, article }) => `<item><title>${escape(article.title)}</title><link>${escape(url)}</link><guid>${escape(url)}</guid>
<pubDate>${new Date(article.publishedAt).toUTCString()}</pubDate><description>${escape(article.paragraphs[0]!.slice(0, 140))}…</description></item>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Test Herald</title><link>${escape(new URL('/', self).href)}</link><description>Generated news</description>
${entries}
</channel></rss>`;
}
