/**
 * The web app in Chromium against the real server: sign-in, analysing a
 * pasted article (highlights, popover, who said what), search and an
 * article page, a dashboard chart, roles, error messages, and a malicious
 * article that must render inert. Every page is watched for CSP violations.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { TECHNIQUES } from '../../src/analyze/techniques/taxonomy.ts';
import { ensureWebBuilt, launchBrowser, signIn, startApp, watchedPage, type App, type Watched } from './harness.ts';
import { seedArchive } from './seed.ts';

const ARTICLE = readFileSync(new URL('./fixtures/article.txt', import.meta.url), 'utf8');
const TECHNIQUE_NAMES = TECHNIQUES.map((t) => t.name);
/** Analysing loads models on first use: generous, and never an assertion about speed. */
const ANALYSIS_TIMEOUT = 120_000;

let app: App;
let browser: Browser;
const watched: Watched[] = [];

async function page(): Promise<Page> {
  const w = await watchedPage(browser);
  watched.push(w);
  return w.page;
}

function violations(w: Watched): string[] {
  return w.cspViolations;
}

async function analyse(p: Page, text: string, store = false, title?: string): Promise<void> {
  await p.getByLabel('Text', { exact: true }).fill(text);
  if (title) await p.getByLabel('Title (optional)').fill(title);
  if (store) await p.getByLabel(/Store in the archive/).check();
  await p.getByRole('button', { name: 'Analyse' }).click();
  await p.locator('.analysis-result').waitFor({ timeout: ANALYSIS_TIMEOUT });
}

