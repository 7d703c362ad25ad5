/**
 * `/metrics` over HTTP: a Hono handler the API server can mount, and a tiny
 * server of its own for `spinscope worker --metrics-port`.
 */
import { serve } from '@hono/node-server';
import { Hono, type Context } from 'hono';
import type { Registry } from 'prom-client';

/** GET handler answering with the registry in Prometheus' text format. */
export function metricsHandler(registry: Registry): (c: Context) => Promise<Response> {
  return async (c) => {
    const body = await registry.metrics();
    return c.body(body, 200, { 'content-type': registry.contentType });
  };
}

/** A sub-app with `GET /metrics`, for `app.route('/', metricsApp(registry))`. */
export function metricsApp(registry: Registry): Hono {
  const app = new Hono();
  app.get('/metrics', metricsHandler(registry));
  return app;
}

export interface MetricsServer {
  readonly port: number;
  close(): Promise<void>;
}

/** Serves `/metrics` on `host:port` (port 0: any free port). Loopback by default: metrics can name feeds and hosts. */
export function serveMetrics(registry: Registry, port: number, host = '127.0.0.1'): Promise<MetricsServer> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: metricsApp(registry).fetch, port, hostname: host }, (info) => {
      resolve({
        port: info.port,
        close: () => new Promise<void>((done) => server.close(() => done())),
      });
    });
    server.once('error', reject);
  });
}
