/**
 * The app on a real socket: @hono/node-server on 127.0.0.1:8080 by default.
 * `close()` stops accepting, ends idle keep-alive connections, and stops the
 * analysis thread; the store and token store belong to the caller.
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import { threadAnalyzer } from './analyzer-thread.ts';
import { createApp, type AppOptions } from './app.ts';

export interface ServerOptions extends AppOptions {
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** Told about binding beyond loopback. */
  warn?: (line: string) => void;
}

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** The server could not start for a reason its user can fix (a busy port, a wrong address). */
export class ServerStartError extends Error {
  override name = 'ServerStartError';
}

export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

export function urlFor(host: string, port: number): string {
  const h = host.replace(/^\[|\]$/g, '');
  const shown = h === '0.0.0.0' ? '127.0.0.1' : h === '::' ? '[::1]' : h.includes(':') ? `[${h}]` : h;
  return `http://${shown}:${port}`;
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  const requestedPort = options.port ?? 8080;
  if (!isLoopback(host)) {
    options.warn?.(`listening on ${host}, beyond this machine: anyone who can reach it can try tokens; put it behind TLS (a reverse proxy) and keep tokens secret`);
  }
  const ownAnalyzer = options.analyzer ? undefined : threadAnalyzer(options.pipeline);
  const app = createApp({ ...options, ...(ownAnalyzer && { analyzer: ownAnalyzer }) });
  // overrideGlobalObjects: false leaves the process's global Request and Response alone
  const server = serve({ fetch: app.fetch, hostname: host, port: requestedPort, overrideGlobalObjects: false }) as Server;
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('listening', resolve);
      server.once('error', reject);
    });
  } catch (error) {
    await ownAnalyzer?.close();
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new ServerStartError(`port ${requestedPort} on ${host} is already in use (choose another with --port)`);
    if (code === 'EADDRNOTAVAIL') throw new ServerStartError(`${host} is not an address of this machine (--host)`);
    if (code === 'EACCES') throw new ServerStartError(`not allowed to listen on port ${requestedPort} (ports below 1024 need privileges)`);
    throw error;
  }
  const port = (server.address() as AddressInfo).port;
  let closing: Promise<void> | undefined;
  return {
    url: urlFor(host, port),
    port,
    close: () =>
      (closing ??= (async () => {
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        // requests still running get a moment to finish; then their connections go too
        const timer = setTimeout(() => server.closeAllConnections(), 2_000);
        await closed;
        clearTimeout(timer);
        await ownAnalyzer?.close();
      })()),
  };
}
