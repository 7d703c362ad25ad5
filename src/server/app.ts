/**
 * The HTTP API and the web app as one Hono app: security headers on
 * everything, CORS only when asked for, the routes (each authenticated,
 * rate-limited and validated by its description, bodies read with a size
 * cap), the web app's files, and errors in one JSON shape.
 */
import { Hono } from 'hono';
import { cors } from 'hono/cors';
import { PipelineError } from '../analyze/pipeline.ts';
import { InputError } from '../ingest/decode-text.ts';
import type { Store } from '../store/types.ts';
import { inProcessAnalyzer, type Analyzer } from './analyzer.ts';
import { RateLimiter } from './auth/rate-limit.ts';
import { CSRF_HEADER, SessionStore } from './auth/sessions.ts';
import type { TokenStore } from './auth/token-store.ts';
import { TokenVerifier } from './auth/verifier.ts';
import type { Deps } from './deps.ts';
import { ApiError, errorBody } from './errors.ts';
import { resolveLimits, type Limits } from './limits.ts';
import { buildOpenApi, loadAnalysisSchema } from './openapi.ts';
import { mountRoutes, type Route } from './route.ts';
import { actorRoutes } from './routes/actors.ts';
import { analyzeRoutes } from './routes/analyze.ts';
import { articleRoutes } from './routes/articles.ts';
import { dashboardRoutes } from './routes/dashboards.ts';
import { metaRoutes } from './routes/meta.ts';
import { sessionRoutes } from './routes/session.ts';
import { sourceRoutes } from './routes/sources.ts';
import { tokenRoutes } from './routes/tokens.ts';
import { securityHeaders } from './security-headers.ts';
import { defaultWebRoot, webApp } from './static.ts';
import { packageVersion } from './version.ts';

export interface AppOptions {
  store: Store;
  tokens: TokenStore;
  /** Default: this thread, with `pipeline`'s defaults (the server passes a worker thread). */
  analyzer?: Analyzer;
  /** Layers and language for POST /api/analyze when the request names none. */
  pipeline?: { layers?: string[]; language?: string };
  limits?: Partial<Limits>;
  /** The built web app; default web/dist beside the package; null: API only. */
  webRoot?: string | null;
  /** An origin allowed to call the API from the browser (`--cors`); none by default. */
  cors?: string;
  /** Non-public hosts that POST /api/analyze may fetch. */
  allowHosts?: readonly string[];
  /** Milliseconds since the epoch: rate limits, sessions, timestamps (tests move it by hand). */
  now?: () => number;
  /** Where failures that are not the client's fault are reported; default: stderr. */
  log?: (line: string) => void;
}

/** Every route the app serves, in the order the OpenAPI document lists them. */
export function apiRoutes(document: () => object, analyzeGate: { running: number }): Route[] {
  return [
    ...metaRoutes(document),
    ...analyzeRoutes(analyzeGate),
    ...articleRoutes(),
    ...dashboardRoutes(),
    ...actorRoutes(),
    ...sourceRoutes(),
    ...tokenRoutes(),
    ...sessionRoutes(),
  ];
}

function toApiError(error: unknown, deps: Deps): ApiError {
  if (error instanceof ApiError) return error;
  // the store's and the pipeline's input errors are the caller's: their messages are written for people
  if (error instanceof InputError || error instanceof PipelineError) return new ApiError('bad_request', error.message);
  deps.log(`internal error: ${(error as Error)?.stack ?? String(error)}`);
  return new ApiError('internal', 'internal error; it has been logged');
}

export function createApp(options: AppOptions): Hono {
  const now = options.now ?? Date.now;
  const limits = resolveLimits(options.limits);
  const log = options.log ?? ((line: string) => process.stderr.write(`spinscope: ${line}\n`));
  const verifier = new TokenVerifier(options.tokens, { now, onError: (e) => log(`cannot record token use: ${(e as Error).message}`) });
  const deps: Deps = {
    store: options.store,
    tokens: options.tokens,
    verifier,
    sessions: new SessionStore({ ttlMs: limits.sessionTtlMs, now }),
    analyzer: options.analyzer ?? inProcessAnalyzer(options.pipeline),
    limiters: {
      requests: new RateLimiter(limits.requests, now),
      analyze: new RateLimiter(limits.analyze, now),
      anonymous: new RateLimiter(limits.anonymous, now),
    },
    limits,
    allowHosts: options.allowHosts ?? [],
    now,
    log,
    version: packageVersion(),
    model: { name: 'spinscope', version: packageVersion() },
  };

  let document: object | undefined;
  const routes = apiRoutes(() => (document ??= buildOpenApi(routes, { version: deps.version, analysisSchema: loadAnalysisSchema() })), { running: 0 });

  const app = new Hono();
  app.use('*', securityHeaders());
  if (options.cors) {
    app.use(
      '/api/*',
      cors({
        origin: options.cors,
        allowMethods: ['GET', 'POST', 'DELETE', 'OPTIONS'],
        allowHeaders: ['Authorization', 'Content-Type', CSRF_HEADER],
        exposeHeaders: ['Retry-After', 'Content-Disposition'],
        maxAge: 600,
      }),
    );
  }
  mountRoutes(app, routes, deps);
  app.use('*', webApp(options.webRoot === undefined ? defaultWebRoot() : options.webRoot));
  app.notFound((c) => {
    const e = new ApiError('not_found', c.req.path.startsWith('/api/') ? `no route ${c.req.method} ${c.req.path}` : `nothing at ${c.req.path}`);
    return c.json(errorBody(e), e.status);
  });
  app.onError((error, c) => {
    const e = toApiError(error, deps);
    for (const [k, v] of Object.entries(e.headers)) c.header(k, v);
    return c.json(errorBody(e), e.status);
  });
  return app;
}
