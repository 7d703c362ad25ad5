/**
 * Sign-in for the browser app: a token in, an HttpOnly session cookie and a
 * CSRF token out. The cookie is SameSite=Strict, so other sites' pages never
 * send it; the CSRF token guards against the rest.
 */
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { unauthorized } from '../auth/authenticate.ts';
import { SESSION_COOKIE } from '../auth/sessions.ts';
import { defineRoute } from '../route.ts';
import { okBody, sessionCreate, sessionInfo } from '../schemas/api.ts';

export function sessionRoutes() {
  return [
    defineRoute({
      method: 'post',
      path: '/api/session',
      access: 'public',
      tag: 'access',
      summary: 'Sign in with a token: sets the session cookie',
      description: 'Answers the CSRF token that state-changing requests made with the cookie must send as X-CSRF-Token.',
      body: sessionCreate,
      response: sessionInfo,
      errors: ['unauthorized'],
      limitAnonymous: true,
      async handle({ c, body, deps }) {
        const info = await deps.verifier.verify(body.token);
        if (!info) throw unauthorized('unknown or revoked token');
        const old = getCookie(c, SESSION_COOKIE);
        if (old) deps.sessions.delete(old);
        const session = deps.sessions.create(info.id, info.role);
        setCookie(c, SESSION_COOKIE, session.id, {
          httpOnly: true,
          sameSite: 'Strict',
          path: '/',
          maxAge: deps.sessions.ttlSeconds,
          // over plain http a Secure cookie would never come back
          secure: new URL(c.req.url).protocol === 'https:',
        });
        return { role: session.role, csrfToken: session.csrfToken };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/session',
      access: 'read',
      tag: 'access',
      summary: 'The signed-in session: role and CSRF token (after a page reload)',
      response: sessionInfo,
      handle({ caller }) {
        if (caller!.via !== 'session') throw unauthorized('no session: this request used a Bearer token');
        return { role: caller!.role, csrfToken: caller!.session!.csrfToken };
      },
    }),
    defineRoute({
      method: 'delete',
      path: '/api/session',
      access: 'read',
      tag: 'access',
      summary: 'Sign out: ends the session and clears the cookie',
      response: okBody,
      handle({ c, caller, deps }) {
        if (caller!.session) deps.sessions.delete(caller!.session.id);
        deleteCookie(c, SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'Strict' });
        return { ok: true };
      },
    }),
  ];
}
