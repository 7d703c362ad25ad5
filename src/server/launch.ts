/**
 * What `spinscope serve` and `spinscope start` do once their options are
 * parsed: open the store and its token table, ingest the examples into an
 * empty store (start), make the first admin token, serve until told to stop,
 * then close everything in order.
 */
import { openStore } from '../store/open.ts';
import { addFeeds, createLogger, startEmbedded, type Ingestion } from '../jobs/index.ts';
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
  /** Keep the store's feeds polled, fetched and analysed in this process (`start`). */
  ingest?: boolean;
  /** Feeds or sitemaps to add to the store before ingestion starts. */
  feeds?: readonly string[];
}

export async function launch(options: LaunchOptions): Promise<void> {
  const say = (line: string) => options.stderr.write(`spinscope: ${line}\n`);
  const pipeline = options.layers ? { layers: options.layers } : {};
  const store = await openStore(options.storeUrl);
  const analyzer = threadAnalyzer(pipeline);
  let tokens: Awaited<ReturnType<typeof openTokenStore>> | undefined;
  let server: RunningServer | undefined;
  let ingestion: Ingestion | undefined;
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
    if (options.feeds?.length) {
      await addFeeds(store, options.feeds);
      say(`following ${options.feeds.length} feed${options.feeds.length === 1 ? '' : 's'}: ${options.feeds.join(', ')}`);
    }
    if (options.ingest) {
      // the store's feeds are polled, fetched, extracted, de-duplicated and analysed in this process
      ingestion = await startEmbedded({
        store,
        ...(options.storeUrl !== undefined && { database: options.storeUrl }),
        ...(options.allowHosts?.length && { fetcherOptions: { allow: [...options.allowHosts] } }),
        ...(options.layers && { analyser: { layers: options.layers } }),
        log: createLogger({ stream: options.stderr, level: 'warn' }),
      });
      const feeds = (await store.listFeeds()).length;
      say(feeds ? `ingesting ${feeds} feed${feeds === 1 ? '' : 's'} continuously` : 'no feeds to follow yet: add some with --feed URL, or through the API or the Sources page');
    }
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
    await ingestion?.stop({ drainMs: 10_000 }).catch((e: Error) => say(`ingestion did not stop cleanly: ${e.message}`));
    await server?.close();
    await analyzer.close();
    await tokens?.close();
    await store.close();
  }
}
