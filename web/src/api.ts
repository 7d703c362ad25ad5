/**
 * The one way the app talks to the server: JSON in and out, the CSRF
 * header on every state-changing request, and errors turned into messages
 * a person can act on. A 401 flips the app to its sign-in page.
 */
import { getSession, setAuthorised, setSession } from './session.ts';

export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Seconds to wait, from Retry-After (429, 503). */
    readonly retryAfter: number | null = null,
  ) {
    super(message);
  }
}

export type Query = Record<string, string | number | boolean | readonly string[] | null | undefined>;

/** `?a=1&b=x&b=y`, leaving out empty values. */
export function queryString(query: Query | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    if (Array.isArray(v)) for (const item of v) params.append(k, String(item));
    else params.append(k, String(v));
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  query?: Query;
  body?: unknown;
  signal?: AbortSignal;
}

function retryAfter(res: Response): number | null {
  const h = res.headers.get('Retry-After');
  if (!h) return null;
  const s = Number(h);
  if (Number.isFinite(s)) return Math.max(0, Math.round(s));
  const t = Date.parse(h);
  return Number.isNaN(t) ? null : Math.max(0, Math.round((t - Date.now()) / 1000));
}

export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { Accept: 'application/json' };
  // A state-changing request always carries a JSON body, `{}` when it has nothing to say: a
  // body-less DELETE (no Content-Length) fails in the server's body-limit middleware with a 500.
  const body = options.body !== undefined ? options.body : method === 'GET' ? undefined : {};
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const session = getSession();
  if (method !== 'GET' && session) headers['X-CSRF-Token'] = session.csrfToken;
  let res: Response;
  try {
    res = await fetch(path + queryString(options.query), {
      method,
      headers,
      credentials: 'same-origin',
      ...(body !== undefined && { body: JSON.stringify(body) }),
      ...(options.signal && { signal: options.signal }),
    });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new ApiError(0, 'network', 'The server could not be reached. Check that spinscope is running, then try again.');
  }
  const type = res.headers.get('Content-Type') ?? '';
  const answer: unknown = type.includes('json') ? await res.json().catch(() => null) : await res.text().catch(() => null);
  if (res.ok) {
    setAuthorised(true);
    return answer as T;
  }
  const error = (answer as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  const code = typeof error?.code === 'string' ? error.code : String(res.status);
  const message = typeof error?.message === 'string' ? error.message : res.statusText || `HTTP ${res.status}`;
  // a refused sign-in is the sign-in form's to explain; any other 401 means the session is gone
  if (res.status === 401 && !(method === 'POST' && path === '/api/session')) {
    setSession(null);
    setAuthorised(false);
  }
  throw new ApiError(res.status, code, message, retryAfter(res));
}

/** What to tell the reader about a failed request. */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) {
    switch (err.status) {
      case 0:
        return err.message;
      case 401:
        return 'You are not signed in, or your session has expired. Sign in with your access token.';
      case 403: {
        const role = getSession()?.role;
        return `Not allowed${role ? ` for your role (${role})` : ''}: ${err.message}`;
      }
      case 413:
        return `Too large for the server: ${err.message}`;
      case 429:
        return `Too many requests. ${err.retryAfter !== null ? `Try again in ${err.retryAfter} s.` : 'Wait a moment, then try again.'} (${err.message})`;
      default:
        return err.status >= 500 ? `The server failed (${err.status}): ${err.message}` : err.message;
    }
  }
  if (err instanceof Error) return err.message;
  return String(err);
}
