import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { lookup } from 'node:dns';
import { openExchange } from './exchange.ts';

test('the connected peer is checked again, before the request is sent', async () => {
  let hits = 0;
  const server = createServer((_req, res) => {
    hits++;
    res.end('should not be reached');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  try {
    const peers: string[] = [];
    const attempt = openExchange({
      url: new URL(`http://localhost:${port}/`),
      headers: {},
      lookup: (host, options, callback) => lookup(host, { ...options, family: 4 }, callback as never),
      checkPeer: (address) => {
        peers.push(address);
        return `${address} is not for us`;
      },
      connectTimeoutMs: 5000,
      timeoutMs: 5000,
    });
    await assert.rejects(attempt, { name: 'FetchFailure', message: 'refused: 127.0.0.1 is not for us' });
    assert.deepEqual(peers, ['127.0.0.1']);
    assert.equal(hits, 0);
  } finally {
    server.close();
  }
});
