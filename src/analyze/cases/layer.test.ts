import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDoc, type Doc } from '../../text/document.ts';
import type { KnownCasesSettings } from './layer.ts';
import { knownCasesLayer } from './layer.ts';

let dir = '';
let cases = '';
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'spinscope-known-'));
  cases = join(dir, 'cases.jsonl');
  await writeFile(
    cases,
    [
      { id: 'dam-1', claim: 'The Kherlen dam was blown up by foreign divers on orders from Washington.', disproof: 'Engineers found that erosion broke the dam.', url: 'https://example.org/dam-1' },
      { id: 'flour-2', claim: 'Votes in the Orlovo election were bought with free flour.', disproof: 'Observers found no vote buying.' },
    ]
      .map((c) => JSON.stringify(c))
      .join('\n'),
  );
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A document with a claims layer as the claims analyser would leave it. */
function withClaims(text: string, claims: string[]): Doc {
  const doc = createDoc(text);
  doc.layers.claims = {
    name: 'claims',
    model: { name: 'test', version: '0' },
    status: 'ok',
    spans: claims.map((c) => ({ start: text.indexOf(c), end: text.indexOf(c) + c.length, label: 'claim', score: 0.9 })),
    labels: [],
  };
  return doc;
}

test('each claim that restates a known case gets a span over it with the case', async () => {
  const settings: KnownCasesSettings = { caseData: dir, caseFiles: [cases] };
  const analyzer = await knownCasesLayer.create(settings);
  assert.equal(analyzer.supports('en'), true);
  assert.match(analyzer.languages, /cases\.jsonl \(2 cases\)/);
  const claim = 'Foreign divers blew up the Kherlen dam on orders from Washington';
  const other = 'The weather was fine on Sunday';
  const text = `Reports this week. ${claim}, a blogger wrote. ${other}.`;
  const { spans = [] } = analyzer.run(withClaims(text, [claim, other]));
  assert.equal(spans.length, 1);
  const s = spans[0]!;
  assert.equal(text.slice(s.start, s.end), claim);
  assert.equal(s.label, 'known-case');
  assert.equal(s.attrs?.caseId, 'dam-1');
  assert.equal(s.attrs?.url, 'https://example.org/dam-1');
  assert.equal(s.attrs?.disproof, 'Engineers found that erosion broke the dam.');
  assert.equal(s.attrs?.similarity, s.score);
  assert.ok((s.score ?? 0) >= 0.5);
  assert.equal(analyzer.run(withClaims(text, [])).spans?.length, 0);
});

test('without a catalogue the layer says so instead of running', async () => {
  const analyzer = await knownCasesLayer.create({ caseData: dir } as KnownCasesSettings);
  assert.equal(analyzer.supports('en'), false);
  assert.match(analyzer.languages, /no case catalogue/);
  assert.deepEqual(knownCasesLayer.requires, ['claims']);
});
