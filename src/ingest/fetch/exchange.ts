/**
 * One HTTP GET over node:http/https: no redirects, no retries, just the
 * request, its timeouts and the peer check. The connection goes through the
 * caller's `lookup` (the guarded resolver) and the connected socket's address
 * is checked again, so what is checked is what is connected to.
 */
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction, Socket } from 'node:net';
import { type BodyLimits, readBody } from './body.ts';
import { FetchFailure, describeSeconds, tooLarge } from './failure.ts';

export interface ExchangeRequest {
  url: URL;
  headers: Record<string, string>;
  /** `user:password`, already decoded. */
  auth?: string;
  lookup: LookupFunction;
  /** Undefined when the connected peer is acceptable; otherwise why not. */
  checkPeer: (address: string) => string | undefined;
  connectTimeoutMs: number;
  /** From sending the request to the last byte of the body. */
  timeoutMs: number;
}

export interface Exchange {
  status: number;
  statusText: string;
  /** Lowercased names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  body(limits: BodyLimits): Promise<Uint8Array>;
  /** Drops the body and the connection. */
  discard(): void;
}

/** Errors where the same request a moment later may well succeed. */
const TRANSIENT = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED', 'ETIMEDOUT', 'EAI_AGAIN']);

export function networkFailure(error: unknown): FetchFailure {
  if (error instanceof FetchFailure) return error;
  const code = (error as NodeJS.ErrnoException).code;
  const reason = code?.startsWith('HPE_') ? 'the answer is not valid HTTP' : (code ?? (error as Error).message);
  return new FetchFailure(`cannot fetch (${reason})`, 'network', code !== undefined && TRANSIENT.has(code));
}

function flatten(headers: http.IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

export function openExchange(request: ExchangeRequest): Promise<Exchange> {
  const { url } = request;
  const transport = url.protocol === 'https:' ? https : http;
  let failure: FetchFailure | undefined;
  let client: http.ClientRequest | undefined;
  const fail = (reason: FetchFailure) => {
    failure ??= reason;
    client?.destroy(reason);
  };
  // setTimeout turns anything past 2^31-1 ms (Infinity included) into 1 ms
  const clamp = (ms: number) => Math.min(Math.max(ms, 1), 2 ** 31 - 1);
  const total = setTimeout(() => fail(new FetchFailure(`no answer within ${describeSeconds(request.timeoutMs)}`, 'timeout')), clamp(request.timeoutMs));
  const connect = setTimeout(
    () => fail(new FetchFailure(`could not connect within ${describeSeconds(request.connectTimeoutMs)}`, 'timeout')),
    clamp(request.connectTimeoutMs),
  );
  const finish = () => {
    clearTimeout(total);
    clearTimeout(connect);
  };

  return new Promise<Exchange>((resolve, reject) => {
    client = transport.request({
      protocol: url.protocol,
      hostname: url.hostname.replace(/^\[|\]$/g, ''),
      port: url.port || (url.protocol === 'https:' ? 443 : 80),
      path: `${url.pathname}${url.search}`,
      method: 'GET',
      headers: request.headers,
      ...(request.auth !== undefined && { auth: request.auth }),
      lookup: request.lookup,
      // a pooled socket would skip the lookup, and the pool is shared with code that has other rules
      agent: false,
    });
    client.on('socket', (socket: Socket) => {
      socket.once('connect', () => {
        clearTimeout(connect);
        const refused = request.checkPeer(socket.remoteAddress ?? '');
        if (refused) fail(new FetchFailure(`refused: ${refused}`, 'refused'));
      });
    });
    client.on('error', (error) => {
      finish();
      reject(failure ?? networkFailure(error));
    });
    client.on('response', (response) => {
      clearTimeout(connect);
      resolve({
        status: response.statusCode ?? 0,
        statusText: response.statusMessage || http.STATUS_CODES[response.statusCode ?? 0] || '',
        headers: flatten(response.headers),
        async body(limits) {
          try {
            const declared = Number(response.headers['content-length']);
            if (!limits.truncate && declared > limits.maxBytes) throw tooLarge(limits.maxBytes);
            return await readBody(response, response.headers['content-encoding'], limits);
          } catch (error) {
            throw failure ?? networkFailure(error);
          } finally {
            finish();
            response.destroy();
          }
        },
        discard() {
          finish();
          response.destroy();
        },
      });
    });
    client.end();
  });
}
