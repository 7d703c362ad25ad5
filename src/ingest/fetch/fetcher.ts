/**
 * The safe fetcher: http(s) GET with an address policy checked on the
 * connected address of every hop, robots.txt, per-host politeness, retries,
 * size and decompression limits, and charset decoding. One Fetcher holds its
 * robots cache and host schedule; nothing is global, so two fetchers with
 * different allow lists cannot leak into each other.
 */
import { isIP } from 'node:net';
import { InputError } from '../decode-text.ts';
import { type Target, describeRefusal, refusal } from './address-policy.ts';
import { type AllowList, parseAllowList } from './allow-list.ts';
import { chooseCharset, decodeBody, mediaType } from './charset.ts';
import { ACCEPT_ENCODING } from './decompress.ts';
import { type Exchange, networkFailure, openExchange } from './exchange.ts';
import { FetchFailure, describeSeconds, redactUrl } from './failure.ts';
import { type Resolver, guardedLookup, systemResolver } from './guarded-lookup.ts';
import { type Clock, HostSchedule, type Sleep } from './host-schedule.ts';
import { RETRY_STATUSES, backoffDelay, parseRetryAfter } from './retry.ts';
import { ALLOW_ALL, DISALLOW_ALL, parseRobots } from './robots.ts';
import { RobotsCache, type RobotsVerdict } from './robots-cache.ts';

export const USER_AGENT = 'spinscope/0.1 (+https://github.com/spinscope/spinscope)';
export const DEFAULT_FETCH_MAX_BYTES = 10 * 1024 * 1024;

export interface FetcherOptions {
  /** Non-public hosts, host:port pairs, addresses or CIDR ranges that may still be reached (`--allow-host`). */
  allow?: readonly string[];
  userAgent?: string;
  /** Cap on the body, compressed and decompressed (default 10 MB). */
  maxBytes?: number;
  /** Cap on decompressed bytes per compressed byte for bodies over 1 MB (default 100). */
  maxRatio?: number;
  /** DNS plus TCP connect, per request (default 10 s). */
  connectTimeoutMs?: number;
  /** Request to last body byte, per request: each redirect hop and each retry has its own (default 30 s). */
  timeoutMs?: number;
  maxRedirects?: number;
  /** Tries per request, for 429/502/503/504 and transient network errors (default 3). */
  maxAttempts?: number;
  /** First backoff delay; it doubles per attempt, half of it jittered (default 1 s). */
  retryBaseMs?: number;
  /** A Retry-After longer than this fails the fetch instead of waiting (default 2 min). */
  maxRetryAfterMs?: number;
  /** Minimum time between request starts to one host; a larger Crawl-delay wins (default 1 s). */
  minIntervalMs?: number;
  /** For a user fetching one URL by hand; crawls must leave it off. */
  ignoreRobots?: boolean;
  resolve?: Resolver;
  sleep?: Sleep;
  /** Milliseconds since the epoch; drives politeness, robots expiry, Retry-After dates and fetchedAt. */
  now?: Clock;
  /** In [0, 1); the backoff jitter. */
  random?: () => number;
}

export interface FetchOptions {
  /** From an earlier fetch: sent as If-None-Match. */
  etag?: string;
  /** From an earlier fetch: sent as If-Modified-Since. */
  lastModified?: string;
}

export interface FetchResult {
  /** As requested, without any user name or password. */
  url: string;
  /** After redirects, without any user name or password. */
  finalUrl: string;
  status: number;
  /** Lowercased names. */
  headers: Record<string, string>;
  /** Media type only, lowercased (`text/html`); empty when the server sent none. */
  contentType: string;
  /** WHATWG encoding name the text was decoded with. */
  charset: string;
  /** The body after Content-Encoding was undone, before charset decoding. */
  bytes: Uint8Array;
  /** Decoded leniently: invalid sequences become U+FFFD, a BOM is dropped. */
  text: string;
  etag?: string;
  lastModified?: string;
  /** The server answered 304 to a conditional request: bytes and text are empty. */
  notModified: boolean;
  /** Each URL a redirect led to, in order; the last is finalUrl. */
  redirects: string[];
  /** ISO 8601. */
  fetchedAt: string;
}

