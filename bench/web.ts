/**
 * The web app's speed, in Chromium against the real server:
 *   1. Analyse: from the click on "Analyse" to the first highlight on screen,
 *      for a 5 KB article (target ≤ 500 ms), split into the API's time and
 *      the page's (parse, segment, render).
 *   2. Articles and Dashboards: from navigation to a rendered result list,
 *      and to every chart drawn, over stores of growing size filled with the
 *      synthetic archive of test/web/seed.ts (target ≤ 1 s at 100,000).
 * Times are measured inside the page (performance.now()) so that the
 * browser's remote-control round trips do not count. Median of 5 runs after
 * a warm-up. Run: node --import tsx bench/web.ts [N …]   (default 1000 10000 100000)
 * Writes the `web` section of docs/benchmarks.md.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { ensureWebBuilt, launchBrowser, signIn, startApp, watchedPage } from '../test/web/harness.ts';
import { makeArticle, random, seedArchive, FEEDS, OUTLETS } from '../test/web/seed.ts';
import { machine, writeSection } from './report.ts';

const RUNS = 5;
const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
const SIZES = sizes.length ? sizes : [1_000, 10_000, 100_000];
const CHARTS = 7;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}
const ms = (x: number) => `${Math.round(x)} ms`;

/** A 5 KB article: the test article, then variants of it with other places and people. */
function article5k(): string {
  const base = readFileSync(new URL('../test/web/fixtures/article.txt', import.meta.url), 'utf8').trim();
  const variants: [RegExp, string][][] = [
    [],
    [[/Westport/g, 'Eastbay'], [/Maria Keller/g, 'Lena Ortiz'], [/John Hartley/g, 'Paul Wren'], [/Keller/g, 'Ortiz'], [/Hartley/g, 'Wren']],
    [[/Westport/g, 'Northgate'], [/Maria Keller/g, 'Ines Maarten'], [/Tom Baines/g, 'Ali Demir'], [/Keller/g, 'Maarten']],
  ];
  let text = '';
  for (const v of variants) {
    let t = base;
    for (const [from, to] of v) t = t.replace(from, to);
    text += (text ? '\n\n' : '') + t;
  }
  // cut at a paragraph boundary near 5,000 bytes
  const paragraphs = text.split('\n\n');
  let out = '';
  for (const p of paragraphs) {
    if (Buffer.byteLength(out + '\n\n' + p) > 5_200) break;
    out += (out ? '\n\n' : '') + p;
  }
  return out;
}

/** Time in the page from a click on `button` until `selector` matches `count` elements. */
async function timeClick(page: Page, button: string, selector: string, count = 1): Promise<number> {
  // `void`: evaluate would otherwise wait for the promise, which only the click resolves
  await page.evaluate(`void (window.__bench = new Promise((resolve) => {
    const button = document.querySelector(${JSON.stringify(button)});
    button.addEventListener('click', () => {
      const t0 = performance.now();
      const done = () => document.querySelectorAll(${JSON.stringify(selector)}).length >= ${count};
      const check = () => { if (done()) { observer.disconnect(); resolve(performance.now() - t0); } };
      const observer = new MutationObserver(check);
      observer.observe(document.body, { childList: true, subtree: true });
      check();
    }, { once: true, capture: true });
  }))`);
  await page.click(button);
  return (await page.evaluate('window.__bench')) as number;
}

/** The API's part: the last matching request's duration from the page's resource timing. */
async function apiTime(page: Page, path: string): Promise<number> {
  return (await page.evaluate(`(() => {
    const e = performance.getEntriesByType('resource').filter((r) => r.name.includes(${JSON.stringify(path)})).at(-1);
    return e ? e.responseEnd - e.startTime : NaN;
  })()`)) as number;
}

