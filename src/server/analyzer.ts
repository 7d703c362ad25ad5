/**
 * What POST /api/analyze runs documents on. Two implementations: this
 * thread (tests, small tools) and a worker thread (the server: an analysis
 * takes 0.1–0.5 s of CPU, which would otherwise stall every other request).
 * Both keep a few pipelines built, keyed by layers and language, because
 * building one loads models and takes seconds.
 */
import { createPipeline, planLayers, type DocInput, type Pipeline } from '../analyze/pipeline.ts';
import { toAnalysisJson, type AnalysisJson } from '../output/analysis-json.ts';

export interface AnalyzeRequest {
  input: DocInput;
  layers?: readonly string[];
  language?: string;
}

export interface Analyzer {
  analyze(request: AnalyzeRequest): Promise<AnalysisJson>;
  /** Builds the default pipeline ahead of the first request. */
  warm(): Promise<void>;
  close(): Promise<void>;
}

export function pipelineKey(layers: readonly string[] | undefined, language: string | undefined): string {
  return JSON.stringify([layers ? [...new Set(layers)].sort() : null, language ?? null]);
}

/** Pipelines by key, oldest dropped beyond `max`; a pipeline being built is shared by whoever asks meanwhile. */
export class PipelineCache {
  private readonly pipelines = new Map<string, Promise<Pipeline>>();
  constructor(private readonly max = 4) {}

  get(layers: readonly string[] | undefined, language: string | undefined): Promise<Pipeline> {
    const key = pipelineKey(layers, language);
    let p = this.pipelines.get(key);
    if (p) {
      // most recently used last, so that eviction takes the least recently used
      this.pipelines.delete(key);
      this.pipelines.set(key, p);
      return p;
    }
    // unknown layers throw here, synchronously inside the promise, before any model loads
    p = (async () => {
      planLayers({ ...(layers && { layers }) });
      return createPipeline({ ...(layers && { layers }), ...(language && { language }) });
    })();
    p.catch(() => this.pipelines.delete(key));
    this.pipelines.set(key, p);
    while (this.pipelines.size > this.max) this.pipelines.delete(this.pipelines.keys().next().value!);
    return p;
  }
}

export function inProcessAnalyzer(defaults: { layers?: readonly string[]; language?: string } = {}): Analyzer {
  const cache = new PipelineCache();
  return {
    async analyze({ input, layers, language }) {
      const pipeline = await cache.get(layers ?? defaults.layers, language ?? defaults.language);
      return toAnalysisJson(pipeline.analyze(input), { layers: pipeline.requested });
    },
    async warm() {
      await cache.get(defaults.layers, defaults.language);
    },
    async close() {},
  };
}
