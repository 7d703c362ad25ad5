/**
 * What `spinscope serve` and `spinscope start` do once their options are
 * parsed: open the store and its token table, ingest the examples into an
 * empty store (start), make the first admin token, serve until told to stop,
 * then close everything in order.
 */
import { openStore } from '../store/open.ts';
import { threadAnalyzer } from './analyzer-thread.ts';
import { openTokenStore } from './auth/open-token-store.ts';
import { ensureFirstAdmin } from './auth/tokens.ts';
import { ingestExamplesIfEmpty } from './examples-ingest.ts';
import type { Limits } from './limits.ts';
import { startServer, type RunningServer } from './server.ts';
import { packageVersion } from './version.ts';

export interface LaunchOptions {
  storeUrl?: string;
  host?: string;
  port?: number;
  cors?: string;
  limits?: Partial<Limits>;
  webRoot?: string | null;
  allowHosts?: readonly string[];
  /** Ingest and analyse these example articles when the store is empty (`start`). */
  examples?: string;
  /** Layers for the examples and for analyses that name none (tests use fewer). */
  layers?: string[];
  stderr: NodeJS.WritableStream;
  /** Settles when the server should stop (SIGINT or SIGTERM in the CLI). */
  stop: Promise<unknown>;
  /** Called once the server listens (tests). */
  onListening?: (server: RunningServer) => void;
}

export async function launch(options: LaunchOptions): Promise<void> {
  const say = (line: string) => options.stderr.write(`spinscope: ${line}\n`);
  const pipeline = options.layers ? { layers: options.layers } : {};
  const store = await openStore(options.storeUrl);
  const analyzer = threadAnalyzer(pipeline);
  let tokens: Awaited<ReturnType<typeof openTokenStore>> | undefined;
  let server: RunningServer | undefined;
  try {
    tokens = await openTokenStore(options.storeUrl);
    if (options.examples !== undefined) {
      await ingestExamplesIfEmpty(store, options.examples, { pipeline, model: { name: 'spinscope', version: packageVersion() }, progress: say });
    }
    const first = await ensureFirstAdmin(tokens);
    if (first) {
      say('created the first admin token. It is shown only this once: copy it now.');
      options.stderr.write(`\n    ${first.token}\n\n`);
    }
    server = await startServer({
      store,
      tokens,
      analyzer,
      pipeline,
      ...(options.host !== undefined && { host: options.host }),
      ...(options.port !== undefined && { port: options.port }),
      ...(options.cors !== undefined && { cors: options.cors }),
      ...(options.limits && { limits: options.limits }),
      ...(options.webRoot !== undefined && { webRoot: options.webRoot }),
      ...(options.allowHosts && { allowHosts: options.allowHosts }),
      warn: (line) => say(`warning: ${line}`),
      log: say,
    });
    say(`serving ${server.url} — open it and sign in with ${first ? 'the token above' : 'an API token'} (Ctrl-C stops)`);
    options.onListening?.(server);
    // the first analysis request would otherwise wait seconds for the models to load
    let stopping = false;
    analyzer.warm().catch((e: Error) => {
      if (!stopping) say(`cannot load the analysis models: ${e.message}`);
    });
    await options.stop;
    stopping = true;
    say('stopping');
  } finally {
    await server?.close();
    await analyzer.close();
    await tokens?.close();
    await store.close();
  }
}