async function main(): Promise<void> {
  ensureWebBuilt();
  const app = await startApp({ seed: async (store) => {
    await store.upsertSources(OUTLETS);
    await store.upsertFeeds(FEEDS);
  } });
  const browser = await launchBrowser();
  const lines: string[] = [];
  try {
    const { page, cspViolations } = await watchedPage(browser);
    await signIn(page, app.url, app.tokens.read);

    // 1. Analyse a 5 KB article
    const text = article5k();
    const analyse: { total: number; api: number }[] = [];
    for (let i = 0; i < RUNS + 2; i++) {
      await page.goto(`${app.url}/analyse`);
      await page.getByLabel('Text', { exact: true }).fill(text);
      const total = await timeClick(page, 'button[type=submit]', '.article-text mark.hl');
      const api = await apiTime(page, '/api/analyze');
      // the first two build the pipeline and warm the page's code
      if (i >= 2) analyse.push({ total, api });
    }
    const highlights = await page.locator('.article-text mark.hl').count();
    const aTotal = median(analyse.map((r) => r.total));
    const aApi = median(analyse.map((r) => r.api));
    const aPage = median(analyse.map((r) => r.total - r.api));
    console.log(`analyse ${Buffer.byteLength(text)} B: total ${ms(aTotal)}, api ${ms(aApi)}, page ${ms(aPage)} (${highlights} highlights)`);

    // 2. Articles and dashboards at growing store sizes
    const rows: string[] = [];
    const rnd = random(11);
    let have = 0;
    for (const n of SIZES) {
      const t0 = performance.now();
      for (; have < n; ) {
        const count = Math.min(2_000, n - have);
        const items = Array.from({ length: count }, (_, k) => makeArticle(have + k, rnd));
        const writes = await app.store.upsertArticles(items.map((x) => x.article));
        await app.store.saveAnalyses(writes.map((w, k) => ({ articleId: w.id, analysis: items[k]!.analysis, model: { name: 'spinscope', version: '0.1.0' } })));
        have += count;
      }
      const seedS = (performance.now() - t0) / 1000;
      const list: number[] = [];
      const listApi: number[] = [];
      const facets: number[] = [];
      const search: number[] = [];
      const dash: number[] = [];
      for (let i = 0; i < RUNS + 1; i++) {
        // from the Analyse page, by the navigation link: the app is loaded, as a reader would have it
        await page.goto(`${app.url}/analyse`);
        await page.locator('nav a[href="/articles"]').waitFor();
        const l = await timeClick(page, 'nav a[href="/articles"]', '.result-title a', 20);
        const la = await apiTime(page, '/api/articles?limit=20');
        // the facets come in a request of their own; how long after the click they are drawn
        await page.locator('.facet').first().waitFor();
        const f = (await page.evaluate(`(() => {
          const e = performance.getEntriesByType('resource').filter((r) => r.name.includes('facets=true')).at(-1);
          const list = performance.getEntriesByType('resource').filter((r) => r.name.includes('limit=20')).at(-1);
          return e && list ? e.responseEnd - list.startTime : NaN;
        })()`)) as number;
        await page.getByLabel('Search', { exact: true }).fill('pipeline energy');
        const s = await timeClick(page, '.search-form button[type=submit]', '.snippet mark.hit');
        const d = await timeClick(page, 'nav a[href="/dashboards"]', 'figure.chart svg', CHARTS);
        if (i > 0) {
          list.push(l);
          listApi.push(la);
          facets.push(f);
          search.push(s);
          dash.push(d);
        }
      }
      const line = `| ${n.toLocaleString('en-GB')} | ${ms(median(list))} (API ${ms(median(listApi))}) | ${ms(median(facets))} | ${ms(median(search))} | ${ms(median(dash))} | ${seedS.toFixed(0)} s |`;
      console.log(line);
      rows.push(line);
    }
    if (cspViolations.length) console.error('CSP violations during the benchmark:', cspViolations);

    const date = new Date().toISOString().slice(0, 10);
    lines.push(
      '## Web app',
      '',
      `${date}; ${machine()}; Chromium ${browser.version()} headless; real server (\`startServer\`, SQLite in a temporary file), analysis on its worker thread. Times measured in the page from the click to the element on screen; median of ${RUNS} runs after a warm-up. \`node --import tsx bench/web.ts\`.`,
      '',
      `**Analyse** a ${Buffer.byteLength(text).toLocaleString('en-GB')}-byte (5 KB) English article (${highlights} highlights): **${ms(aTotal)}** from the click to the first highlight (target ≤ 500 ms): ${ms(aApi)} in POST /api/analyze (the pipeline), ${ms(aPage)} in the page (JSON, segments, render).`,
      '',
      '**Archive views** over a store of N synthetic articles (test/web/seed.ts: 8 outlets, a year, techniques, quotes, frames, genre, narratives, claims); target ≤ 1 s at 100,000.',
      '',
      '| Articles in store | Article list, 20 results | Facets arrive (their API call) | Search "pipeline energy" | Dashboards, all 7 charts | Filling the store |',
      '|---:|---:|---:|---:|---:|---:|',
      ...rows,
      '',
      'Article list: click on "Articles" to 20 results drawn (API: the page of results, without facets). Facets: the second request, which counts outlets, languages and techniques over every match, from the start of the list request to its answer; the list does not wait for it. Search: submit to the marked snippets. Dashboards: click to the 7th chart drawn (8 API calls in parallel, then Plot).',
    );
    writeSection('web', lines.join('\n'));
  } finally {
    await browser.close();
    await app.close();
  }
}

await main();
