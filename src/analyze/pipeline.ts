/**
 * The pipeline: resolves the requested layers and what they need, builds
 * their analysers once, and runs them in dependency order over each document.
 */
import { createDoc, type Doc, type DocSource, type Layer, type ModelInfo } from '../text/document.ts';
import { analyzerSettings, type Analyzer, type AnalyzerFactory, type AnalyzerSettings } from './component.ts';
import { docLanguage } from './base/language.ts';
import { standardLayers } from './registry.ts';

/** One document to analyse: its exact text and what the caller knows about it. */
export interface DocInput {
  text: string;
  id?: string;
  title?: string;
  source?: DocSource;
}

export interface PipelineOptions extends AnalyzerSettings {
  /** Layers to produce; their requirements run too. Default: every layer shown by default. */
  layers?: readonly string[];
  /** The analysers to choose from; default: `standardLayers()`. */
  registry?: readonly AnalyzerFactory[];
}

/** A caller asked for something the pipeline cannot do (an unknown layer, a dependency cycle). */
export class PipelineError extends Error {
  override name = 'PipelineError';
}

export interface Pipeline {
  /** Layers run, in order, requirements included. */
  readonly steps: readonly string[];
  /** Layers the caller asked for (or the defaults); output shows these. */
  readonly requested: readonly string[];
  /** The model (name, version) of each layer that runs. */
  readonly models: Readonly<Record<string, ModelInfo>>;
  /**
   * One string for the whole set-up, `layer@model@version` joined: a stored
   * analysis made by a different pipeline version is due for re-analysis.
   */
  readonly version: string;
  analyze(input: DocInput | string): Doc;
}

function resolveOrder(registry: readonly AnalyzerFactory[], wanted: readonly string[]): AnalyzerFactory[] {
  const byName = new Map(registry.map((f) => [f.layer, f]));
  const order: AnalyzerFactory[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (name: string, path: string[]) => {
    const factory = byName.get(name);
    if (!factory) {
      const from = path.length ? ` (needed by ${path[path.length - 1]})` : '';
      throw new PipelineError(`unknown layer '${name}'${from}; known layers: ${[...byName.keys()].join(', ')}`);
    }
    const s = state.get(name);
    if (s === 'done') return;
    if (s === 'visiting') throw new PipelineError(`layers depend on each other in a cycle: ${[...path, name].join(' → ')}`);
    state.set(name, 'visiting');
    for (const r of factory.requires) visit(r, [...path, name]);
    state.set(name, 'done');
    order.push(factory);
  };
  for (const name of wanted) visit(name, []);
  return order;
}

/**
 * The layers to run, in order, and the ones to show; throws `PipelineError`
 * for unknown layers without building any analyser.
 */
export function planLayers(options: PipelineOptions = {}): { order: AnalyzerFactory[]; requested: string[] } {
  const registry = options.registry ?? standardLayers();
  const requested = options.layers?.length
    ? [...new Set(options.layers)]
    : registry.filter((f) => f.shownByDefault).map((f) => f.layer);
  // language runs first whatever was asked, because every layer is gated on it
  const order = resolveOrder(registry, ['language', ...requested].filter((n, i, a) => a.indexOf(n) === i));
  return { order, requested };
}

export async function createPipeline(options: PipelineOptions = {}): Promise<Pipeline> {
  const { order, requested } = planLayers(options);
  const settings = analyzerSettings(options);
  const analyzers: [AnalyzerFactory, Analyzer][] = [];
  for (const factory of order) analyzers.push([factory, await factory.create(settings)]);

  const models = Object.fromEntries(analyzers.map(([f, a]) => [f.layer, a.model]));
  return {
    steps: order.map((f) => f.layer),
    requested,
    models,
    version: analyzers.map(([f, a]) => `${f.layer}@${a.model.name}@${a.model.version}`).join(' '),
    analyze(input) {
      const doc = typeof input === 'string' ? createDoc(input) : createDoc(input.text, withoutText(input));
      for (const [factory, analyzer] of analyzers) {
        doc.layers[factory.layer] = runOne(doc, factory, analyzer);
      }
      return doc;
    },
  };
}

function withoutText(input: DocInput): Omit<DocInput, 'text'> {
  const { text: _text, ...rest } = input;
  return rest;
}

function runOne(doc: Doc, factory: AnalyzerFactory, analyzer: Analyzer): Layer {
  const base = { name: factory.layer, model: analyzer.model };
  const language = docLanguage(doc);
  if (factory.layer !== 'language' && !analyzer.supports(language)) {
    return {
      ...base,
      status: 'unsupported-language',
      note: `no model for language '${language}'; this layer supports ${analyzer.languages}`,
      spans: [],
      labels: [],
    };
  }
  const missing = factory.requires.filter((r) => doc.layers[r]?.status !== 'ok');
  if (missing.length) {
    return {
      ...base,
      status: 'unsupported-language',
      note: `needs ${missing.join(', ')}, which did not run for language '${language}'`,
      spans: [],
      labels: [],
    };
  }
  const result = analyzer.run(doc);
  return { ...base, status: 'ok', spans: result.spans ?? [], labels: result.labels ?? [] };
}

/** Analyses one document with a pipeline built for the call; build a pipeline once for many documents. */
export async function analyze(input: DocInput | string, options: PipelineOptions = {}): Promise<Doc> {
  return (await createPipeline(options)).analyze(input);
}
