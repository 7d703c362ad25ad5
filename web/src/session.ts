/**
 * Who is signed in, as far as the page knows: the role and the CSRF token
 * that `POST /api/session` returned. The session cookie itself is HttpOnly
 * and never visible here. Kept in sessionStorage so that a reload keeps it
 * and closing the tab forgets it.
 */
export interface Session {
  csrfToken: string;
  role: string;
}

const KEY = 'spinscope.session';

type Listener = (session: Session | null) => void;
const listeners = new Set<Listener>();
let current: Session | null = read();
/** False once an API call answered 401: the page shows the sign-in form. */
let authorised = true;
const authListeners = new Set<(ok: boolean) => void>();

function read(): Session | null {
  try {
    const raw = sessionStorage.getItem(KEY);
    if (!raw) return null;
    const v = JSON.parse(raw) as Partial<Session>;
    return typeof v.csrfToken === 'string' && typeof v.role === 'string' ? { csrfToken: v.csrfToken, role: v.role } : null;
  } catch {
    return null;
  }
}

export function getSession(): Session | null {
  return current;
}

export function setSession(session: Session | null): void {
  current = session;
  try {
    if (session) sessionStorage.setItem(KEY, JSON.stringify(session));
    else sessionStorage.removeItem(KEY);
  } catch {
    // storage can be disabled; the session then lasts as long as the page
  }
  for (const l of listeners) l(session);
  setAuthorised(session !== null || authorised);
}

export function onSession(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function isAuthorised(): boolean {
  return authorised;
}

export function setAuthorised(ok: boolean): void {
  if (ok === authorised) return;
  authorised = ok;
  for (const l of authListeners) l(ok);
}

export function onAuthorised(listener: (ok: boolean) => void): () => void {
  authListeners.add(listener);
  return () => authListeners.delete(listener);
}

/**
 * Whether to offer controls that change things (store an analysis, pause a
 * feed): the server's roles are read < write < admin. Without a known
 * session the controls show, and the server decides (a 403 is explained).
 */
export function canWrite(session: Session | null): boolean {
  return session === null || session.role === 'write' || session.role === 'admin';
}
