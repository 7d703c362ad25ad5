/**
 * The analysis step of the `analyse` stage: the pipeline in worker threads
 * (so analysis uses every core while the main thread keeps fetching and
 * writing), or in this thread when `threads` is 0. It also names the
 * pipeline's version, which makes analyses idempotent: an article whose
 * latest analysis has the same version and text is not analysed again, and
 * a new version (a retrained model, a new layer) makes every article due.
 */
import { createRequire } from 'node:module';
import type { Worker } from 'node:worker_threads';
import type { AnalyzerSettings } from '../analyze/component.ts';
import { createPipeline, planLayers, type DocInput, type PipelineOptions } from '../analyze/pipeline.ts';
import { finish } from '../analyze/many.ts';
import { startWorkerThread } from '../util/worker-thread.ts';
import type { WorkerReply, WorkerRequest } from '../analyze/worker-protocol.ts';
import type { AnalysisJson } from '../output/analysis-json.ts';
import type { ModelInfo } from '../text/document.ts';
import { shortHash } from './ids.ts';

export interface AnalyserOptions {
  /** Worker threads; 0 runs the pipeline in this thread (default 1). */
  threads?: number;
  /** Layers to produce (default: the pipeline's defaults). */
  layers?: readonly string[];
  /** Model files, a forced language… as the pipeline takes them. */
  settings?: AnalyzerSettings;
}

export interface Analyser {
  /** The version every analysis of this pipeline is stored under. */
  readonly model: ModelInfo;
  analyse(input: DocInput): Promise<AnalysisJson>;
  close(): Promise<void>;
}

/** Analysed once at start: its layers' models name the pipeline's version. */
const PROBE: DocInput = { text: 'The minister said on Monday that the talks would continue.\n\nOfficials in Brussels agreed.' };

function packageVersion(): string {
  const require = createRequire(import.meta.url);
  return (require('../../package.json') as { version: string }).version;
}

/**
 * `spinscope@<package version>+<hash of the layers, their models and the
 * settings>`: the package version alone would miss a model file swapped in
 * by --technique-model.
 */
export function pipelineModel(analysis: AnalysisJson, settings: AnalyzerSettings = {}): ModelInfo {
  const parts = Object.entries(analysis.layers)
    .map(([name, layer]) => `${name}=${layer.model.name}@${layer.model.version}`)
    .sort();
  for (const [key, value] of Object.entries(settings).sort(([a], [b]) => a.localeCompare(b))) {
    if (value !== undefined) parts.push(`${key}=${JSON.stringify(value)}`);
  }
  return { name: 'spinscope', version: `${packageVersion()}+${shortHash(parts.join(';'), 10)}` };
}

export async function createAnalyser(options: AnalyserOptions = {}): Promise<Analyser> {
  const settings = options.settings ?? {};
  const pipelineOptions: PipelineOptions = { ...settings, ...(options.layers && { layers: options.layers }) };
  planLayers(pipelineOptions); // an unknown layer fails here, before any thread starts
  const threads = options.threads ?? 1;
  if (threads <= 0) {
    const pipeline = await createPipeline(pipelineOptions);
    const run = (input: DocInput) => JSON.parse(finish(pipeline, pipeline.analyze(input), 'json') as string) as AnalysisJson;
    const model = pipelineModel(run(PROBE), settings);
    return { model, analyse: async (input) => run(input), close: async () => {} };
  }
  const workers = Array.from({ length: threads }, () => new AnalysisThread(options.layers, settings));
  try {
    await Promise.all(workers.map((w) => w.ready));
    const model = pipelineModel(await workers[0]!.analyse(PROBE), settings);
    return {
      model,
      analyse: (input) => workers.reduce((a, b) => (b.load < a.load ? b : a)).analyse(input),
      close: async () => {
        await Promise.all(workers.map((w) => w.close()));
      },
    };
  } catch (error) {
    await Promise.all(workers.map((w) => w.close()));
    throw error;
  }
}

/** One thread running src/analyze/worker.ts (the same one `batch` uses), in JSON mode. */
class AnalysisThread {
  readonly ready: Promise<void>;
  private readonly worker: Worker;
  private readonly pending = new Map<number, { resolve: (v: AnalysisJson) => void; reject: (e: Error) => void }>();
  private next = 0;
  private failed: Error | undefined;

  constructor(layers: readonly string[] | undefined, settings: AnalyzerSettings) {
    const workerData: WorkerRequest['init'] = { layers, settings, mode: 'json' };
    this.worker = startWorkerThread(import.meta.url, '../analyze/worker', workerData);
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
      if (reply.ok) p.resolve(JSON.parse(reply.value as string) as AnalysisJson);
      else p.reject(new Error(reply.error));
    });
    const failAll = (error: Error) => {
      this.failed = error;
      for (const p of this.pending.values()) p.reject(error);
      this.pending.clear();
    };
    this.worker.on('error', (error) => failAll(new Error(`analysis thread failed: ${error.message}`)));
    this.worker.on('exit', (code) => failAll(new Error(`analysis thread exited (code ${code})`)));
  }

  get load(): number {
    return this.failed ? Number.POSITIVE_INFINITY : this.pending.size;
  }

  analyse(input: DocInput): Promise<AnalysisJson> {
    if (this.failed) return Promise.reject(this.failed);
    const index = this.next++;
    return new Promise((resolve, reject) => {
      this.pending.set(index, { resolve, reject });
      this.worker.postMessage({ index, input } satisfies WorkerRequest['doc']);
    });
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }
}
