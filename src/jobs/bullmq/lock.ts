/**
 * A lease in Redis that one process holds at a time: the scheduler runs only
 * in the holder, so many `spinscope worker` processes poll each feed once.
 * If the holder dies, the key expires and another process takes over on its
 * next try.
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { parseRedisUrl, RespConnection } from './redis-client.ts';

const RENEW = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end`;
const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

export class RedisLock {
  readonly owner = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  private readonly conn: RespConnection;
  private held = false;

  constructor(
    redisUrl: string,
    private readonly key: string,
    private readonly ttlMs = 15_000,
  ) {
    this.conn = new RespConnection(parseRedisUrl(redisUrl));
  }

  /** Takes or renews the lease; false when another process holds it or Redis cannot be reached. */
  async acquire(): Promise<boolean> {
    try {
      if (!this.conn.connected) await this.conn.connect();
      if (this.held) {
        this.held = (await this.conn.send<number>('EVAL', [RENEW, '1', this.key, this.owner, String(this.ttlMs)])) === 1;
        if (this.held) return true;
      }
      this.held = (await this.conn.send<string | null>('SET', [this.key, this.owner, 'NX', 'PX', String(this.ttlMs)])) === 'OK';
    } catch {
      this.held = false;
    }
    return this.held;
  }

  async release(): Promise<void> {
    try {
      if (this.held && this.conn.connected) await this.conn.send('EVAL', [RELEASE, '1', this.key, this.owner]);
    } catch {
      // it expires by itself
    }
    this.held = false;
    this.conn.close();
  }
}