interface Settings {
  userAgent: string;
  maxBytes: number;
  maxRatio: number;
  connectTimeoutMs: number;
  timeoutMs: number;
  maxRedirects: number;
  maxAttempts: number;
  retryBaseMs: number;
  maxRetryAfterMs: number;
  minIntervalMs: number;
  ignoreRobots: boolean;
}

const DEFAULTS: Settings = {
  userAgent: USER_AGENT,
  maxBytes: DEFAULT_FETCH_MAX_BYTES,
  maxRatio: 100,
  connectTimeoutMs: 10_000,
  timeoutMs: 30_000,
  maxRedirects: 5,
  maxAttempts: 3,
  retryBaseMs: 1000,
  maxRetryAfterMs: 120_000,
  minIntervalMs: 1000,
  ignoreRobots: false,
};

const ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,text/plain;q=0.8,*/*;q=0.5';
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
/** RFC 9309 asks crawlers to read at least the first 500 KiB. */
const ROBOTS_MAX_BYTES = 512 * 1024;
const ROBOTS_TTL_MS = 24 * 60 * 60 * 1000;
/** A robots.txt that answered 5xx blocks the site only this long before it is asked again. */
const ROBOTS_RETRY_MS = 60 * 1000;

const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** A final answer: the body is read only for 2xx. */
interface Answer {
  status: number;
  statusText: string;
  headers: Record<string, string>;
  body?: Uint8Array;
}

function withoutCredentials(text: string): string {
  return text.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#@]*@/i, '$1');
}

function parseRequested(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new InputError(`${withoutCredentials(url)}: not a valid URL`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new InputError(`${redactUrl(parsed)}: only http and https URLs can be fetched`);
  }
  return parsed;
}

