/**
 * What the shared query code needs from a backend: run a read and get rows.
 * SQL is written once with `?` placeholders; the PostgreSQL backend numbers
 * them. Values come back in each driver's types (JSON as text or parsed,
 * timestamps as text or Date); rows.ts evens that out.
 */
import type { Dialect } from './types.ts';

export interface Reader {
  readonly dialect: Dialect;
  all<T>(sql: string, params?: readonly unknown[]): Promise<T[]>;
}

/** `?, ?, ?` for an IN list of n values (n ≥ 1). */
export function marks(n: number): string {
  return Array.from({ length: n }, () => '?').join(', ');
}

/** `?` → `$1, $2 …`, leaving quoted literals and identifiers alone. */
export function numberPlaceholders(sql: string): string {
  let out = '';
  let n = 0;
  let quote: string | null = null;
  for (const ch of sql) {
    if (quote) {
      if (ch === quote) quote = null;
      out += ch;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      out += ch;
    } else if (ch === '?') {
      out += `$${++n}`;
    } else {
      out += ch;
    }
  }
  return out;
}

/** A fragment of SQL and its parameters, built up piece by piece. */
export interface Fragment {
  sql: string;
  params: unknown[];
}

export function frag(sql: string, ...params: unknown[]): Fragment {
  return { sql, params };
}

export function joinFragments(parts: readonly Fragment[], separator: string): Fragment {
  return { sql: parts.map((p) => p.sql).join(separator), params: parts.flatMap((p) => p.params) };
}
