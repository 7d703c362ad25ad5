/** Writing to and reading from streams in constant memory: backpressure on the way out, line by line on the way in. */
import { once } from 'node:events';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';

/** Writes a chunk, waiting when the stream's buffer is full, so a million rows never pile up in memory. */
export async function write(out: Writable, chunk: string): Promise<void> {
  if (!out.write(chunk)) await once(out, 'drain');
}

export type Input = Readable | string;

function readable(input: Input): Readable {
  return typeof input === 'string' ? createReadStream(input) : input;
}

/** Non-blank lines with their 1-based numbers. */
export async function* lines(input: Input): AsyncIterable<{ line: string; number: number }> {
  const rl = createInterface({ input: readable(input), crlfDelay: Infinity });
  let number = 0;
  for await (const line of rl) {
    number++;
    if (line.trim()) yield { line, number };
  }
}

/** The whole input as text (for formats that are one JSON document). */
export async function readAll(input: Input): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of readable(input)) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}
