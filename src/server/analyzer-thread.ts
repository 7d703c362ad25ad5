/**
 * An Analyzer on a worker thread, so that the server's event loop keeps
 * answering while a document is analysed. The thread starts on first use and
 * is restarted after a crash; requests queue in the thread's message port.
 */
import type { Worker } from 'node:worker_threads';
import { PipelineError } from '../analyze/pipeline.ts';
import { startWorkerThread } from '../util/worker-thread.ts';
import type { AnalysisJson } from '../output/analysis-json.ts';
import type { AnalyzeRequest, Analyzer } from './analyzer.ts';
import type { AnalyzerInit, AnalyzerMessage, AnalyzerReply } from './analyzer-protocol.ts';

function startWorker(init: AnalyzerInit): Worker {
  return startWorkerThread(import.meta.url, './analyzer-worker', init);
}

/** Omit distributed over a union, so that each message keeps its own fields. */
type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;

export function threadAnalyzer(defaults: AnalyzerInit = {}): Analyzer {
  let worker: Worker | undefined;
  let nextId = 1;
  const pending = new Map<number, { resolve: (r: AnalyzerReply) => void; reject: (e: Error) => void }>();

  const failAll = (why: string) => {
    for (const p of pending.values()) p.reject(new Error(why));
    pending.clear();
    worker = undefined;
  };

  const ensure = (): Worker => {
    if (worker) return worker;
    const w = startWorker(defaults);
    w.on('message', (reply: AnalyzerReply) => {
      const p = pending.get(reply.id);
      if (!p) return;
      pending.delete(reply.id);
      p.resolve(reply);
    });
    w.on('error', (error) => {
      if (worker === w) failAll(`analysis thread failed: ${error.message}`);
    });
    w.on('exit', (code) => {
      if (worker === w) failAll(`analysis thread exited (code ${code})`);
    });
    // an idle analysis thread must not keep the process alive after the server closes
    w.unref();
    worker = w;
    return w;
  };

  const call = (message: WithoutId<AnalyzerMessage>): Promise<AnalyzerReply> =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      ensure().postMessage({ ...message, id } as AnalyzerMessage);
    });

  return {
    async analyze({ input, layers, language }: AnalyzeRequest): Promise<AnalysisJson> {
      const reply = await call({ type: 'analyze', input, layers, language });
      if (!reply.ok) throw reply.user ? new PipelineError(reply.error) : new Error(reply.error);
      return JSON.parse(reply.json!) as AnalysisJson;
    },
    async warm() {
      const reply = await call({ type: 'warm' });
      if (!reply.ok) throw new Error(reply.error);
    },
    async close() {
      const w = worker;
      worker = undefined;
      failAll('the server is closing');
      if (w) await w.terminate();
    },
  };
}