/** URL user info is percent-encoded; a malformed escape is sent as written rather than failing the fetch. */
function unescapeUserInfo(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function targetOf(url: URL): Target {
  return { host: url.hostname.replace(/^\[|\]$/g, ''), port: Number(url.port) || (url.protocol === 'https:' ? 443 : 80) };
}

function answered(exchange: Exchange): string {
  return `server answered ${exchange.status} ${exchange.statusText}`.trim();
}

function afterAttempts(message: string, attempts: number): string {
  return attempts > 1 ? `${message} after ${attempts} attempts` : message;
}

/** Where a redirect leads, or undefined when `exchange` is not one. */
function redirectTarget(exchange: Exchange, from: URL): URL | undefined {
  const location = exchange.headers.location;
  if (!REDIRECTS.has(exchange.status) || !location) return undefined;
  let next: URL;
  try {
    next = new URL(location, from);
  } catch {
    throw new FetchFailure(`redirect to an invalid URL '${withoutCredentials(location)}'`, 'redirect');
  }
  if (next.protocol !== 'http:' && next.protocol !== 'https:') {
    throw new FetchFailure(`redirect to ${redactUrl(next)}, which is not an http or https URL`, 'redirect');
  }
  next.hash = '';
  return next;
}

export class Fetcher {
  private readonly settings: Settings;
  private readonly allow: AllowList;
  private readonly resolve: Resolver;
  private readonly sleep: Sleep;
  private readonly now: Clock;
  private readonly random: () => number;
  private readonly schedule: HostSchedule;
  private readonly robots: RobotsCache;
  /** The product token robots.txt groups are matched against. */
  private readonly robotsToken: string;

  constructor(options: FetcherOptions = {}) {
    const settings: Record<string, unknown> = { ...DEFAULTS };
    for (const key of Object.keys(DEFAULTS) as (keyof Settings)[]) {
      if (options[key] !== undefined) settings[key] = options[key];
    }
    this.settings = settings as unknown as Settings;
    this.allow = parseAllowList(options.allow);
    this.resolve = options.resolve ?? systemResolver;
    this.sleep = options.sleep ?? realSleep;
    this.now = options.now ?? Date.now;
    this.random = options.random ?? Math.random;
    this.schedule = new HostSchedule(this.now, this.sleep);
    this.robots = new RobotsCache((origin) => this.loadRobots(origin), this.now);
    this.robotsToken = /^[A-Za-z_-]+/.exec(this.settings.userAgent)?.[0] ?? 'spinscope';
  }

  async fetch(url: string, options: FetchOptions = {}): Promise<FetchResult> {
    const requested = parseRequested(url);
    const shown = redactUrl(requested);
    const headers: Record<string, string> = {
      'user-agent': this.settings.userAgent,
      accept: ACCEPT,
      'accept-encoding': ACCEPT_ENCODING,
      ...(options.etag !== undefined && { 'if-none-match': options.etag }),
      ...(options.lastModified !== undefined && { 'if-modified-since': options.lastModified }),
    };
    const redirects: string[] = [];
    const visited = new Set([requested.href]);
    let current = requested;
    try {
      for (;;) {
        const answer = await this.request(current, requested, headers, redirects.length === 0);
        if (!answer.next) return this.result(requested, current, answer, redirects, options);
        const next = answer.next;
        if (visited.has(next.href)) throw new FetchFailure(`redirect loop (back to ${redactUrl(next)})`, 'redirect');
        if (redirects.length >= this.settings.maxRedirects) throw new FetchFailure(`more than ${this.settings.maxRedirects} redirects`, 'redirect');
        visited.add(next.href);
        redirects.push(redactUrl(next));
        current = next;
      }
    } catch (error) {
      if (!(error instanceof FetchFailure)) throw error;
      const where = current === requested || error.kind === 'redirect' ? shown : `${shown} → ${redactUrl(current)}`;
      throw new InputError(`${where}: ${error.message}`);
    }
  }

  private result(requested: URL, final: URL, answer: Answer, redirects: string[], options: FetchOptions): FetchResult {
    const bytes = answer.body ?? new Uint8Array();
    const notModified = answer.status === 304;
    const { charset } = chooseCharset(bytes, answer.headers['content-type']);
    const etag = answer.headers.etag ?? (notModified ? options.etag : undefined);
    const lastModified = answer.headers['last-modified'] ?? (notModified ? options.lastModified : undefined);
    return {
      url: redactUrl(requested),
      finalUrl: redactUrl(final),
      status: answer.status,
      headers: answer.headers,
      contentType: mediaType(answer.headers['content-type']),
      charset,
      bytes,
      text: bytes.length ? decodeBody(bytes, charset) : '',
      ...(etag !== undefined && { etag }),
      ...(lastModified !== undefined && { lastModified }),
      notModified,
      redirects,
      fetchedAt: new Date(this.now()).toISOString(),
    };
  }

  /**
   * One hop: robots.txt, the host's turn, then the request with retries.
   * Redirect hops go out without waiting for a turn (a redirect chain is one
   * page load, as in a browser) but still push the host's next turn back.
   */
  private async request(url: URL, requested: URL, headers: Record<string, string>, waitTurn: boolean): Promise<Answer & { next?: URL }> {
    let interval = this.settings.minIntervalMs;
    this.refuseLiteral(url);
    if (!this.settings.ignoreRobots) {
      const verdict = await this.robots.get(url.origin);
      if (verdict.unavailable) throw new FetchFailure(`blocked by robots.txt (${verdict.unavailable})`, 'robots');
      if (!verdict.rules.allows(`${url.pathname}${url.search}`)) throw new FetchFailure('blocked by robots.txt', 'robots');
      interval = Math.max(interval, verdict.rules.crawlDelayMs ?? 0);
    }
    const { maxAttempts, retryBaseMs, maxRetryAfterMs } = this.settings;
    const host = url.hostname;
    for (let attempt = 1; ; attempt++) {
      if (waitTurn || attempt > 1) await this.schedule.take(host, interval);
      else this.schedule.touch(host, interval);
      let retryIn: number;
      try {
        const exchange = await this.send(url, headers, url.origin === requested.origin ? requested : undefined);
        let next: URL | undefined;
        let body: Uint8Array | undefined;
        try {
          next = redirectTarget(exchange, url);
          if (!next && exchange.status >= 200 && exchange.status < 300 && exchange.status !== 204) {
            body = await exchange.body({ maxBytes: this.settings.maxBytes, maxRatio: this.settings.maxRatio });
          }
        } finally {
          exchange.discard(); // whatever happened, the connection and its timers go
        }
        if (next || exchange.status === 304 || (exchange.status >= 200 && exchange.status < 300)) {
          return { status: exchange.status, statusText: exchange.statusText, headers: exchange.headers, ...(next && { next }), ...(body && { body }) };
        }
        if (!RETRY_STATUSES.has(exchange.status) || attempt >= maxAttempts) {
          throw new FetchFailure(afterAttempts(answered(exchange), attempt), 'status');
        }
        const asked = parseRetryAfter(exchange.headers['retry-after'], this.now());
        if (asked !== undefined && asked > maxRetryAfterMs) {
          throw new FetchFailure(`${answered(exchange)} and asks to wait ${describeSeconds(asked)}`, 'status');
        }
        retryIn = asked ?? backoffDelay(attempt, retryBaseMs, this.random);
      } catch (error) {
        const failure = networkFailure(error);
        if (!failure.retryable) throw failure;
        if (attempt >= maxAttempts) throw new FetchFailure(afterAttempts(failure.message, attempt), failure.kind);
        retryIn = backoffDelay(attempt, retryBaseMs, this.random);
      }
      await this.sleep(retryIn);
    }
  }

  /** An IP literal never goes through DNS, so it is checked here, before anything connects. */
  private refuseLiteral(url: URL): void {
    const target = targetOf(url);
    if (!isIP(target.host)) return;
    const refused = refusal(target, target.host, this.allow);
    if (refused) throw new FetchFailure(`refused: ${describeRefusal(refused)}`, 'refused');
  }

  private send(url: URL, headers: Record<string, string>, credentialsFrom?: URL): Promise<Exchange> {
    this.refuseLiteral(url);
    const target = targetOf(url);
    const user = unescapeUserInfo(credentialsFrom?.username ?? '');
    const password = unescapeUserInfo(credentialsFrom?.password ?? '');
    return openExchange({
      url,
      headers,
      ...((user || password) && { auth: `${user}:${password}` }),
      lookup: guardedLookup(target, this.allow, this.resolve),
      checkPeer: (address) => {
        const refused = refusal(target, address, this.allow);
        return refused && describeRefusal(refused);
      },
      connectTimeoutMs: this.settings.connectTimeoutMs,
      timeoutMs: this.settings.timeoutMs,
    });
  }

  /**
   * RFC 9309: 2xx gives rules; 4xx (and a redirect that leads nowhere) means
   * no rules; 5xx and 429 mean stay away for now. A transport failure on the
   * origin itself is thrown as is, because the page would fail the same way.
   */
  private async loadRobots(origin: string): Promise<RobotsVerdict> {
    const allowAll: RobotsVerdict = { rules: ALLOW_ALL, ttlMs: ROBOTS_TTL_MS };
    const stayAway = (why: string): RobotsVerdict => ({ rules: DISALLOW_ALL, unavailable: why, ttlMs: ROBOTS_RETRY_MS });
    const headers = { 'user-agent': this.settings.userAgent, accept: 'text/plain', 'accept-encoding': ACCEPT_ENCODING };
    let url = new URL('/robots.txt', origin);
    for (let hop = 0; ; hop++) {
      let exchange: Exchange;
      try {
        exchange = await this.send(url, headers);
      } catch (error) {
        const failure = networkFailure(error);
        if (hop === 0) throw failure;
        return failure.kind === 'refused' ? allowAll : stayAway(`reading it failed: ${failure.message}`);
      }
      let next: URL | undefined;
      try {
        next = redirectTarget(exchange, url);
      } catch {
        next = undefined;
      }
      if (REDIRECTS.has(exchange.status)) {
        exchange.discard();
        if (!next || hop >= this.settings.maxRedirects) return allowAll;
        url = next;
        continue;
      }
      if (exchange.status >= 200 && exchange.status < 300) {
        try {
          const body = await exchange.body({ maxBytes: ROBOTS_MAX_BYTES, maxRatio: this.settings.maxRatio, truncate: true });
          return { rules: parseRobots(decodeBody(body, 'utf-8'), this.robotsToken), ttlMs: ROBOTS_TTL_MS };
        } catch (error) {
          const failure = networkFailure(error);
          if (hop === 0 && (failure.kind === 'network' || failure.kind === 'timeout')) throw failure;
          return stayAway(`reading it failed: ${failure.message}`);
        }
      }
      exchange.discard();
      if (exchange.status === 429 || exchange.status >= 500) return stayAway(`it answered ${exchange.status} ${exchange.statusText}; try again later`);
      return allowAll;
    }
  }
}

/** One fetch with a fresh Fetcher: for a single URL; a crawl should share one Fetcher. */
export function fetchUrl(url: string, options: FetcherOptions & FetchOptions = {}): Promise<FetchResult> {
  return new Fetcher(options).fetch(url, options);
}
