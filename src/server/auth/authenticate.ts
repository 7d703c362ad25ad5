/**
 * Who is calling: a Bearer token (scripts, other services) or the session
 * cookie (the web app). Cookie requests that change state must carry the
 * session's CSRF token; Bearer requests need none, since a browser never
 * adds an Authorization header on its own.
 */
import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import type { Deps } from '../deps.ts';
import { ApiError } from '../errors.ts';
import type { Role } from './roles.ts';
import { CSRF_HEADER, SESSION_COOKIE, csrfMatches, type Session } from './sessions.ts';

export interface Caller {
  tokenId: number;
  role: Role;
  via: 'bearer' | 'session';
  session?: Session;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function unauthorized(message: string): ApiError {
  return new ApiError('unauthorized', message, { 'WWW-Authenticate': 'Bearer realm="spinscope"' });
}

/** The token of an `Authorization: Bearer …` header; undefined without the header. */
export function bearerToken(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const m = /^Bearer[ \t]+([!-~]+)[ \t]*$/i.exec(header);
  if (!m) throw unauthorized('the Authorization header must be "Bearer <token>"');
  return m[1]!;
}

export async function authenticate(c: Context, deps: Deps): Promise<Caller> {
  const token = bearerToken(c.req.header('authorization'));
  if (token !== undefined) {
    const info = await deps.verifier.verify(token);
    if (!info) throw unauthorized('unknown or revoked token');
    return { tokenId: info.id, role: info.role, via: 'bearer' };
  }
  const sid = getCookie(c, SESSION_COOKIE);
  if (sid) {
    const session = deps.sessions.get(sid);
    if (!session) throw unauthorized('the session has ended; sign in again');
    if (!SAFE_METHODS.has(c.req.method) && !csrfMatches(session, c.req.header(CSRF_HEADER))) {
      throw new ApiError('forbidden', `a request made with the session cookie that changes something needs the ${CSRF_HEADER} header from sign-in`);
    }
    return { tokenId: session.tokenId, role: session.role, via: 'session', session };
  }
  throw unauthorized('sign in, or send Authorization: Bearer <token>');
}

/** The peer's address, the key for limits on callers who have not authenticated. */
export function clientAddress(c: Context): string {
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress ?? 'unknown';
}
