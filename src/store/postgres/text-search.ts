/**
 * Full-text matching for PostgreSQL: the stored tsvector (title weighted A,
 * text B, stemmed in the article's language), web-search syntax queried in
 * every configuration an article may have been indexed with (or just the
 * requested languages'), ts_rank, ts_headline. Queries are built from the
 * parsed web-search syntax (websearch.ts) rather than websearch_to_tsquery,
 * which has no prefix search.
 */
import type pg from 'pg';
import { MARK_END, MARK_START, parseMarked } from '../snippet.ts';
import { joinFragments, marks, numberPlaceholders, type Fragment } from '../sql.ts';
import { parseWebSearch, type Term, type WebSearch } from '../websearch.ts';
import type { TextSearch } from '../search.ts';
import type { Highlighted } from '../types.ts';

/** Mirrors spinscope_ts_config in the migrations. */
const CONFIGS: Record<string, string> = {
  en: 'english',
  ru: 'russian',
  de: 'german',
  fr: 'french',
  it: 'italian',
  es: 'spanish',
  pt: 'portuguese',
  nl: 'dutch',
};

function configsFor(languages: string[] | null): string[] {
  if (!languages) return [...Object.values(CONFIGS), 'simple'];
  return [...new Set(languages.map((l) => CONFIGS[l] ?? 'simple'))];
}

/** One term as a tsquery in one configuration, normalised (stemmed) by it. */
function term(t: Term, config: string): Fragment {
  if (t.phrase) return { sql: `phraseto_tsquery('${config}', ?)`, params: [t.text] };
  if (t.prefix) return { sql: `to_tsquery('${config}', ?)`, params: [`'${t.text.replace(/'/g, "''")}':*`] };
  return { sql: `plainto_tsquery('${config}', ?)`, params: [t.text] };
}

function inConfig(q: WebSearch, config: string): Fragment {
  const any = joinFragments(
    q.any.map((group) => {
      const all = joinFragments(group.map((t) => term(t, config)), ' && ');
      return { sql: `(${all.sql})`, params: all.params };
    }),
    ' || ',
  );
  const none = q.none.map((t) => {
    const f = term(t, config);
    return { sql: ` && !!${f.sql}`, params: f.params };
  });
  const all = joinFragments([{ sql: `(${any.sql})`, params: any.params }, ...none], '');
  return { sql: `(${all.sql})`, params: all.params };
}

/** The query in each configuration an article may have been indexed with, any of them matching. */
function tsquery(q: string, languages: string[] | null): Fragment {
  const parsed = parseWebSearch(q);
  const all = joinFragments(configsFor(languages).map((c) => inConfig(parsed, c)), ' || ');
  return { sql: `(${all.sql})`, params: all.params };
}

const HEADLINE = `StartSel=${MARK_START}, StopSel=${MARK_END}, MaxWords=40, MinWords=20, MaxFragments=2, FragmentDelimiter=" … "`;

export function postgresTextSearch(pool: pg.Pool): TextSearch {
  return {
    from: () => 'articles a',
    match: (n) => {
      const t = tsquery(n.q!, n.languages);
      return { sql: `a.tsv @@ ${t.sql}`, params: t.params };
    },
    rank: (n) => {
      const t = tsquery(n.q!, n.languages);
      return { sql: `-ts_rank(a.tsv, ${t.sql})`, params: t.params };
    },
    snippets: async (ids, n) => {
      const t = tsquery(n.q!, n.languages);
      const sql = `SELECT a.id, ts_headline(spinscope_ts_config(a.language), a.text, ${t.sql}, ?) AS s FROM articles a WHERE a.id IN (${marks(ids.length)})`;
      const rows = (await pool.query<{ id: number; s: string }>(numberPlaceholders(sql), [...t.params, HEADLINE, ...ids])).rows;
      return new Map<number, Highlighted>(rows.map((r) => [r.id, parseMarked(r.s)]));
    },
  };
}

