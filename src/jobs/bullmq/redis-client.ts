/**
 * The Redis client BullMQ talks through. BullMQ 6 treats its Redis driver as
 * an optional peer and none is installed here, so this is a small RESP2
 * connection shaped like the raw client BullMQ's own `createBunRedisClient`
 * adapter wraps: the adapter brings Lua script loading, MULTI/EXEC,
 * reply normalisation and reconnection with backoff; this file only moves
 * bytes. Every command is pipelined on one socket; replies come back in order.
 */
import { connect as netConnect, type Socket } from 'node:net';
import { createBunRedisClient, type IRedisClient } from 'bullmq';
import { encodeCommand, RedisReplyError, RespParser, type Reply } from './resp.ts';

export interface RedisTarget {
  host: string;
  port: number;
  username?: string;
  password?: string;
  db?: number;
}

/** `redis://[user:password@]host[:port][/db]`. */
export function parseRedisUrl(url: string): RedisTarget {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`'${url}' is not a Redis URL (redis://host:port)`);
  }
  if (parsed.protocol !== 'redis:') throw new Error(`'${url}' is not a Redis URL (redis://host:port; TLS is not supported)`);
  const target: RedisTarget = { host: parsed.hostname.replace(/^\[|\]$/g, '') || '127.0.0.1', port: Number(parsed.port) || 6379 };
  if (parsed.username) target.username = decodeURIComponent(parsed.username);
  if (parsed.password) target.password = decodeURIComponent(parsed.password);
  const db = parsed.pathname.replace(/^\//, '');
  if (db) {
    if (!/^\d+$/.test(db)) throw new Error(`'${url}': the path must be a database number`);
    target.db = Number(db);
  }
  return target;
}

interface Waiting {
  resolve: (reply: Reply) => void;
  reject: (error: Error) => void;
}

/** The message BullMQ's adapter recognises as "the connection went away" (it retries those). */
const CLOSED = 'Connection closed';

/** One TCP connection to Redis, with the callback surface of Bun's RedisClient. */
export class RespConnection {
  connected = false;
  onconnect: ((...args: unknown[]) => void) | null = null;
  onclose: ((error?: Error) => void) | null = null;
  onerror: ((error: Error) => void) | null = null;
  private socket: Socket | undefined;
  private readonly waiting: Waiting[] = [];
  private parser = new RespParser();
  private closing = false;

  constructor(readonly target: RedisTarget) {}

  get url(): string {
    return `redis://${this.target.host}:${this.target.port}`;
  }

  connect(): Promise<void> {
    if (this.socket) return Promise.resolve();
    this.closing = false;
    return new Promise((resolve, reject) => {
      const socket = netConnect({ host: this.target.host, port: this.target.port });
      this.socket = socket;
      this.parser = new RespParser();
      socket.setNoDelay(true);
      socket.setKeepAlive(true, 10_000);
      let opened = false;
      socket.on('data', (chunk: Buffer) => this.receive(chunk));
      socket.once('connect', () => {
        opened = true;
        this.connected = true;
        this.handshake().then(
          () => {
            this.onconnect?.();
            resolve();
          },
          (error: Error) => {
            socket.destroy(error);
            reject(error);
          },
        );
      });
      socket.on('error', (error) => {
        if (!opened) reject(error);
        else this.onerror?.(error);
      });
      socket.once('close', () => {
        const unexpected = opened && !this.closing;
        this.connected = false;
        this.socket = undefined;
        const error = new Error(`${CLOSED}: ${this.url} went away`);
        for (const w of this.waiting.splice(0)) w.reject(error);
        if (opened) this.onclose?.(unexpected ? error : undefined);
      });
    });
  }

  private async handshake(): Promise<void> {
    const { username, password, db } = this.target;
    if (password !== undefined) await this.send('AUTH', username !== undefined ? [username, password] : [password]);
    if (db !== undefined) await this.send('SELECT', [String(db)]);
  }

  private receive(chunk: Buffer): void {
    let replies: Reply[];
    try {
      replies = this.parser.push(chunk);
    } catch (error) {
      this.socket?.destroy(error as Error);
      return;
    }
    for (const reply of replies) {
      const w = this.waiting.shift();
      if (!w) continue;
      if (reply instanceof RedisReplyError) w.reject(reply);
      else w.resolve(reply);
    }
  }

  send<T = unknown>(command: string, args: readonly (string | Buffer | number)[]): Promise<T> {
    const socket = this.socket;
    if (!socket || !this.connected) return Promise.reject(new Error(`${CLOSED}: not connected to ${this.url}`));
    return new Promise<T>((resolve, reject) => {
      this.waiting.push({ resolve: resolve as (r: Reply) => void, reject });
      socket.write(encodeCommand(command, args));
    });
  }

  close(): void {
    this.closing = true;
    this.socket?.end();
    // a server that never answers the FIN must not keep the process alive
    this.socket?.setTimeout(1000, () => this.socket?.destroy());
  }

  /** A fresh, unconnected client aimed at the same server (the adapter reconnects through it). */
  async duplicate(): Promise<RespConnection> {
    return new RespConnection(this.target);
  }

  get(key: string): Promise<string | null> {
    return this.send('GET', [key]);
  }

  smembers(key: string): Promise<string[]> {
    return this.send('SMEMBERS', [key]);
  }

  incr(key: string): Promise<number> {
    return this.send('INCR', [key]);
  }
}

/**
 * A BullMQ-ready client for `url`. It connects lazily and reconnects by
 * itself (1 s, then longer, up to 20 s between tries) when Redis goes away.
 * Queues and workers duplicate it for their own connections and close those;
 * the caller closes this one with `quit()`.
 */
export function createRedisClient(url: string): IRedisClient {
  const raw = new RespConnection(parseRedisUrl(url));
  return createBunRedisClient(raw as unknown as Parameters<typeof createBunRedisClient>[0], { lazyConnect: true });
}
