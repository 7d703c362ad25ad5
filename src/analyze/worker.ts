/** A worker thread of `analyzeMany`: builds one pipeline, then analyses what it is sent. */
import { parentPort, workerData } from 'node:worker_threads';
import { finish } from './many.ts';
import { createPipeline, type PipelineOptions } from './pipeline.ts';
import type { WorkerReply, WorkerRequest } from './worker-protocol.ts';

const port = parentPort;
if (!port) throw new Error('worker.ts runs only as a worker thread');

const init = workerData as WorkerRequest['init'];
const options: PipelineOptions = { ...init.settings };
if (init.layers) options.layers = init.layers;

const send = (reply: WorkerReply) => port.postMessage(reply);

try {
  const pipeline = await createPipeline(options);
  port.on('message', ({ index, input }: WorkerRequest['doc']) => {
    try {
      send({ type: 'result', index, ok: true, value: finish(pipeline, pipeline.analyze(input), init.mode) });
    } catch (error) {
      send({ type: 'result', index, ok: false, error: error instanceof Error ? error.message : String(error) });
    }
  });
  send({ type: 'ready' });
} catch (error) {
  send({ type: 'fatal', error: error instanceof Error ? error.message : String(error) });
}
