/**
 * For the server's tests: the store's known fixture in an in-memory SQLite
 * store, one token per role, a clock the test moves by hand, and a helper
 * that calls the app in-process. Real parts throughout; nothing mocked.
 */
import type { Hono } from 'hono';
import { loadFixture, type FixtureIds } from '../store/fixtures.ts';
import { openStore } from '../store/open.ts';
import type { Store } from '../store/types.ts';
import { createApp, type AppOptions } from './app.ts';
import { openSqliteTokenStore } from './auth/sqlite-token-store.ts';
import type { TokenStore } from './auth/token-store.ts';
import { createToken } from './auth/tokens.ts';

export interface Clock {
  now: () => number;
  advance(ms: number): void;
}

export function manualClock(start = Date.parse('2025-06-01T12:00:00Z')): Clock {
  let t = start;
  return { now: () => t, advance: (ms) => void (t += ms) };
}

export interface Fixture {
  app: Hono;
  store: Store;
  tokenStore: TokenStore;
  ids: FixtureIds;
  token: { read: string; write: string; admin: string };
  clock: Clock;
  close(): Promise<void>;
}

export async function fixtureApp(options: Partial<AppOptions> = {}): Promise<Fixture> {
  const store = options.store ?? (await openStore(':memory:'));
  const ids = await loadFixture(store);
  const tokenStore = options.tokens ?? openSqliteTokenStore(':memory:');
  const clock = manualClock();
  const token = {
    read: (await createToken(tokenStore, 'reader', 'read')).token,
    write: (await createToken(tokenStore, 'writer', 'write')).token,
    admin: (await createToken(tokenStore, 'admin', 'admin')).token,
  };
  const app = createApp({ webRoot: null, pipeline: { layers: ['sentences'] }, now: clock.now, log: () => {}, ...options, store, tokens: tokenStore });
  return {
    app,
    store,
    tokenStore,
    ids,
    token,
    clock,
    close: async () => {
      await tokenStore.close();
      await store.close();
    },
  };
}

export interface CallOptions {
  token?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface Answer {
  status: number;
  headers: Headers;
  /** Parsed JSON when the answer is JSON, else the text; loosely typed, as tests read it. */
  body: any;
  text: string;
}

export async function call(app: Hono, method: string, path: string, options: CallOptions = {}): Promise<Answer> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | undefined;
  if (options.body !== undefined) {
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
    headers['content-type'] ??= 'application/json';
  }
  const res = await app.request(path, { method, headers, ...(body !== undefined && { body }) });
  const text = await res.text();
  const json = (res.headers.get('content-type') ?? '').includes('application/json') && text ? JSON.parse(text) : text;
  return { status: res.status, headers: res.headers, body: json, text };
}
