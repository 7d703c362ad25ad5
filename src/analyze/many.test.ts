import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeMany, withoutTsx, type ManyResult } from './many.ts';
import type { DocInput } from './pipeline.ts';

function corpus(n: number): DocInput[] {
  // sizes vary a lot so that workers finish out of order
  return Array.from({ length: n }, (_, i) => ({
    id: `doc-${i}`,
    text: `Story ${i}. ${'The minister said the talks would go on. '.repeat(1 + ((i * 37) % 200))}`,
  }));
}

async function collect(it: AsyncIterable<ManyResult>): Promise<ManyResult[]> {
  const out: ManyResult[] = [];
  for await (const r of it) out.push(r);
  return out;
}

test('worker threads return every document, in input order', async () => {
  const inputs = corpus(60);
  const results = await collect(analyzeMany(inputs, { threads: 2, window: 8 }));
  assert.equal(results.length, 60);
  results.forEach((r, i) => {
    assert.equal(r.index, i);
    assert.ok(r.ok);
    assert.equal(r.doc.id, `doc-${i}`);
    assert.equal(r.doc.layers.sentences?.spans.length, 2 + ((i * 37) % 200));
  });
});

test('threads and the main thread give identical results', async () => {
  const inputs = corpus(10);
  const threaded = await collect(analyzeMany(inputs, { threads: 2 }));
  const inline = await collect(analyzeMany(inputs, { threads: 1 }));
  assert.deepEqual(threaded, inline);
});

test('a document that fails is reported in its place and the stream goes on', async () => {
  const inputs: DocInput[] = [corpus(1)[0]!, { id: 'broken', text: undefined as unknown as string }, corpus(2)[1]!];
  for (const threads of [1, 2]) {
    const results = await collect(analyzeMany(inputs, { threads }));
    assert.deepEqual(results.map((r) => r.ok), [true, false, true]);
    const failed = results[1]!;
    assert.ok(!failed.ok && failed.id === 'broken' && failed.error.length > 0);
  }
});

test('async sources are pulled lazily: no more than the window is read ahead', async () => {
  let pulled = 0;
  async function* source() {
    for (const input of corpus(40)) {
      pulled++;
      yield input;
    }
  }
  const stream = analyzeMany(source(), { threads: 2, window: 4 });
  const first = await stream.next();
  assert.equal(first.done, false);
  assert.ok(pulled <= 5, `pulled ${pulled} documents for the first result`);
  await stream.return(undefined);
});

test('an unknown layer fails before any thread starts', async () => {
  await assert.rejects(collect(analyzeMany(corpus(2), { threads: 2, layers: ['bogus'] })), /unknown layer 'bogus'/);
});

test('compiled workers drop an inherited tsx loader and keep other options', () => {
  assert.deepEqual(withoutTsx(['--import', 'tsx', '--max-old-space-size=4096', '--require', '/x/node_modules/tsx/dist/cjs/index.cjs', '--import=tsx', '--import', './otel.mjs']), [
    '--max-old-space-size=4096',
    '--import',
    './otel.mjs',
  ]);
});
