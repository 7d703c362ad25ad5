/** Outlets, feeds and human annotations in PostgreSQL. */
import type pg from 'pg';
import { checkAnnotation } from '../annotation-input.ts';
import { domainOf, normalizeDomain } from '../article-row.ts';
import { StoreError } from '../errors.ts';
import type { AnnotationInput, FeedInput, FeedPoll, SourceInput } from '../types.ts';
import { transaction, type Postgres } from './connection.ts';

type Client = pg.PoolClient;

/** The ids of these outlets, created on first sight. */
export async function sourceIds(c: Client, wanted: Map<string, { name: string | null; language: string | null }>, now: string): Promise<Map<string, number>> {
  if (!wanted.size) return new Map();
  const domains = [...wanted.keys()].sort();
  await c.query(
    `INSERT INTO sources (domain, name, language, created_at) SELECT d, n, l, $4 FROM unnest($1::text[], $2::text[], $3::text[]) AS u(d, n, l)
     ON CONFLICT (domain) DO NOTHING`,
    [domains, domains.map((d) => wanted.get(d)!.name), domains.map((d) => wanted.get(d)!.language), now],
  );
  const rows = (await c.query<{ id: number; domain: string }>('SELECT id, domain FROM sources WHERE domain = ANY($1::text[])', [domains])).rows;
  return new Map(rows.map((r) => [r.domain, r.id]));
}

export async function upsertSources(x: Postgres, inputs: SourceInput[]): Promise<number[]> {
  const now = new Date().toISOString();
  const rows = inputs.map((s, i) => ({ ...s, domain: normalizeDomain(s.domain, `source ${i + 1}`) }));
  return transaction(x.pool, async (c) => {
    const ids: number[] = [];
    for (const s of rows) {
      const tags = s.tags ? JSON.stringify(s.tags) : null;
      const r = await c.query<{ id: number }>(
        `INSERT INTO sources (domain, name, country, language, tags, created_at) VALUES ($1, $2, $3, $4, coalesce($5::jsonb, '[]'::jsonb), $6)
         ON CONFLICT (domain) DO UPDATE SET name = coalesce(excluded.name, sources.name), country = coalesce(excluded.country, sources.country),
           language = coalesce(excluded.language, sources.language), tags = CASE WHEN $5::jsonb IS NULL THEN sources.tags ELSE excluded.tags END
         RETURNING id`,
        [s.domain, s.name ?? null, s.country?.toUpperCase() ?? null, s.language ?? null, tags, now],
      );
      ids.push(r.rows[0]!.id);
    }
    return ids;
  });
}

export async function upsertFeeds(x: Postgres, inputs: FeedInput[]): Promise<number[]> {
  const now = new Date().toISOString();
  const rows = inputs.map((f, i) => ({ ...f, domain: f.source ? normalizeDomain(f.source, `feed ${i + 1}`) : domainOf(f.url) }));
  return transaction(x.pool, async (c) => {
    const wanted = new Map<string, { name: null; language: null }>();
    for (const f of rows) if (f.domain) wanted.set(f.domain, { name: null, language: null });
    const sources = await sourceIds(c, wanted, now);
    const ids: number[] = [];
    for (const f of rows) {
      const r = await c.query<{ id: number }>(
        `INSERT INTO feeds (url, source_id, title, poll_interval_s, paused, created_at) VALUES ($1, $2, $3, coalesce($4::integer, 900), coalesce($5::smallint, 0), $6)
         ON CONFLICT (url) DO UPDATE SET source_id = coalesce(excluded.source_id, feeds.source_id), title = coalesce($3, feeds.title),
           poll_interval_s = coalesce($4::integer, feeds.poll_interval_s), paused = coalesce($5::smallint, feeds.paused)
         RETURNING id`,
        [f.url, f.domain ? sources.get(f.domain)! : null, f.title ?? null, f.pollIntervalS ?? null, f.paused === undefined ? null : f.paused ? 1 : 0, now],
      );
      ids.push(r.rows[0]!.id);
    }
    return ids;
  });
}

export async function recordFeedPolls(x: Postgres, polls: FeedPoll[]): Promise<void> {
  await transaction(x.pool, async (c) => {
    for (const p of [...polls].sort((a, b) => a.feedId - b.feedId)) {
      const at = p.at ? new Date(p.at).toISOString() : new Date().toISOString();
      if (p.ok) {
        await c.query(
          'UPDATE feeds SET last_polled_at = $1, last_ok_at = $1, etag = coalesce($2, etag), last_modified = coalesce($3, last_modified), last_error = NULL, failures = 0 WHERE id = $4',
          [at, p.etag ?? null, p.lastModified ?? null, p.feedId],
        );
      } else {
        await c.query('UPDATE feeds SET last_polled_at = $1, last_error = $2, failures = failures + 1 WHERE id = $3', [at, p.error, p.feedId]);
      }
    }
  });
}

export async function saveAnnotations(x: Postgres, inputs: AnnotationInput[]): Promise<{ inserted: number; skipped: number }> {
  const rows = inputs.map(checkAnnotation);
  return transaction(x.pool, async (c) => {
    let inserted = 0;
    for (const a of rows) {
      try {
        const r = await c.query(
          `INSERT INTO annotations (article_id, layer, label, start, "end", text, author, created_at, source, external_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
           ON CONFLICT (source, external_id) WHERE external_id IS NOT NULL DO NOTHING`,
          [a.articleId, a.layer, a.label, a.start, a.end, a.text, a.author, a.createdAt, a.source, a.externalId],
        );
        inserted += r.rowCount ?? 0;
      } catch (e) {
        if ((e as { code?: string }).code === '23503') throw new StoreError(`saveAnnotations: article ${a.articleId} does not exist`);
        throw e;
      }
    }
    return { inserted, skipped: rows.length - inserted };
  });
}
