/**
 * Output files appear whole or not at all: data goes to a temporary file next
 * to the target, which is renamed over it only when everything was written.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { once } from 'node:events';
import { CommandError } from './errors.ts';

export interface AtomicFile {
  /** Writes a chunk, waiting when the disk falls behind. */
  write(chunk: string): Promise<void>;
  /** Flushes and renames into place. */
  commit(): Promise<void>;
  /** Removes the temporary file; the target is left as it was. */
  abort(): Promise<void>;
}

export async function openAtomic(path: string): Promise<AtomicFile> {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  const stream: WriteStream = createWriteStream(temp, { flags: 'wx' });
  let failure: Error | undefined;
  stream.on('error', (error) => (failure = error));
  try {
    await once(stream, 'open');
  } catch (error) {
    throw new CommandError(`cannot write ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  const check = () => {
    if (failure) throw new CommandError(`cannot write ${path}: ${(failure as NodeJS.ErrnoException).code ?? failure.message}`);
  };
  return {
    async write(chunk) {
      check();
      if (!stream.write(chunk)) await once(stream, 'drain');
    },
    async commit() {
      check();
      stream.end();
      await once(stream, 'finish');
      check();
      await rename(temp, path);
    },
    async abort() {
      stream.destroy();
      await rm(temp, { force: true });
    },
  };
}

export async function writeFileAtomic(path: string, content: string): Promise<void> {
  const file = await openAtomic(path);
  try {
    await file.write(content);
    await file.commit();
  } catch (error) {
    await file.abort();
    throw error;
  }
}
