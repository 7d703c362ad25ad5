/**
 * Screenshots of every page for the docs (docs/screenshots/*.png, 1280×900):
 * the real server over a made-up archive, the harbour article analysed and
 * stored through the Analyse page. Run: node --import tsx test/web/screenshots.ts
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureWebBuilt, launchBrowser, ROOT, signIn, startApp, watchedPage } from './harness.ts';
import { seedArchive } from './seed.ts';

const OUT = join(ROOT, 'docs', 'screenshots');
mkdirSync(OUT, { recursive: true });
ensureWebBuilt();
const app = await startApp({ seed: (store) => seedArchive(store, 400, { seed: 3 }) });
const browser = await launchBrowser();
try {
  const w = await watchedPage(browser);
  const page = w.page;
  const shot = async (name: string) => {
    await page.screenshot({ path: join(OUT, `${name}.png`) });
    console.log(`docs/screenshots/${name}.png`);
  };

  const signInPage = await watchedPage(browser);
  await signInPage.page.goto(`${app.url}/analyse`);
  await signInPage.page.getByLabel('Access token').waitFor();
  await signInPage.page.screenshot({ path: join(OUT, 'sign-in.png') });
  console.log('docs/screenshots/sign-in.png');

  await signIn(page, app.url, app.tokens.write);
  await page.getByLabel('Text', { exact: true }).fill(readFileSync(new URL('./fixtures/article.txt', import.meta.url), 'utf8'));
  await page.getByLabel('Title (optional)').fill('Harbour plan sparks furious row in Westport');
  await page.getByLabel(/Store in the archive/).check();
  await page.getByRole('button', { name: 'Analyse' }).click();
  await page.locator('.article-text mark.hl').first().waitFor({ timeout: 120_000 });
  const articleId = Number((await page.getByRole('link', { name: /^article \d+$/ }).textContent())?.replace(/\D/g, ''));
  // a highlight where techniques overlap, with its popover open
  const mark = (await page.locator('.article-text mark.hl-multi').count()) > 0 ? page.locator('.article-text mark.hl-multi').first() : page.locator('.article-text mark.hl').nth(2);
  await page.locator('.analysis-meta').evaluate((el) => (el as unknown as { scrollIntoView(o: object): void }).scrollIntoView({ block: 'start' }));
  await mark.focus();
  await page.getByRole('tooltip').waitFor();
  await shot('analyse');
  await page.locator('#panel-quotes').evaluate((el) => (el as unknown as { scrollIntoView(o: object): void }).scrollIntoView({ block: 'start' }));
  await shot('analyse-who-said-what');

  await page.goto(`${app.url}/articles?q=energy`);
  await page.locator('.result-title a').first().waitFor();
  await shot('articles');

  await page.goto(`${app.url}/articles/${articleId}`);
  await page.locator('.article-text mark.hl').first().waitFor();
  await shot('article');

  // a seeded article whose claim matches a known case, scrolled to the claims and the debunk
  let withCase = 0;
  for (let id = 1; id <= 400 && !withCase; id++) if ((await app.store.latestAnalysis(id))?.analysis.layers['known-cases']) withCase = id;
  if (withCase) {
    await page.goto(`${app.url}/articles/${withCase}`);
    await page.locator('#panel-cases .case').first().waitFor();
    await page.locator('.panels').evaluate((el) => (el as unknown as { scrollIntoView(o: object): void }).scrollIntoView({ block: 'start' }));
    await shot('article-claims-cases');
  }

  await page.goto(`${app.url}/dashboards`);
  await page.locator('#chart-category-time svg').waitFor();
  await page.locator('#chart-technique-outlet svg').waitFor();
  await shot('dashboards');
  await page.locator('#dash-frames').evaluate((el) => (el as unknown as { scrollIntoView(o: object): void }).scrollIntoView({ block: 'start' }));
  await page.locator('#chart-frames-outlet svg').waitFor();
  await shot('dashboards-frames');

  await page.goto(`${app.url}/actors/${encodeURIComponent('person:maria-keller')}`);
  await page.locator('.actor-quote').first().waitFor();
  await shot('actor');

  await page.goto(`${app.url}/sources`);
  await page.locator('.feeds-table tbody tr').first().waitFor();
  await shot('sources');

  if (w.cspViolations.length) console.error('CSP violations:', w.cspViolations);
} catch (error) {
  await browser.contexts()[0]?.pages()[0]?.screenshot({ path: '/tmp/screenshot-failure.png' }).catch(() => undefined);
  throw error;
} finally {
  await browser.close();
  await app.close();
}
