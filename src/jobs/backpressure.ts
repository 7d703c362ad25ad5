/**
 * Backpressure: when the analysis side falls behind (analyse + index
 * backlog over a limit), this process stops taking fetch and poll jobs until
 * the backlog is down to half the limit. Queued work waits in the queue, not
 * in memory, and every process decides from the same shared depths.
 */
import type { Logger } from './log.ts';
import { INTAKE_STAGES, SINK_STAGES, type JobRunner } from './types.ts';

export interface BackpressureOptions {
  /** Analyse + index jobs waiting before intake pauses (default 500). */
  maxBacklog?: number;
  /** How often depths are read (default 1 s). */
  intervalMs?: number;
  log?: Logger;
}

export class Backpressure {
  private engagedNow = false;
  private timer: NodeJS.Timeout | undefined;
  private checking = false;
  readonly maxBacklog: number;

  constructor(
    private readonly runner: Pick<JobRunner, 'depths' | 'pause' | 'resume'>,
    private readonly options: BackpressureOptions = {},
  ) {
    this.maxBacklog = options.maxBacklog ?? 500;
  }

  get engaged(): boolean {
    return this.engagedNow;
  }

  /** Reads the depths once and pauses or resumes intake; returns the backlog. */
  async check(): Promise<number> {
    const depths = await this.runner.depths();
    const backlog = SINK_STAGES.reduce((sum, s) => sum + depths[s].waiting + depths[s].delayed, 0);
    if (!this.engagedNow && backlog > this.maxBacklog) {
      this.engagedNow = true;
      this.runner.pause(INTAKE_STAGES);
      this.options.log?.warn('backpressure.on', { backlog, maxBacklog: this.maxBacklog, paused: INTAKE_STAGES });
    } else if (this.engagedNow && backlog <= this.maxBacklog / 2) {
      this.engagedNow = false;
      this.runner.resume(INTAKE_STAGES);
      this.options.log?.info('backpressure.off', { backlog });
    }
    return backlog;
  }

  start(): void {
    this.timer = setInterval(() => {
      if (this.checking) return;
      this.checking = true;
      this.check()
        .catch((error: Error) => this.options.log?.warn('backpressure.check-failed', { error: error.message }))
        .finally(() => (this.checking = false));
    }, this.options.intervalMs ?? 1000);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
