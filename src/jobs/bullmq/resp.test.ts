import { test } from 'node:test';
import assert from 'node:assert/strict';
import { encodeCommand, RedisReplyError, RespParser } from './resp.ts';
import { parseRedisUrl } from './redis-client.ts';

test('commands are arrays of bulk strings, binary arguments included', () => {
  assert.equal(encodeCommand('SET', ['k', 'é', 5]).toString('latin1'), '*4\r\n$3\r\nSET\r\n$1\r\nk\r\n$2\r\n\xc3\xa9\r\n$1\r\n5\r\n');
  const bin = encodeCommand('EVALSHA', [Buffer.from([0, 255])]);
  assert.deepEqual([...bin.subarray(-4)], [0, 255, 13, 10]);
});

test('replies of every type are parsed, however the bytes are split', () => {
  const wire = Buffer.from('+OK\r\n-ERR wrong\r\n:42\r\n$4\r\nhé!\r\n$-1\r\n*3\r\n$1\r\na\r\n*1\r\n:1\r\n$-1\r\n*-1\r\n');
  const whole = new RespParser().push(wire);
  assert.equal(whole.length, 7);
  assert.equal(whole[0], 'OK');
  assert.ok(whole[1] instanceof RedisReplyError);
  assert.equal((whole[1] as Error).message, 'ERR wrong');
  assert.deepEqual(whole.slice(2), [42, 'hé!', null, ['a', [1], null], null]);
  // byte by byte: nothing is returned early or twice
  const parser = new RespParser();
  const pieces = [...wire].flatMap((b) => parser.push(Buffer.from([b])));
  assert.deepEqual(pieces.map(String), whole.map(String));
});

test('Redis URLs give host, port, credentials and database', () => {
  assert.deepEqual(parseRedisUrl('redis://127.0.0.1:6380/2'), { host: '127.0.0.1', port: 6380, db: 2 });
  assert.deepEqual(parseRedisUrl('redis://:s%40cret@cache'), { host: 'cache', port: 6379, password: 's@cret' });
  assert.throws(() => parseRedisUrl('rediss://x'), /TLS is not supported/);
  assert.throws(() => parseRedisUrl('redis://x/db'), /database number/);
});
