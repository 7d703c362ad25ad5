/**
 * Extracts many saved pages on all cores, yielding results in input order
 * with a bounded number in flight (the same shape as `analyzeMany`).
 */
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { startWorkerThread } from '../util/worker-thread.ts';
import { extractFile } from './extract-file.ts';

export type ExtractManyResult = { index: number; path: string; ok: true; json: string } | { index: number; path: string; ok: false; error: string };

type Reply = { index: number; ok: true; json: string } | { index: number; ok: false; error: string };

class ExtractWorker {
  readonly pending = new Map<number, (r: Reply) => void>();
  private readonly worker: Worker;
  readonly ready: Promise<void>;

  constructor() {
    this.worker = startWorkerThread(import.meta.url, './extract-worker');
    this.ready = new Promise((resolve, reject) => {
      this.worker.once('message', () => resolve());
      this.worker.once('error', reject);
    });
    this.worker.on('message', (reply: Reply & { ready?: boolean }) => {
      if (reply.ready) return;
      const done = this.pending.get(reply.index);
      this.pending.delete(reply.index);
      done?.(reply);
    });
    this.worker.on('error', (error) => {
      for (const [index, done] of this.pending) done({ index, ok: false, error: `worker thread failed: ${error.message}` });
      this.pending.clear();
    });
  }

  submit(index: number, path: string, maxBytes: number): Promise<Reply> {
    return new Promise((resolve) => {
      this.pending.set(index, resolve);
      this.worker.postMessage({ index, path, maxBytes });
    });
  }

  close(): Promise<number> {
    return this.worker.terminate();
  }
}

export async function* extractMany(paths: readonly string[], options: { threads?: number; maxBytes: number }): AsyncGenerator<ExtractManyResult> {
  const threads = Math.min(options.threads ?? availableParallelism(), paths.length);
  if (threads <= 1) {
    for (const [index, path] of paths.entries()) {
      try {
        yield { index, path, ok: true, json: JSON.stringify(await extractFile(path, options.maxBytes)) };
      } catch (error) {
        yield { index, path, ok: false, error: error instanceof Error ? error.message : String(error) };
      }
    }
    return;
  }
  const workers = Array.from({ length: threads }, () => new ExtractWorker());
  try {
    await Promise.all(workers.map((w) => w.ready));
    const window = threads * 16;
    const queue: Promise<Reply>[] = [];
    let next = 0;
    for (let done = 0; done < paths.length; done++) {
      while (next < paths.length && queue.length < window) {
        const target = workers.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
        queue.push(target.submit(next, paths[next]!, options.maxBytes));
        next++;
      }
      const reply = await queue.shift()!;
      const path = paths[reply.index]!;
      yield reply.ok ? { index: reply.index, path, ok: true, json: reply.json } : { index: reply.index, path, ok: false, error: reply.error };
    }
  } finally {
    await Promise.all(workers.map((w) => w.close()));
  }
}
