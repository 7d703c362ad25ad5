/**
 * Browser sessions: the web app trades a token for an HttpOnly cookie once,
 * so the token never sits in page-readable storage. The cookie holds a random
 * id; the session (its token, role and CSRF token) stays in this process and
 * expires. State-changing requests made with the cookie must echo the CSRF
 * token in a header, which a cross-site page cannot read or set.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Role } from './roles.ts';

export const SESSION_COOKIE = 'spinscope_session';
export const CSRF_HEADER = 'X-CSRF-Token';

export interface Session {
  id: string;
  tokenId: number;
  role: Role;
  csrfToken: string;
  expiresAt: number;
}

export interface SessionOptions {
  ttlMs?: number;
  /** Oldest sessions go first beyond this many. */
  max?: number;
  now?: () => number;
}

export class SessionStore {
  private readonly sessions = new Map<string, Session>();
  private readonly ttlMs: number;
  private readonly max: number;
  private readonly now: () => number;

  constructor(options: SessionOptions = {}) {
    this.ttlMs = options.ttlMs ?? 12 * 3600_000;
    this.max = options.max ?? 10_000;
    this.now = options.now ?? Date.now;
  }

  get ttlSeconds(): number {
    return Math.floor(this.ttlMs / 1000);
  }

  create(tokenId: number, role: Role): Session {
    this.sweep();
    while (this.sessions.size >= this.max) this.sessions.delete(this.sessions.keys().next().value!);
    const session: Session = {
      id: randomBytes(32).toString('base64url'),
      tokenId,
      role,
      csrfToken: randomBytes(32).toString('base64url'),
      expiresAt: this.now() + this.ttlMs,
    };
    this.sessions.set(session.id, session);
    return session;
  }

  get(id: string): Session | undefined {
    const s = this.sessions.get(id);
    if (!s) return undefined;
    if (s.expiresAt <= this.now()) {
      this.sessions.delete(id);
      return undefined;
    }
    return s;
  }

  delete(id: string): void {
    this.sessions.delete(id);
  }

  /** Ends every session opened with a token (when the token is deleted). */
  revokeToken(tokenId: number): void {
    for (const [id, s] of this.sessions) if (s.tokenId === tokenId) this.sessions.delete(id);
  }

  private sweep(): void {
    const now = this.now();
    for (const [id, s] of this.sessions) if (s.expiresAt <= now) this.sessions.delete(id);
  }
}

export function csrfMatches(session: Session, presented: string | undefined): boolean {
  if (!presented) return false;
  const a = Buffer.from(session.csrfToken);
  const b = Buffer.from(presented);
  return a.length === b.length && timingSafeEqual(a, b);
}
