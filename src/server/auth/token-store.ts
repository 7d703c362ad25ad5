/**
 * Where API tokens live: a table `api_tokens` in the same database as the
 * articles, kept by the server rather than the store because only the
 * server uses it. Only the SHA-256 of a token is ever written; the token
 * itself is shown once, when it is created.
 */
import type { Role } from './roles.ts';

export interface TokenInfo {
  id: number;
  name: string;
  role: Role;
  createdAt: string;
  lastUsedAt: string | null;
}

export interface NewToken {
  name: string;
  role: Role;
  /** SHA-256 of the token, hex. */
  hash: string;
  createdAt: string;
}

export interface TokenStore {
  /** Adds a token; with `onlyIfEmpty`, only when the table has none (the first admin token, race-free) and undefined otherwise. */
  insert(token: NewToken, options?: { onlyIfEmpty?: boolean }): Promise<TokenInfo | undefined>;
  findByHash(hash: string): Promise<TokenInfo | undefined>;
  list(): Promise<TokenInfo[]>;
  count(filter?: { role?: Role }): Promise<number>;
  /** True when a token with that id existed. */
  delete(id: number): Promise<boolean>;
  touch(id: number, at: string): Promise<void>;
  close(): Promise<void>;
}

/** The DDL both backends run; `id` is the only dialect-specific column. */
export function tokenTableSql(idColumn: string): string {
  return `CREATE TABLE IF NOT EXISTS api_tokens (
    id ${idColumn},
    name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('read', 'write', 'admin')),
    token_sha256 TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    last_used_at TEXT
  )`;
}

export interface TokenRow {
  id: number;
  name: string;
  role: Role;
  created_at: string;
  last_used_at: string | null;
}

export function tokenInfo(row: TokenRow): TokenInfo {
  return { id: Number(row.id), name: row.name, role: row.role, createdAt: row.created_at, lastUsedAt: row.last_used_at };
}
