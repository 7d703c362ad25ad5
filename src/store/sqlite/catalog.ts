/** Outlets, feeds and human annotations in SQLite. */
import { checkAnnotation } from '../annotation-input.ts';
import { domainOf, normalizeDomain } from '../article-row.ts';
import { StoreError } from '../errors.ts';
import type { AnnotationInput, FeedInput, FeedPoll, SourceInput } from '../types.ts';
import type { Sqlite } from './connection.ts';

/** The outlet's id, created on first sight. */
export function sourceIdFor(x: Sqlite, domain: string, name: string | null, language: string | null, now: string): number {
  const found = x.stmt.get('SELECT id FROM sources WHERE domain = ?').get(domain) as { id: number } | undefined;
  if (found) return found.id;
  return Number(x.stmt.get('INSERT INTO sources (domain, name, language, created_at) VALUES (?, ?, ?, ?)').run(domain, name, language, now).lastInsertRowid);
}

export function upsertSources(x: Sqlite, inputs: SourceInput[]): number[] {
  const now = new Date().toISOString();
  const upsert = x.stmt.get(
    `INSERT INTO sources (domain, name, country, language, tags, created_at) VALUES (?, ?, ?, ?, coalesce(?, '[]'), ?)
     ON CONFLICT (domain) DO UPDATE SET name = coalesce(excluded.name, name), country = coalesce(excluded.country, country),
       language = coalesce(excluded.language, language), tags = CASE WHEN ? IS NULL THEN tags ELSE excluded.tags END
     RETURNING id`,
  );
  const rows = inputs.map((s, i) => {
    const domain = normalizeDomain(s.domain, `source ${i + 1}`);
    const tags = s.tags ? JSON.stringify(s.tags) : null;
    return [domain, s.name ?? null, s.country?.toUpperCase() ?? null, s.language ?? null, tags, now, tags] as const;
  });
  return x.db.transaction(() => rows.map((r) => (upsert.get(...r) as { id: number }).id)).immediate();
}

export function upsertFeeds(x: Sqlite, inputs: FeedInput[]): number[] {
  const now = new Date().toISOString();
  const upsert = x.stmt.get(
    `INSERT INTO feeds (url, source_id, title, poll_interval_s, paused, created_at) VALUES (?, ?, ?, coalesce(?, 900), coalesce(?, 0), ?)
     ON CONFLICT (url) DO UPDATE SET source_id = coalesce(excluded.source_id, source_id), title = coalesce(?, title),
       poll_interval_s = coalesce(?, poll_interval_s), paused = coalesce(?, paused)
     RETURNING id`,
  );
  return x.db
    .transaction(() =>
      inputs.map((f, i) => {
        const domain = f.source ? normalizeDomain(f.source, `feed ${i + 1}`) : domainOf(f.url);
        const sourceId = domain ? sourceIdFor(x, domain, null, null, now) : null;
        const paused = f.paused === undefined ? null : f.paused ? 1 : 0;
        const interval = f.pollIntervalS ?? null;
        return (upsert.get(f.url, sourceId, f.title ?? null, interval, paused, now, f.title ?? null, interval, paused) as { id: number }).id;
      }),
    )
    .immediate();
}

export function recordFeedPolls(x: Sqlite, polls: FeedPoll[]): void {
  const ok = x.stmt.get(
    'UPDATE feeds SET last_polled_at = ?, last_ok_at = ?, etag = coalesce(?, etag), last_modified = coalesce(?, last_modified), last_error = NULL, failures = 0 WHERE id = ?',
  );
  const failed = x.stmt.get('UPDATE feeds SET last_polled_at = ?, last_error = ?, failures = failures + 1 WHERE id = ?');
  x.db
    .transaction(() => {
      for (const p of polls) {
        const at = p.at ? new Date(p.at).toISOString() : new Date().toISOString();
        if (p.ok) ok.run(at, at, p.etag ?? null, p.lastModified ?? null, p.feedId);
        else failed.run(at, p.error, p.feedId);
      }
    })
    .immediate();
}

export function saveAnnotations(x: Sqlite, inputs: AnnotationInput[]): { inserted: number; skipped: number } {
  const rows = inputs.map(checkAnnotation);
  const insert = x.stmt.get(
    `INSERT INTO annotations (article_id, layer, label, start, "end", text, author, created_at, source, external_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (source, external_id) WHERE external_id IS NOT NULL DO NOTHING`,
  );
  return x.db
    .transaction(() => {
      let inserted = 0;
      for (const a of rows) {
        try {
          inserted += insert.run(a.articleId, a.layer, a.label, a.start, a.end, a.text, a.author, a.createdAt, a.source, a.externalId).changes;
        } catch (e) {
          if ((e as { code?: string }).code === 'SQLITE_CONSTRAINT_FOREIGNKEY') throw new StoreError(`saveAnnotations: article ${a.articleId} does not exist`);
          throw e;
        }
      }
      return { inserted, skipped: rows.length - inserted };
    })
    .immediate();
}
