/** The package's library entry point, as a user imports it after `npm install spinscope`. */
import { test } from 'node:test';
import assert from 'node:assert/strict';

test('the built package exports the pipeline and analyses text', async () => {
  const lib = await import('spinscope');
  const pipeline = await lib.createPipeline({ layers: ['sentences'] });
  const doc = pipeline.analyze('The minister resigned on Friday. Her deputy took over.');
  const json = lib.toAnalysisJson(doc, { layers: pipeline.requested });
  assert.equal(json.layers.sentences?.spans.length, 2);
  assert.equal(json.schema, lib.ANALYSIS_SCHEMA);
  const results = [];
  for await (const r of lib.analyzeMany(['One. Two.', 'Three.'].map((text) => ({ text })), { threads: 2, layers: ['sentences'] })) results.push(r);
  assert.deepEqual(results.map((r) => (r.ok ? r.doc.layers.sentences?.spans.length : -1)), [2, 1]);
});
