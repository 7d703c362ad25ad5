/** What `spinscope status` reports: queue depths, throughput, dead letters and feed health. */
import type { Store } from '../store/types.ts';
import { nextPollAt } from './backoff.ts';
import { STAGES, type DeadLetter, type JobQueue, type Stage, type StageDepth, type Throughput } from './types.ts';

export interface FeedHealth {
  id: number;
  url: string;
  paused: boolean;
  lastPolledAt: string | null;
  lastOkAt: string | null;
  failures: number;
  lastError: string | null;
  /** ISO 8601; null when paused. */
  nextPollAt: string | null;
}

export interface StatusReport {
  runner: 'embedded' | 'bullmq';
  queues: Record<Stage, StageDepth>;
  throughput: Throughput[];
  deadLetters: number;
  /** Listed with `--dead`. */
  dead?: DeadLetter[];
  feeds: FeedHealth[];
  articles: { stored: number; awaitingAnalysis: number };
}

export async function collectStatus(queue: JobQueue, store: Store | undefined, options: { dead?: boolean; limit?: number; now?: number } = {}): Promise<StatusReport> {
  const [queues, throughput] = await Promise.all([queue.depths(), queue.throughput()]);
  const report: StatusReport = {
    runner: queue.kind,
    queues,
    throughput,
    deadLetters: STAGES.reduce((n, s) => n + queues[s].dead, 0),
    feeds: [],
    articles: { stored: 0, awaitingAnalysis: 0 },
  };
  if (options.dead) report.dead = await queue.deadLetters(options.limit ?? 100);
  if (store) {
    const now = options.now ?? Date.now();
    report.feeds = (await store.listFeeds({ includePaused: true })).map((f) => ({
      id: f.id,
      url: f.url,
      paused: f.paused,
      lastPolledAt: f.lastPolledAt,
      lastOkAt: f.lastOkAt,
      failures: f.failures,
      lastError: f.lastError,
      nextPollAt: f.paused ? null : new Date(Math.max(now, nextPollAt(f))).toISOString(),
    }));
    const stats = await store.stats();
    // the pending count is capped: status must stay cheap on a large store
    report.articles = { stored: stats.tables.articles ?? 0, awaitingAnalysis: (await store.pendingAnalysis({ limit: 10_000 })).length };
  }
  return report;
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ').trimEnd()).join('\n');
}

export function renderStatus(report: StatusReport): string {
  const out: string[] = [];
  const rate = new Map(report.throughput.map((t) => [t.stage, t]));
  out.push(`Queues (${report.runner})`);
  out.push(
    table([
      ['stage', 'waiting', 'active', 'delayed', 'dead', 'done/min', 'done/h', 'failed/h'],
      ...STAGES.map((s) => {
        const d = report.queues[s];
        const t = rate.get(s);
        return [s, d.waiting, d.active, d.delayed, d.dead, t?.lastMinute ?? 0, t?.lastHour ?? 0, t?.failedLastHour ?? 0].map(String);
      }),
    ]),
  );
  out.push('', `Articles: ${report.articles.stored} stored, ${report.articles.awaitingAnalysis} awaiting analysis; dead letters: ${report.deadLetters}`);
  if (report.feeds.length) {
    out.push('', 'Feeds');
    out.push(
      table([
        ['feed', 'last poll', 'last ok', 'failures', 'next poll', 'last error'],
        ...report.feeds.map((f) => [f.url, f.lastPolledAt ?? '-', f.lastOkAt ?? '-', String(f.failures), f.paused ? 'paused' : (f.nextPollAt ?? '-'), (f.lastError ?? '').slice(0, 80)]),
      ]),
    );
  }
  if (report.dead) {
    out.push('', report.dead.length ? 'Dead letters' : 'Dead letters: none');
    for (const d of report.dead) out.push(`${d.failedAt}  ${d.stage}  ${d.key}  (${d.attempts} attempts)  ${d.error.replace(/\s+/g, ' ').slice(0, 200)}`);
  }
  return out.join('\n');
}
