/**
 * Tokens: 32 random bytes, shown once, stored as their SHA-256. A token has
 * enough entropy that a fast hash is safe; lookups go by hash, so there is
 * no comparison of secrets to time.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Role } from './roles.ts';
import type { TokenInfo, TokenStore } from './token-store.ts';

/** Marks spinscope tokens so that secret scanners and people recognise them. */
export const TOKEN_PREFIX = 'spn_';

export function generateToken(): string {
  return `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export interface CreatedToken {
  /** The token itself: shown this once, never stored. */
  token: string;
  info: TokenInfo;
}

export async function createToken(store: TokenStore, name: string, role: Role, now: () => number = Date.now): Promise<CreatedToken> {
  const token = generateToken();
  const info = await store.insert({ name, role, hash: hashToken(token), createdAt: new Date(now()).toISOString() });
  return { token, info: info! };
}

/** Creates an admin token when there is no token at all; undefined when there already was one. */
export async function ensureFirstAdmin(store: TokenStore, now: () => number = Date.now): Promise<CreatedToken | undefined> {
  if ((await store.count()) > 0) return undefined;
  const token = generateToken();
  const info = await store.insert({ name: 'first admin', role: 'admin', hash: hashToken(token), createdAt: new Date(now()).toISOString() }, { onlyIfEmpty: true });
  return info ? { token, info } : undefined;
}
