/**
 * The embedded runner's durable queue: one table in the SQLite store's own
 * file. A job is claimed with a lease (owner and expiry) in one UPDATE, so
 * two processes on the same file never run the same job at once, and the
 * jobs of a process that died are claimed again once their lease runs out.
 * Finished jobs are deleted; dead ones stay as the dead-letter list.
 */
import Database from 'better-sqlite3';
import type { DeadLetter, JobSpec, Stage, StageDepth, Throughput } from '../types.ts';
import { STAGES } from '../types.ts';

type Db = Database.Database;

export interface ClaimedJob {
  id: string;
  stage: Stage;
  data: unknown;
  attempts: number;
  maxAttempts: number;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS spinscope_jobs (
  id TEXT PRIMARY KEY,
  stage TEXT NOT NULL,
  data TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('ready', 'active', 'dead')),
  attempts INTEGER NOT NULL DEFAULT 0,
  max_attempts INTEGER NOT NULL,
  run_at INTEGER NOT NULL,
  lease_owner TEXT,
  lease_until INTEGER,
  last_error TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS spinscope_jobs_claim ON spinscope_jobs (stage, state, run_at);
CREATE INDEX IF NOT EXISTS spinscope_jobs_lease ON spinscope_jobs (state, lease_until);
CREATE TABLE IF NOT EXISTS spinscope_job_stats (
  stage TEXT NOT NULL,
  minute INTEGER NOT NULL,
  completed INTEGER NOT NULL DEFAULT 0,
  failed INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (stage, minute)
) WITHOUT ROWID;
`;

export interface JobTableOptions {
  now?: () => number;
}

export class JobTable {
  private readonly db: Db;
  private readonly now: () => number;
  private readonly stmts: ReturnType<JobTable['prepare']>;
  /** Completions and failures per stage and minute, flushed in one write now and then. */
  private readonly pendingStats = new Map<string, { stage: string; minute: number; completed: number; failed: number }>();

  constructor(path: string, options: JobTableOptions = {}) {
    this.db = new Database(path, { timeout: 10_000 });
    if (path !== ':memory:') this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.exec(SCHEMA);
    this.now = options.now ?? Date.now;
    this.stmts = this.prepare();
  }

  private prepare() {
    const db = this.db;
    return {
      insert: db.prepare(
        `INSERT OR IGNORE INTO spinscope_jobs (id, stage, data, state, attempts, max_attempts, run_at, created_at, updated_at)
         VALUES (?, ?, ?, 'ready', 0, ?, ?, ?, ?)`,
      ),
      claim: db.prepare(
        `UPDATE spinscope_jobs SET state = 'active', lease_owner = ?, lease_until = ?, attempts = attempts + 1, updated_at = ?
         WHERE id IN (SELECT id FROM spinscope_jobs WHERE stage = ? AND state = 'ready' AND run_at <= ? ORDER BY run_at LIMIT ?)
         RETURNING id, stage, data, attempts, max_attempts`,
      ),
      expiredDead: db.prepare(
        `UPDATE spinscope_jobs SET state = 'dead', lease_owner = NULL, lease_until = NULL, updated_at = ?,
           last_error = coalesce(last_error || '; ', '') || 'lease expired: the worker running it stopped or hung'
         WHERE state = 'active' AND lease_until < ? AND attempts >= max_attempts`,
      ),
      expiredReady: db.prepare(
        `UPDATE spinscope_jobs SET state = 'ready', lease_owner = NULL, lease_until = NULL, run_at = ?, updated_at = ?
         WHERE state = 'active' AND lease_until < ?`,
      ),
      renew: db.prepare(`UPDATE spinscope_jobs SET lease_until = ? WHERE state = 'active' AND lease_owner = ?`),
      remove: db.prepare('DELETE FROM spinscope_jobs WHERE id = ?'),
      retry: db.prepare(
        `UPDATE spinscope_jobs SET state = 'ready', lease_owner = NULL, lease_until = NULL, run_at = ?, last_error = ?, updated_at = ? WHERE id = ?`,
      ),
      bury: db.prepare(`UPDATE spinscope_jobs SET state = 'dead', lease_owner = NULL, lease_until = NULL, last_error = ?, updated_at = ? WHERE id = ?`),
      release: db.prepare(
        `UPDATE spinscope_jobs SET state = 'ready', lease_owner = NULL, lease_until = NULL, attempts = max(0, attempts - 1), updated_at = ?
         WHERE id = ? AND state = 'active' AND lease_owner = ?`,
      ),
      depths: db.prepare(
        `SELECT stage, state, run_at > ? AS later, count(*) AS n FROM spinscope_jobs GROUP BY stage, state, later`,
      ),
      dead: db.prepare(`SELECT id, stage, attempts, last_error, updated_at FROM spinscope_jobs WHERE state = 'dead' ORDER BY updated_at DESC LIMIT ?`),
      stat: db.prepare(
        `INSERT INTO spinscope_job_stats (stage, minute, completed, failed) VALUES (?, ?, ?, ?)
         ON CONFLICT (stage, minute) DO UPDATE SET completed = completed + excluded.completed, failed = failed + excluded.failed`,
      ),
      throughput: db.prepare(
        `SELECT stage, sum(CASE WHEN minute >= ? THEN completed ELSE 0 END) AS minute_n, sum(completed) AS hour_n, sum(failed) AS failed_n
         FROM spinscope_job_stats WHERE minute >= ? GROUP BY stage`,
      ),
      pruneStats: db.prepare('DELETE FROM spinscope_job_stats WHERE minute < ?'),
    };
  }

  /** Adds the jobs whose key is not queued yet (ready, active or dead); returns how many were new. */
  add(jobs: readonly JobSpec[], maxAttempts: number, delayMs = 0): number {
    const now = this.now();
    let added = 0;
    this.db.transaction(() => {
      for (const job of jobs) added += this.stmts.insert.run(job.key, job.stage, JSON.stringify(job.data), maxAttempts, now + delayMs, now, now).changes;
    })();
    return added;
  }

  /** Leases up to `limit` ready jobs of a stage to `owner` for `leaseMs`. */
  claim(stage: Stage, limit: number, owner: string, leaseMs: number): ClaimedJob[] {
    const now = this.now();
    const rows = this.stmts.claim.all(owner, now + leaseMs, now, stage, now, limit) as { id: string; stage: Stage; data: string; attempts: number; max_attempts: number }[];
    return rows.map((r) => ({ id: r.id, stage: r.stage, data: JSON.parse(r.data) as unknown, attempts: r.attempts, maxAttempts: r.max_attempts }));
  }

  /** Jobs whose lease ran out (their process died or hung) become ready again, or dead when out of attempts. Returns how many. */
  reapExpired(): number {
    const now = this.now();
    return this.db.transaction(() => this.stmts.expiredDead.run(now, now).changes + this.stmts.expiredReady.run(now, now, now).changes)();
  }

  /** Extends the leases of every job `owner` holds. */
  renew(owner: string, leaseMs: number): void {
    this.stmts.renew.run(this.now() + leaseMs, owner);
  }

  complete(id: string, stage: Stage): void {
    this.stmts.remove.run(id);
    this.count(stage, 'completed');
  }

  /** A failed attempt: back to ready after `delayMs`, or to the dead letters. */
  fail(id: string, stage: Stage, error: string, retryInMs: number | null): void {
    const now = this.now();
    if (retryInMs === null) this.stmts.bury.run(error, now, id);
    else this.stmts.retry.run(now + retryInMs, error, now, id);
    this.count(stage, 'failed');
  }

  /** Hands an unfinished job back without counting the attempt (graceful shutdown). */
  release(id: string, owner: string): void {
    this.stmts.release.run(this.now(), id, owner);
  }

  depths(): Record<Stage, StageDepth> {
    const out = Object.fromEntries(STAGES.map((s) => [s, { waiting: 0, active: 0, delayed: 0, dead: 0 }])) as Record<Stage, StageDepth>;
    for (const r of this.stmts.depths.all(this.now()) as { stage: Stage; state: string; later: number; n: number }[]) {
      const d = out[r.stage];
      if (!d) continue;
      if (r.state === 'dead') d.dead += r.n;
      else if (r.state === 'active') d.active += r.n;
      else if (r.later) d.delayed += r.n;
      else d.waiting += r.n;
    }
    return out;
  }

  deadLetters(limit = 100): DeadLetter[] {
    const rows = this.stmts.dead.all(limit) as { id: string; stage: Stage; attempts: number; last_error: string | null; updated_at: number }[];
    return rows.map((r) => ({ stage: r.stage, key: r.id, attempts: r.attempts, error: r.last_error ?? '', failedAt: new Date(r.updated_at).toISOString() }));
  }

  private count(stage: string, what: 'completed' | 'failed'): void {
    const minute = Math.floor(this.now() / 60_000);
    const key = `${stage}@${minute}`;
    let s = this.pendingStats.get(key);
    if (!s) this.pendingStats.set(key, (s = { stage, minute, completed: 0, failed: 0 }));
    s[what]++;
  }

  /** Writes the counted completions and failures (the runner calls it every few seconds and at stop). */
  flushStats(): void {
    if (this.pendingStats.size === 0) return;
    const stats = [...this.pendingStats.values()];
    this.pendingStats.clear();
    this.db.transaction(() => {
      for (const s of stats) this.stmts.stat.run(s.stage, s.minute, s.completed, s.failed);
      this.stmts.pruneStats.run(Math.floor(this.now() / 60_000) - 7 * 24 * 60);
    })();
  }

  throughput(): Throughput[] {
    const minute = Math.floor(this.now() / 60_000);
    const rows = this.stmts.throughput.all(minute - 1, minute - 60) as { stage: Stage; minute_n: number; hour_n: number; failed_n: number }[];
    return rows.map((r) => ({ stage: r.stage, lastMinute: r.minute_n, lastHour: r.hour_n, failedLastHour: r.failed_n }));
  }

  close(): void {
    if (!this.db.open) return;
    this.flushStats();
    this.db.close();
  }
}
