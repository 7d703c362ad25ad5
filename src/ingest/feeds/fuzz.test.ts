/**
 * Bounded fuzz: seeded random damage to every fixture (truncation, deleted
 * and duplicated ranges, stray markup, random code units), ~300 cases per
 * parser. Each call must return a well-formed result or throw InputError.
 *
 * The cases run in a child process: the parsers are synchronous, so a hang
 * would block this process's timers and node:test's timeout could never
 * fire. Here the test only waits on the child, so the timeout does fail it
 * (and the abort signal kills the child).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { InputError } from '../decode-text.ts';
import { detectFeedKind } from './detect.ts';
import { parseFeed } from './parse-feed.ts';
import { feedItemToArticle, needsPageFetch } from './to-article.ts';
import { parseOpml } from './opml.ts';
import { parseSitemap, sitemapUrlsFromRobots } from './sitemap.ts';

const CHILD_FLAG = 'SPINSCOPE_FEEDS_FUZZ_CHILD';
const CASES_PER_PARSER = 300;
const NOW = new Date('2026-03-01T12:00:00Z');

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

/** mulberry32: tiny, seedable, good enough to pick mutations reproducibly. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TOKENS = ['<', '&', ']]>', '<![CDATA[', '</item>', '<item>', '<entry>', '</', '"', '&amp;', '&#', '&#x', '\uFEFF', '<!--', '<?', '{', '}', '[', '"items":', '<url>', '<outline xmlUrl="'];

function mutate(text: string, random: () => number): { text: string; ops: string[] } {
  const ops: string[] = [];
  let out = text;
  const count = 1 + Math.floor(random() * 4);
  const at = () => Math.floor(random() * (out.length + 1));
  for (let k = 0; k < count; k++) {
    const op = Math.floor(random() * 6);
    const i = at();
    if (op === 0) {
      out = out.slice(0, i);
      ops.push(`truncate@${i}`);
    } else if (op === 1) {
      const len = Math.floor(random() * 200);
      out = out.slice(0, i) + out.slice(i + len);
      ops.push(`delete@${i}+${len}`);
    } else if (op === 2) {
      const len = Math.floor(random() * 300);
      out = out.slice(0, i) + out.slice(i, i + len) + out.slice(i);
      ops.push(`duplicate@${i}+${len}`);
    } else if (op === 3) {
      const token = TOKENS[Math.floor(random() * TOKENS.length)]!;
      out = out.slice(0, i) + token + out.slice(i);
      ops.push(`insert@${i}:${JSON.stringify(token)}`);
    } else if (op === 4) {
      let junk = '';
      for (let n = 1 + Math.floor(random() * 8); n > 0; n--) junk += String.fromCharCode(Math.floor(random() * 0x10000));
      out = out.slice(0, i) + junk + out.slice(i);
      ops.push(`bytes@${i}`);
    } else {
      const j = at();
      out = out.slice(0, Math.min(i, j)) + out.slice(Math.max(i, j)) + out.slice(Math.min(i, j), Math.max(i, j));
      ops.push(`swap@${i},${j}`);
    }
  }
  return { text: out, ops };
}

const isWeb = (url: string | undefined) => url === undefined || /^https?:\/\//.test(url);

/** Checks a result's invariants; returns a description of the first violation. */
type Check = (text: string) => string | undefined;

const checks: Record<string, { fixtures: string[]; run: Check }> = {
  parseFeed: {
    fixtures: ['rss091.xml', 'rss20.xml', 'rdf.xml', 'atom.xml', 'feed.json'],
    run(text) {
      detectFeedKind(text);
      const feed = parseFeed(text, { url: 'https://fuzz.example/feed', now: NOW });
      for (const item of feed.items) {
        if (typeof item.id !== 'string' || item.id === '') return 'item without id';
        if (!isWeb(item.url) || !isWeb(item.image)) return `non-web url ${item.url} ${item.image}`;
        for (const date of [item.publishedAt, item.modifiedAt]) if (date !== undefined && Date.parse(date) > NOW.getTime()) return `future date ${date}`;
        needsPageFetch(item);
        const article = feedItemToArticle(item, feed);
        if (article && article.text.trim() === '') return 'article with empty text';
      }
      return undefined;
    },
  },
  parseOpml: {
    fixtures: ['subscriptions.opml'],
    run(text) {
      for (const feed of parseOpml(text).feeds) if (!isWeb(feed.url) || !isWeb(feed.htmlUrl)) return `non-web url ${feed.url}`;
      return undefined;
    },
  },
  parseSitemap: {
    fixtures: ['news-sitemap.xml', 'sitemap-index.xml', 'sitemap.txt'],
    run(text) {
      const map = parseSitemap(text, { url: 'https://fuzz.example/sitemap.xml', now: NOW });
      for (const entry of [...map.urls, ...map.sitemaps]) if (!isWeb(entry.loc)) return `non-web loc ${entry.loc}`;
      return undefined;
    },
  },
  sitemapUrlsFromRobots: {
    fixtures: ['robots.txt'],
    run(text) {
      for (const url of sitemapUrlsFromRobots(text, 'https://fuzz.example/robots.txt')) if (!isWeb(url)) return `non-web url ${url}`;
      return undefined;
    },
  },
};

interface Failure {
  parser: string;
  fixture: string;
  seed: number;
  ops: string[];
  error: string;
}

function runAll(): { cases: Record<string, number>; failures: Failure[] } {
  const failures: Failure[] = [];
  const cases: Record<string, number> = {};
  for (const [parser, { fixtures, run }] of Object.entries(checks)) {
    const texts = fixtures.map(fixture);
    cases[parser] = 0;
    for (let seed = 1; seed <= CASES_PER_PARSER; seed++) {
      const index = seed % fixtures.length;
      const { text, ops } = mutate(texts[index]!, rng(seed * 7919 + parser.length));
      cases[parser]++;
      try {
        const problem = run(text);
        if (problem) failures.push({ parser, fixture: fixtures[index]!, seed, ops, error: problem });
      } catch (error) {
        if (!(error instanceof InputError)) {
          failures.push({ parser, fixture: fixtures[index]!, seed, ops, error: String((error as Error)?.stack ?? error) });
        }
      }
    }
  }
  return { cases, failures };
}

if (process.env[CHILD_FLAG] === '1') {
  process.stdout.write(JSON.stringify(runAll()));
} else {
  test('damaged feeds, OPML, sitemaps and robots.txt give a result or an InputError, never a crash or a hang', { timeout: 120_000 }, async (t) => {
    const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url)], {
      env: { ...process.env, [CHILD_FLAG]: '1' },
      signal: t.signal,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
    const code = await new Promise<number | null>((resolve, reject) => {
      child.once('error', reject);
      child.once('close', resolve);
    });
    assert.equal(code, 0, `fuzz child failed:\n${stderr}`);
    const { cases, failures } = JSON.parse(stdout) as ReturnType<typeof runAll>;
    for (const parser of Object.keys(checks)) assert.ok((cases[parser] ?? 0) >= CASES_PER_PARSER, `${parser} ran ${cases[parser]} cases`);
    assert.deepEqual(failures.slice(0, 5), [], `${failures.length} failing cases`);
  });
}
