/**
 * What the browser tests and the web benchmark share: a built web app, the
 * real server on a free port over a temporary SQLite store, a token, and
 * Debian's Chromium driven by playwright-core, with every CSP violation and
 * console error of the page collected.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { openStore } from '../../src/store/index.ts';
import type { Store } from '../../src/store/types.ts';
import { startServer, type RunningServer } from '../../src/server/server.ts';
import { openSqliteTokenStore } from '../../src/server/auth/sqlite-token-store.ts';
import { createToken } from '../../src/server/auth/tokens.ts';
import type { Role } from '../../src/server/auth/roles.ts';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const WEB_DIST = join(ROOT, 'web', 'dist');

function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

/** Builds web/dist when it is missing or older than the app's sources, so a test never runs a stale build. */
export function ensureWebBuilt(): void {
  const index = join(WEB_DIST, 'index.html');
  const sources = Math.max(newest(join(ROOT, 'web', 'src')), statSync(join(ROOT, 'web', 'index.html')).mtimeMs, statSync(join(ROOT, 'web', 'vite.config.ts')).mtimeMs);
  if (existsSync(index) && statSync(index).mtimeMs >= sources) return;
  execFileSync(join(ROOT, 'node_modules', '.bin', 'vite'), ['build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
}

export interface App {
  url: string;
  /** A token of each role. */
  tokens: Record<Role, string>;
  store: Store;
  dbPath: string;
  close(): Promise<void>;
}

/** The server over a fresh SQLite file; `seed` fills the store before the server starts. */
export async function startApp(options: { seed?: (store: Store) => Promise<unknown> } = {}): Promise<App> {
  const dir = mkdtempSync(join(tmpdir(), 'spinscope-web-'));
  const dbPath = join(dir, 'spinscope.db');
  const store = await openStore(dbPath);
  await options.seed?.(store);
  const tokenStore = openSqliteTokenStore(dbPath);
  const tokens = {
    read: (await createToken(tokenStore, 'reader', 'read')).token,
    write: (await createToken(tokenStore, 'writer', 'write')).token,
    admin: (await createToken(tokenStore, 'admin', 'admin')).token,
  };
  let server: RunningServer;
  try {
    server = await startServer({
      store,
      tokens: tokenStore,
      webRoot: WEB_DIST,
      port: 0,
      // the tests make many requests from one token in a short time; rate limits have their own tests
      limits: { requests: { rate: 10_000, burst: 10_000 }, analyze: { rate: 1_000, burst: 1_000 }, anonymous: { rate: 1_000, burst: 1_000 } },
      log: () => undefined,
    });
  } catch (error) {
    await tokenStore.close();
    await store.close();
    throw error;
  }
  return {
    url: server.url,
    tokens,
    store,
    dbPath,
    async close() {
      await server.close();
      await tokenStore.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--disable-quic',
];

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

export interface Watched {
  page: Page;
  /** CSP violations reported by the page (directive and blocked URI). */
  cspViolations: string[];
  /** Console errors and uncaught exceptions. */
  errors: string[];
}

/**
 * A page that reports CSP violations to the test: a listener added before
 * any of the app's scripts run (through the binding, not an inline script,
 * which the CSP would itself refuse), plus Chromium's console messages.
 */
export async function watchedPage(browser: Browser, viewport = { width: 1280, height: 900 }): Promise<Watched> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const cspViolations: string[] = [];
  const errors: string[] = [];
  await page.exposeBinding('__reportCsp', (_source, line: string) => void cspViolations.push(line));
  // a string, not a function: this file is compiled without the DOM's types
  await page.addInitScript({
    content: `document.addEventListener('securitypolicyviolation', (e) => {
      window.__reportCsp(e.violatedDirective + ' ' + e.blockedURI + ' ' + e.sourceFile + ':' + e.lineNumber);
    });`,
  });
  page.on('console', (m) => {
    if (m.type() === 'error') {
      errors.push(m.text());
      if (/Content Security Policy/i.test(m.text())) cspViolations.push(m.text());
    }
  });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  return { page, cspViolations, errors };
}

/** Signs in through the sign-in page, which the app shows for any path while there is no session. */
export async function signIn(page: Page, url: string, token: string, path = '/analyse'): Promise<void> {
  await page.goto(url + path);
  await page.getByLabel('Access token').fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Main' }).waitFor();
  await page.locator('.site-header .role').waitFor();
}
