/** A parsed web-search query as an FTS5 query, every term quoted so that user input can never be FTS5 syntax. */
import type { Term, WebSearch } from '../websearch.ts';

function term(t: Term): string {
  return `"${t.text.replace(/"/g, '""')}"${t.prefix ? '*' : ''}`;
}

export function ftsQuery(q: WebSearch): string {
  const any = q.any.map((group) => `(${group.map(term).join(' AND ')})`).join(' OR ');
  return q.none.length ? `(${any})${q.none.map((t) => ` NOT ${term(t)}`).join('')}` : any;
}
