/**
 * Streams many documents through the pipeline on all cores: worker threads
 * each build their own pipeline, the main thread hands each document to the
 * least busy worker and yields results in input order. At most `window`
 * documents are in flight or waiting for their turn, so memory stays bounded
 * however long the stream is, and a slow source or consumer slows the whole
 * stream down (backpressure) instead of piling up work.
 *
 * Crossing a thread costs a structured clone, which for a token layer of a
 * thousand spans costs more than computing it. So only the requested layers
 * come back, and `analyzeManyToJson` has the workers serialise the output
 * themselves: a string crosses threads as one copy.
 */
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { startWorkerThread } from '../util/worker-thread.ts';
import type { Doc } from '../text/document.ts';
import { toAnalysisJson } from '../output/analysis-json.ts';
import { createPipeline, planLayers, type DocInput, type Pipeline, type PipelineOptions } from './pipeline.ts';
import { analyzerSettings } from './component.ts';
import type { ManyMode, WorkerReply, WorkerRequest } from './worker-protocol.ts';

export interface ManyOptions extends Omit<PipelineOptions, 'registry'> {
  /** Worker threads; default: one per core. 0 or 1 runs in this thread. */
  threads?: number;
  /** Documents in flight or awaiting their turn; default: 16 per thread. */
  window?: number;
}

export interface ManyFailure {
  index: number;
  ok: false;
  id?: string;
  error: string;
}

/** One document's outcome, in input order. A failed document does not stop the stream. */
export type ManyResult = { index: number; ok: true; doc: Doc } | ManyFailure;
/** The same, with the document already in the JSON output format, as one line. */
export type ManyJsonResult = { index: number; ok: true; json: string } | ManyFailure;

type Outcome = { index: number; ok: true; value: Doc | string } | ManyFailure;

function failure(index: number, input: DocInput, error: unknown): ManyFailure {
  const message = error instanceof Error ? error.message : String(error);
  return { index, ok: false, ...(input.id !== undefined && { id: input.id }), error: message };
}

/** What a pipeline's result becomes before it leaves the thread that computed it. */
export function finish(pipeline: Pipeline, doc: Doc, mode: ManyMode): Doc | string {
  if (mode === 'json') return JSON.stringify(toAnalysisJson(doc, { layers: pipeline.requested }));
  const layers: Doc['layers'] = {};
  for (const name of pipeline.requested) if (doc.layers[name]) layers[name] = doc.layers[name];
  return { ...doc, layers };
}

async function* inThisThread(inputs: AsyncIterable<DocInput> | Iterable<DocInput>, options: ManyOptions, mode: ManyMode): AsyncGenerator<Outcome> {
  const pipeline = await createPipeline(options);
  let index = 0;
  for await (const input of inputs) {
    try {
      yield { index, ok: true, value: finish(pipeline, pipeline.analyze(input), mode) };
    } catch (error) {
      yield failure(index, input, error);
    }
    index++;
  }
}

export { withoutTsx } from '../util/worker-thread.ts';

interface Pending {
  input: DocInput;
  resolve: (result: Outcome) => void;
}

/** A worker thread with its own pipeline and the documents sent to it. */
class PipelineWorker {
  readonly pending = new Map<number, Pending>();
  private readonly worker: Worker;
  readonly ready: Promise<void>;
  private failed: string | undefined;

  constructor(options: ManyOptions, mode: ManyMode) {
    const workerData: WorkerRequest['init'] = { layers: options.layers, settings: analyzerSettings(options), mode };
    this.worker = startWorkerThread(import.meta.url, './worker', workerData);
    this.ready = new Promise((resolve, reject) => {
      this.worker.once('message', (reply: WorkerReply) => {
        if (reply.type === 'ready') resolve();
        else if (reply.type === 'fatal') reject(new Error(reply.error));
      });
      this.worker.once('error', reject);
    });
    this.worker.on('message', (reply: WorkerReply) => {
      if (reply.type !== 'result') return;
      const p = this.pending.get(reply.index);
      if (!p) return;
      this.pending.delete(reply.index);
      p.resolve(reply.ok ? { index: reply.index, ok: true, value: reply.value } : failure(reply.index, p.input, new Error(reply.error)));
    });
    const failAll = (why: string) => {
      this.failed = why;
      for (const [index, p] of this.pending) p.resolve(failure(index, p.input, new Error(why)));
      this.pending.clear();
    };
    this.worker.on('error', (error) => failAll(`worker thread failed: ${error.message}`));
    this.worker.on('exit', (code) => {
      if (this.pending.size) failAll(`worker thread exited (code ${code})`);
    });
  }

  get alive(): boolean {
    return this.failed === undefined;
  }

  submit(index: number, input: DocInput): Promise<Outcome> {
    if (this.failed) return Promise.resolve(failure(index, input, new Error(this.failed)));
    return new Promise((resolve) => {
      this.pending.set(index, { input, resolve });
      this.worker.postMessage({ index, input } satisfies WorkerRequest['doc']);
    });
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }
}

async function* run(inputs: AsyncIterable<DocInput> | Iterable<DocInput>, options: ManyOptions, mode: ManyMode): AsyncGenerator<Outcome> {
  const threads = options.threads ?? availableParallelism();
  planLayers(options); // unknown layers fail here, before any thread starts
  if (threads <= 1) {
    yield* inThisThread(inputs, options, mode);
    return;
  }
  const workers = Array.from({ length: threads }, () => new PipelineWorker(options, mode));
  try {
    // a broken model fails here, once, not once per document
    await Promise.all(workers.map((w) => w.ready));
    const window = Math.max(threads, options.window ?? threads * 16);
    const queue: Promise<Outcome>[] = [];
    const iterator = Symbol.asyncIterator in inputs ? inputs[Symbol.asyncIterator]() : (inputs as Iterable<DocInput>)[Symbol.iterator]();
    let index = 0;
    let exhausted = false;
    for (;;) {
      while (!exhausted && queue.length < window) {
        const next = await iterator.next();
        if (next.done) {
          exhausted = true;
          break;
        }
        const live = workers.filter((w) => w.alive);
        const target = (live.length ? live : workers).reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
        queue.push(target.submit(index++, next.value));
      }
      const head = queue.shift();
      if (!head) break;
      yield await head;
    }
  } finally {
    await Promise.all(workers.map((w) => w.close()));
  }
}

/** Analyses a stream of documents on all cores; yields each with its requested layers, in input order. */
export async function* analyzeMany(inputs: AsyncIterable<DocInput> | Iterable<DocInput>, options: ManyOptions = {}): AsyncGenerator<ManyResult> {
  for await (const r of run(inputs, options, 'doc')) yield r.ok ? { index: r.index, ok: true, doc: r.value as Doc } : r;
}

/** Like `analyzeMany`, but each result is already one line of the JSON output format (what `batch` writes). */
export async function* analyzeManyToJson(inputs: AsyncIterable<DocInput> | Iterable<DocInput>, options: ManyOptions = {}): AsyncGenerator<ManyJsonResult> {
  for await (const r of run(inputs, options, 'json')) yield r.ok ? { index: r.index, ok: true, json: r.value as string } : r;
}