describe('web app', { timeout: 600_000 }, () => {
  before(async () => {
    ensureWebBuilt();
    app = await startApp({ seed: (store) => seedArchive(store, 60, { seed: 7 }) });
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await app?.close();
  });

  it('asks for a token, explains a wrong one, and signs in with a right one', async () => {
    const p = await page();
    await p.goto(`${app.url}/articles`);
    await p.getByRole('heading', { name: 'Sign in' }).waitFor();
    await p.getByLabel('Access token').fill('spn_not-a-real-token');
    await p.getByRole('button', { name: 'Sign in' }).click();
    await p.getByRole('alert').filter({ hasText: 'not valid' }).waitFor();
    await p.getByLabel('Access token').fill(app.tokens.read);
    await p.getByRole('button', { name: 'Sign in' }).click();
    // back on the page that was asked for
    await p.getByRole('heading', { name: 'Articles', level: 1 }).waitFor();
    assert.equal(await p.locator('.site-header .role').textContent(), 'read');
    // a reload keeps the session (cookie) and recovers role and CSRF token
    await p.reload();
    await p.getByRole('heading', { name: 'Articles', level: 1 }).waitFor();
    await p.locator('.site-header .role').waitFor();
    // signing out goes back to the sign-in page
    await p.getByRole('button', { name: 'Sign out' }).click();
    await p.getByRole('heading', { name: 'Sign in' }).waitFor();
    await p.reload();
    await p.getByRole('heading', { name: 'Sign in' }).waitFor();
    assert.deepEqual(violations(watched.at(-1)!), []);
  });

  it('analyses a pasted article: highlights, a popover on focus, the legend and who said what', async () => {
    const p = await page();
    await signIn(p, app.url, app.tokens.write);
    await analyse(p, ARTICLE, true, 'Harbour plan sparks furious row in Westport');
    const marks = p.locator('.article-text mark.hl');
    assert.ok((await marks.count()) > 0, 'no highlights');
    // every highlight has a category colour from the report's palette
    const bg = await marks.first().evaluate((el) => (globalThis as unknown as { getComputedStyle(e: unknown): { backgroundColor: string } }).getComputedStyle(el).backgroundColor);
    assert.match(bg, /^rgb\(/);
    assert.notEqual(bg, 'rgba(0, 0, 0, 0)');

    // keyboard: focus shows the popover with a technique name, definition and confidence; Escape hides it
    await marks.first().focus();
    const popover = p.getByRole('tooltip');
    await popover.waitFor();
    const popText = (await popover.textContent()) ?? '';
    assert.ok(TECHNIQUE_NAMES.some((n) => popText.includes(n)), `no technique name in the popover: ${popText}`);
    assert.match(popText, /Confidence \d+%/);
    const describedBy = await marks.first().getAttribute('aria-describedby');
    assert.ok(describedBy, 'the highlight is not described for screen readers');
    await p.keyboard.press('Escape');
    await popover.waitFor({ state: 'detached' });
    await p.keyboard.press('Tab');
    assert.equal(await p.evaluate('document.activeElement.matches("mark.hl")'), true, 'Tab does not move to the next highlight');
    await popover.waitFor();
    // hover works too
    await p.keyboard.press('Escape');
    await marks.nth(1).hover();
    await popover.waitFor();

    // overlapping techniques are marked as such
    const multi = p.locator('.article-text mark.hl-multi');
    if ((await multi.count()) > 0) assert.ok(Number(await multi.first().getAttribute('data-count')) >= 2);

    // legend with counts that add up to the highlighted spans
    const total = Number((await p.locator('.legend-total strong').textContent())?.replace(/\D/g, ''));
    assert.ok(total > 0);

    // who said what: a row with the speaker's resolved name
    const quotes = p.locator('#panel-quotes table');
    await quotes.getByRole('row').filter({ hasText: 'Maria Keller' }).first().waitFor();
    await p.locator('#panel-genre').getByText(/reporting|opinion|satire/).first().waitFor();
    assert.ok((await p.locator('#panel-frames .bars li').count()) > 0, 'no frames');
    assert.ok((await p.locator('#panel-actors tbody tr').count()) > 0, 'no actors');
    // stored, with a link to the article page
    await p.getByRole('link', { name: /^article \d+$/ }).waitFor();
    assert.deepEqual(violations(watched.at(-1)!), []);
  });

  it('finds a stored article by search, with facets, and opens it with its analysis and history', async () => {
    const p = await page();
    await signIn(p, app.url, app.tokens.read, '/articles');
    await p.locator('.facets .facet').first().waitFor();
    assert.ok((await p.locator('.facet a').count()) > 0, 'no facets');
    await p.getByLabel('Search', { exact: true }).fill('Westport harbour');
    await p.getByRole('button', { name: 'Search' }).click();
    await p.waitForURL(/q=Westport/);
    const result = p.locator('.result-title a').filter({ hasText: 'Harbour plan sparks furious row' });
    await result.waitFor();
    assert.ok((await p.locator('.snippet mark.hit').count()) > 0, 'no matched terms in the snippet');
    await result.click();
    await p.getByRole('heading', { name: 'Harbour plan sparks furious row in Westport', level: 1 }).waitFor();
    assert.ok((await p.locator('.article-text mark.hl').count()) > 0);
    await p.locator('#panel-history tbody tr').first().waitFor();
    // a filter from the facets narrows the list
    await p.goBack();
    await p.goto(`${app.url}/articles?source=eastern-voice.example`);
    await p.locator('.result-count').filter({ hasText: /\d+ article/ }).waitFor();
    const sources = await p.locator('.result-meta > span:first-child').allTextContents();
    assert.ok(sources.length > 0 && sources.every((s) => s === 'eastern-voice.example'), sources.join());
    assert.deepEqual(violations(watched.at(-1)!), []);
  });

  it('draws the dashboards as charts with captions and tables, within the CSP', async () => {
    const p = await page();
    await signIn(p, app.url, app.tokens.read, '/dashboards');
    const chart = p.locator('#chart-technique-outlet svg');
    await chart.waitFor();
    assert.ok((await chart.locator('g[aria-label="cell"] rect').count()) > 0, 'the heatmap has no cells');
    await p.locator('#chart-category-outlet svg g[aria-label="bar"] rect').first().waitFor();
    await p.locator('#chart-category-time svg g[aria-label="line"] path').first().waitFor();
    await p.locator('#chart-actors svg g[aria-label="bar"] rect').first().waitFor();
    assert.ok((await p.locator('figure.chart figcaption').count()) >= 5);
    // Plot's pointer tip, also within the CSP
    await chart.locator('g[aria-label="cell"] rect').first().hover();
    await chart.locator('g[aria-label="tip"]').waitFor();
    // the table fallback holds the same numbers
    await p.locator('#chart-technique-outlet summary').click();
    assert.ok((await p.locator('#chart-technique-outlet table tbody tr').count()) > 0);
    // Plot's inline <style> never reaches the page
    assert.equal(await p.locator('svg style').count(), 0);
    assert.deepEqual(violations(watched.at(-1)!), []);
  });

  it('lists an actor’s quotes across articles with the techniques in them', async () => {
    const p = await page();
    await signIn(p, app.url, app.tokens.read, '/actors');
    await p.getByRole('link', { name: 'Maria Keller' }).first().click();
    await p.getByRole('heading', { name: 'Maria Keller', level: 1 }).waitFor();
    await p.locator('.actor-quote').first().waitFor();
    assert.ok((await p.locator('.actor-quote').count()) > 1);
    assert.deepEqual(violations(watched.at(-1)!), []);
  });

  it('shows feeds to every role and pause/resume only to roles that may write', async () => {
    const reader = await page();
    await signIn(reader, app.url, app.tokens.read, '/sources');
    await reader.locator('.feeds-table tbody tr').first().waitFor();
    assert.equal(await reader.getByRole('button', { name: /^(Pause|Resume) / }).count(), 0);
    await reader.goto(`${app.url}/analyse`);
    assert.equal(await reader.getByLabel(/Store in the archive/).isDisabled(), true);

    const writer = await page();
    await signIn(writer, app.url, app.tokens.write, '/sources');
    const pause = writer.getByRole('button', { name: 'Pause Daily Herald — top stories' });
    await pause.click();
    await writer.getByRole('button', { name: 'Resume Daily Herald — top stories' }).waitFor();
    const feed = (await app.store.listFeeds({ includePaused: true })).find((f) => f.title === 'Daily Herald — top stories');
    assert.equal(feed?.paused, true);
    await writer.getByRole('button', { name: 'Resume Daily Herald — top stories' }).click();
    await writer.getByRole('button', { name: 'Pause Daily Herald — top stories' }).waitFor();
    assert.deepEqual(violations(watched.at(-2)!), []);
    assert.deepEqual(violations(watched.at(-1)!), []);
  });

  it('explains 403 and 429 answers', async () => {
    const p = await page();
    await signIn(p, app.url, app.tokens.read, '/analyse');
    await p.route('**/api/articles?*', (route) =>
      route.fulfill({ status: 429, headers: { 'Retry-After': '7', 'Content-Type': 'application/json' }, body: JSON.stringify({ error: { code: 'rate_limited', message: 'too many requests; try again in 7 s' } }) }),
    );
    await p.getByRole('link', { name: 'Articles' }).click();
    await p.getByRole('alert').filter({ hasText: 'Too many requests. Try again in 7 s.' }).waitFor();
    await p.unroute('**/api/articles?*');
    await p.route('**/api/feeds', (route) =>
      route.fulfill({ status: 403, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ error: { code: 'forbidden', message: 'this needs the write role; the token has read' } }) }),
    );
    await p.getByRole('link', { name: 'Sources' }).click();
    await p.getByRole('alert').filter({ hasText: 'Not allowed for your role (read)' }).waitFor();
  });

  it('renders a malicious article inert', async () => {
    const hostile = [
      'Breaking <script>window.__pwned=1</script> news',
      '',
      'Officials <img src=x onerror="window.__pwned=2"> said the corrupt elite lied. "This is a shameful betrayal," said Maria Keller.',
      '',
      'The disgraceful corrupt elite lies again and again. '.repeat(4000).slice(0, 200_000),
    ].join('\n');
    const w = await watchedPage(browser);
    watched.push(w);
    const p = w.page;
    await signIn(p, app.url, app.tokens.write);
    await analyse(p, hostile, true);
    await p.locator('.article-text mark.hl').first().waitFor();
    const stored = Number((await p.getByRole('link', { name: /^article \d+$/ }).textContent())?.replace(/\D/g, ''));

    // the same text stored with a javascript: URL, a hostile title and a debunk link of the same kind
    const analysis = (await app.store.latestAnalysis(stored))!.analysis;
    const [written] = await app.store.upsertArticles([
      { url: 'javascript:alert(1)', title: '<img src=x onerror="window.__pwned=3">Hostile', authors: ['<script>window.__pwned=4</script>'], text: analysis.text, publishedAt: '2024-06-01T00:00:00Z' },
    ]);
    await app.store.saveAnalyses([{ articleId: written!.id, analysis: { ...analysis, title: '<script>window.__pwned=5</script>' }, model: { name: 'spinscope', version: 'test' } }]);

    const check = async (where: string) => {
      assert.equal(await p.evaluate('typeof window.__pwned'), 'undefined', `${where}: the article's code ran`);
      const scripts = (await p.evaluate('[...document.scripts].map((s) => s.src || s.textContent)')) as string[];
      assert.ok(scripts.every((s) => /\/assets\/[\w-]+\.js$/.test(s)), `${where}: a script element not of the app: ${scripts.join(' | ').slice(0, 200)}`);
      assert.equal(await p.locator('img[src="x"]').count(), 0, `${where}: the article's <img> became an element`);
      assert.equal(await p.locator('a[href^="javascript:" i]').count(), 0, `${where}: a javascript: link`);
      // no horizontal scrolling from the 200,000-character line: the page stays readable
      assert.equal(await p.evaluate('document.documentElement.scrollWidth <= window.innerWidth + 1'), true, `${where}: the long line widens the page`);
    };
    await check('analyse page');
    assert.ok((await p.locator('.article-text').textContent())!.includes('<script>window.__pwned=1</script>'), 'the markup is not shown as text');

    await p.goto(`${app.url}/articles/${written!.id}`);
    await p.locator('.article-text mark.hl').first().waitFor({ timeout: ANALYSIS_TIMEOUT });
    await check('article page');
    await p.locator('.article-meta .unsafe-url').filter({ hasText: 'javascript:alert(1)' }).waitFor();
    await p.getByRole('heading', { level: 1 }).filter({ hasText: '<img src=x onerror="window.__pwned=3">Hostile' }).waitFor();

    await p.goto(`${app.url}/articles?q=disgraceful`);
    await p.locator('.result-title a').first().waitFor();
    await check('search page');

    // still usable: highlights take focus and the navigation works
    await p.goto(`${app.url}/articles/${written!.id}`);
    await p.locator('.article-text mark.hl').first().focus();
    await p.getByRole('tooltip').waitFor();
    await p.getByRole('link', { name: 'Dashboards' }).click();
    await p.getByRole('heading', { name: 'Dashboards', level: 1 }).waitFor();
    await check('after navigating');
    assert.deepEqual(w.cspViolations, []);
    assert.deepEqual(w.errors.filter((e) => !/status of 401/.test(e)), []);
  });
});
