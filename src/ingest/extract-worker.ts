/** A worker thread of `extractMany`: reads, decodes and extracts the HTML files it is sent. */
import { parentPort } from 'node:worker_threads';
import { extractFile } from './extract-file.ts';

const port = parentPort;
if (!port) throw new Error('extract-worker.ts runs only as a worker thread');
port.on('message', async ({ index, path, maxBytes }: { index: number; path: string; maxBytes: number }) => {
  try {
    port.postMessage({ index, ok: true, json: JSON.stringify(await extractFile(path, maxBytes)) });
  } catch (error) {
    port.postMessage({ index, ok: false, error: error instanceof Error ? error.message.split('\n')[0] : String(error) });
  }
});
port.postMessage({ ready: true });
