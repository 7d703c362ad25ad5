/**
 * Starts a worker thread on a module that sits beside the caller, from the
 * compiled `.js` or, under tsx (tests, benchmarks), from the `.ts` source:
 * a worker does not inherit tsx's loader, so the thread registers it before
 * importing the TypeScript module. tsx inherited by a compiled worker would
 * only triple its start-up, so it is left out there.
 */
import { Worker } from 'node:worker_threads';

/** The process's exec arguments without tsx's loader flags. */
export function withoutTsx(execArgv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < execArgv.length; i++) {
    const arg = execArgv[i]!;
    if ((arg === '--import' || arg === '--require' || arg === '--loader' || arg === '-r') && /(^|[\\/])tsx([\\/]|$)/.test(execArgv[i + 1] ?? '')) {
      i++;
      continue;
    }
    if (/^--(?:import|require|loader)=.*\btsx\b/.test(arg)) continue;
    out.push(arg);
  }
  return out;
}

/** `module` is the worker's path relative to `caller` (its `import.meta.url`), without extension: `./worker`. */
export function startWorkerThread(caller: string, module: string, workerData?: unknown): Worker {
  const self = new URL(caller);
  if (self.pathname.endsWith('.ts')) {
    const tsx = import.meta.resolve('tsx/esm/api');
    const script = new URL(`${module}.ts`, self).href;
    const boot = `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(script)}); });`;
    return new Worker(boot, { eval: true, workerData });
  }
  return new Worker(new URL(`${module}.js`, self), { workerData, execArgv: withoutTsx(process.execArgv) });
}
