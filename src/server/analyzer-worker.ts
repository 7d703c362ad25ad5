/** The server's analysis thread: keeps pipelines built and answers one request at a time. */
import { parentPort, workerData } from 'node:worker_threads';
import { PipelineError } from '../analyze/pipeline.ts';
import { InputError } from '../ingest/decode-text.ts';
import { toAnalysisJson } from '../output/analysis-json.ts';
import { PipelineCache } from './analyzer.ts';
import type { AnalyzerInit, AnalyzerMessage, AnalyzerReply } from './analyzer-protocol.ts';

const port = parentPort;
if (!port) throw new Error('analyzer-worker.ts runs only as a worker thread');
const defaults = (workerData ?? {}) as AnalyzerInit;
const cache = new PipelineCache();
const send = (reply: AnalyzerReply) => port.postMessage(reply);

port.on('message', async (message: AnalyzerMessage) => {
  try {
    const pipeline = await cache.get(
      message.type === 'analyze' ? (message.layers ?? defaults.layers) : defaults.layers,
      message.type === 'analyze' ? (message.language ?? defaults.language) : defaults.language,
    );
    if (message.type === 'warm') return send({ id: message.id, ok: true });
    // serialised here: one string crosses the thread boundary instead of a structured clone of every span
    send({ id: message.id, ok: true, json: JSON.stringify(toAnalysisJson(pipeline.analyze(message.input), { layers: pipeline.requested })) });
  } catch (error) {
    const user = error instanceof PipelineError || error instanceof InputError;
    send({ id: message.id, ok: false, error: error instanceof Error ? error.message : String(error), user });
  }
});
