/**
 * One description per route, used twice: to register it on the app (with
 * authentication, rate limits and input validation done the same way for
 * all) and to write the OpenAPI document. A route cannot exist without its
 * description, so the document cannot fall behind the app.
 */
import type { Context, Hono } from 'hono';
import { z } from 'zod';
import { authenticate, clientAddress, type Caller } from './auth/authenticate.ts';
import { allows, type Role } from './auth/roles.ts';
import type { Deps } from './deps.ts';
import { jsonBody } from './body.ts';
import { ApiError, summarizeIssues, type ErrorCode } from './errors.ts';

/** `public`: no credentials; otherwise the least role that may call it. */
export type Access = 'public' | Role;

export interface HandlerInput<Q, P, B> {
  c: Context;
  query: Q;
  params: P;
  body: B;
  /** Undefined only on public routes. */
  caller: Caller | undefined;
  deps: Deps;
}

export interface RouteSpec<Q extends z.ZodType, P extends z.ZodType, B extends z.ZodType> {
  method: 'get' | 'post' | 'delete';
  /** Hono syntax: `/api/articles/:id`. */
  path: string;
  access: Access;
  tag: string;
  summary: string;
  description?: string;
  query?: Q;
  params?: P;
  body?: B;
  /** The JSON body of a success; omit for `produces`. */
  response?: z.ZodType;
  status?: 200 | 201;
  /** A success that is not JSON (a download, a web page). */
  produces?: { mediaTypes: string[]; description: string };
  /** Codes this route answers beyond those its access, parameters and body imply. */
  errors?: ErrorCode[];
  /** Also costs one from the per-token analyze bucket. */
  analyze?: boolean;
  /** Public routes that take a secret (sign-in) are limited per client address. */
  limitAnonymous?: boolean;
  handle(input: HandlerInput<z.output<Q>, z.output<P>, z.output<B>>): Promise<unknown> | unknown;
}

/** A route with its input types erased, so that routes of different shapes fit one list (defineRoute checked them). */
export type Route = RouteSpec<any, any, any>;

export function defineRoute<Q extends z.ZodType = z.ZodUndefined, P extends z.ZodType = z.ZodUndefined, B extends z.ZodType = z.ZodUndefined>(
  spec: RouteSpec<Q, P, B>,
): Route {
  return spec as Route;
}

/** The error codes a route can answer, for its OpenAPI responses. */
export function routeErrors(route: Route): ErrorCode[] {
  const codes = new Set<ErrorCode>(route.errors ?? []);
  if (route.query || route.params || route.body) codes.add('bad_request');
  if (route.body) {
    codes.add('payload_too_large');
    codes.add('unsupported_media_type');
  }
  if (route.access !== 'public') {
    codes.add('unauthorized');
    codes.add('rate_limited');
    if (route.access !== 'read' || route.method !== 'get') codes.add('forbidden');
  }
  if (route.limitAnonymous) codes.add('rate_limited');
  codes.add('internal');
  return [...codes].sort();
}

function validate<T extends z.ZodType>(schema: T, value: unknown, where: string): z.output<T> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new ApiError('bad_request', summarizeIssues(where, parsed.error));
  return parsed.data;
}

/** The query string as an object: a parameter given once is a string, one given several times a list. */
export function queryObject(c: Context): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(c.req.queries())) out[k] = v.length === 1 ? v[0]! : v;
  return out;
}

function rateLimited(retryAfterS: number, what: string): ApiError {
  return new ApiError('rate_limited', `too many ${what}; try again in ${retryAfterS} s`, { 'Retry-After': String(retryAfterS) });
}

async function identify(c: Context, route: Route, deps: Deps): Promise<Caller | undefined> {
  if (route.access === 'public') {
    if (route.limitAnonymous) {
      const v = deps.limiters.anonymous.take(clientAddress(c));
      if (!v.ok) throw rateLimited(v.retryAfterS, 'sign-in attempts');
    }
    return undefined;
  }
  let caller: Caller;
  try {
    caller = await authenticate(c, deps);
  } catch (error) {
    // guessing tokens costs from the address's bucket, so that it cannot go on at full speed
    if (error instanceof ApiError && error.code === 'unauthorized') {
      const v = deps.limiters.anonymous.take(clientAddress(c));
      if (!v.ok) throw rateLimited(v.retryAfterS, 'failed attempts');
    }
    throw error;
  }
  const v = deps.limiters.requests.take(`token:${caller.tokenId}`);
  if (!v.ok) throw rateLimited(v.retryAfterS, 'requests');
  if (!allows(caller.role, route.access)) throw new ApiError('forbidden', `this needs the ${route.access} role; the token has ${caller.role}`);
  if (route.analyze) {
    const a = deps.limiters.analyze.take(`token:${caller.tokenId}`);
    if (!a.ok) throw rateLimited(a.retryAfterS, 'analyses');
  }
  return caller;
}

export function mountRoutes(app: Hono, routes: readonly Route[], deps: Deps): void {
  for (const route of routes) {
    app.on(route.method.toUpperCase(), route.path, async (c) => {
      const caller = await identify(c, route, deps);
      const query = route.query ? validate(route.query, queryObject(c), 'query') : undefined;
      const params = route.params ? validate(route.params, c.req.param(), 'path') : undefined;
      const body = route.body ? validate(route.body, await jsonBody(c, deps.limits.bodyBytes), 'body') : undefined;
      const result = await route.handle({ c, query, params, body, caller, deps });
      if (result instanceof Response) return result;
      return c.json(result as object, route.status ?? 200);
    });
  }
}
