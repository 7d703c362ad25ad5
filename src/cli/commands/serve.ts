import { parseAllowEntry } from '../../ingest/fetch/allow-list.ts';
import { StoreError } from '../../store/errors.ts';
import { launch, type LaunchOptions } from '../../server/launch.ts';
import { ServerStartError } from '../../server/server.ts';
import { parse } from '../args.ts';
import { CommandError, UsageError } from '../errors.ts';
import type { CommandContext } from '../context.ts';

export const serveHelp = `Usage: spinscope serve [options]

Serves the HTTP API (/api/…, described at /api/openapi.json) and the web app.
Every API call needs a token (Authorization: Bearer …, or the web app's sign-in);
when the database has none, a first admin token is created and printed once.

Options:
  --store URL         database: a SQLite file (default ./spinscope.db), sqlite:PATH,
                      or postgres://user@host/db[?schema=name]
  --host HOST         address to listen on (default 127.0.0.1; anything else is reachable
                      from other machines: use TLS in front of it)
  --port N            port (default 8080; 0 picks a free one)
  --cors ORIGIN       let web pages from ORIGIN (https://app.example) call the API; off by default
  --rate-limit N      requests per second per token (default 20, bursts of 2N)
  --allow-host HOST_OR_CIDR
                      let POST /api/analyze fetch this non-public host; repeatable`;

export const SERVE_OPTIONS = {
  store: { type: 'string' },
  host: { type: 'string' },
  port: { type: 'string' },
  cors: { type: 'string' },
  'rate-limit': { type: 'string' },
  'allow-host': { type: 'string', multiple: true },
  help: { type: 'boolean', short: 'h' },
} as const;

type ServeValues = { store?: string; host?: string; port?: string; cors?: string; 'rate-limit'?: string; 'allow-host'?: string[] };

/** The options both serve and start take, checked before anything opens. */
export function serverOptions(values: ServeValues): Omit<LaunchOptions, 'stderr' | 'stop'> {
  const out: Omit<LaunchOptions, 'stderr' | 'stop'> = {};
  if (values.store !== undefined) out.storeUrl = values.store;
  if (values.host !== undefined) {
    if (!/^[A-Za-z0-9.:[\]%-]+$/.test(values.host)) throw new UsageError(`--host takes a host name or address, not '${values.host}'`);
    out.host = values.host;
  }
  if (values.port !== undefined) {
    const port = Number(values.port);
    if (!/^\d+$/.test(values.port) || port > 65535) throw new UsageError(`--port must be a port number (0–65535), not '${values.port}'`);
    out.port = port;
  }
  if (values.cors !== undefined) {
    let origin: URL;
    try {
      origin = new URL(values.cors);
    } catch {
      throw new UsageError(`--cors takes an origin such as https://app.example, not '${values.cors}'`);
    }
    if ((origin.protocol !== 'http:' && origin.protocol !== 'https:') || origin.origin !== values.cors.replace(/\/$/, '')) {
      throw new UsageError(`--cors takes an origin such as https://app.example (scheme, host, port; no path), not '${values.cors}'`);
    }
    out.cors = origin.origin;
  }
  if (values['rate-limit'] !== undefined) {
    const rate = Number(values['rate-limit']);
    if (!(rate > 0) || !Number.isFinite(rate)) throw new UsageError(`--rate-limit must be a number of requests per second > 0, not '${values['rate-limit']}'`);
    out.limits = { requests: { rate, burst: Math.max(1, Math.ceil(rate * 2)) } };
  }
  for (const entry of values['allow-host'] ?? []) {
    try {
      parseAllowEntry(entry);
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
  }
  if (values['allow-host']) out.allowHosts = values['allow-host'];
  return out;
}

/** Resolves on the first SIGINT or SIGTERM; a second one ends the process the default way. */
export function untilSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(signal);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

/** Runs the server, with failures its user can fix turned into one-line command errors. */
export async function runServer(options: LaunchOptions): Promise<number> {
  try {
    await launch(options);
  } catch (error) {
    if (error instanceof StoreError || error instanceof ServerStartError) throw new CommandError(error.message);
    throw error;
  }
  return 0;
}

export async function serveCommand(args: string[], ctx: CommandContext): Promise<number> {
  const { values } = parse(args, SERVE_OPTIONS, false);
  if (values.help) {
    ctx.stdout.write(`${serveHelp}\n`);
    return 0;
  }
  return runServer({ ...serverOptions(values), stderr: ctx.stderr, stop: untilSignal() });
}
