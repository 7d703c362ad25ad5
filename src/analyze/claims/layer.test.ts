/** The claims layer with the shipped model, on texts written for these tests. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createPipeline } from '../pipeline.ts';
import { standardLayers } from '../registry.ts';
import { claimsLayer, createClaimsLayer, tokenRanges } from './layer.ts';
import { ClaimModel, describeClaimFeature } from './model.ts';

// the lead wires the layer into the registry; until then the tests add it themselves
const registry = standardLayers().some((f) => f.layer === 'claims') ? standardLayers() : [...standardLayers(), claimsLayer];

const CLAIM = 'Unemployment fell to 3.6% in May, the lowest rate since 1969.';
const OPINION = 'I think we should all be proud of this town.';
// an emoji first, so that UTF-16 offsets and code points differ
const TEXT = `🎉 Local news\n\n${OPINION} ${CLAIM} What do you think?\n`;

test('a checkable sentence becomes a claim span with its score and reasons; an opinion does not', async () => {
  const pipeline = await createPipeline({ layers: ['claims'], language: 'en', registry });
  const doc = pipeline.analyze(TEXT);
  const layer = doc.layers.claims!;
  assert.equal(layer.status, 'ok');
  assert.equal(layer.model.name, 'spinscope-claims');
  const texts = layer.spans.map((s) => doc.text.slice(s.start, s.end));
  assert.ok(texts.includes(CLAIM), texts.join(' | '));
  assert.ok(!texts.includes(OPINION), texts.join(' | '));
  assert.ok(!texts.includes('What do you think?'), texts.join(' | '));
  const span = layer.spans[texts.indexOf(CLAIM)]!;
  assert.equal(span.label, 'claim');
  assert.ok(span.score! >= 0.5 && span.score! <= 1);
  assert.ok(span.evidence!.includes('states a percentage: 3.6%'), span.evidence!.join('; '));
  assert.ok(span.evidence!.length <= 4);
  assert.equal(typeof span.attrs?.sentence, 'number');
});

test('the threshold decides which sentences are reported', async () => {
  const all = await createPipeline({ layers: ['claims'], language: 'en', registry: [...registry.filter((f) => f.layer !== 'claims'), createClaimsLayer({ threshold: 0 })] });
  const doc = all.analyze(TEXT);
  assert.equal(doc.layers.claims!.spans.length, doc.layers.sentences!.spans.length);
  const none = await createPipeline({ layers: ['claims'], language: 'en', registry: [...registry.filter((f) => f.layer !== 'claims'), createClaimsLayer({ threshold: 1.01 })] });
  assert.equal(none.analyze(TEXT).layers.claims!.spans.length, 0);
});

test('other languages are left alone with a note', async () => {
  const pipeline = await createPipeline({ layers: ['claims'], language: 'de', registry });
  const layer = pipeline.analyze('Die Arbeitslosigkeit sank 2019 auf 3,6 Prozent.').layers.claims!;
  assert.equal(layer.status, 'unsupported-language');
  assert.match(layer.note!, /supports en/);
});

test('sentences map to the tokens inside them', () => {
  const tokens = [
    { start: 0, end: 2 },
    { start: 3, end: 5 },
    { start: 5, end: 6 },
    { start: 7, end: 9 },
  ];
  assert.deepEqual(tokenRanges(tokens, [{ start: 0, end: 6 }, { start: 7, end: 9 }, { start: 10, end: 12 }]), [[0, 3], [3, 4], [4, 4]]);
});

test('the shipped model ranks and explains in words', () => {
  const model = ClaimModel.load();
  const [claim, opinion] = model.scoreSentences([CLAIM, OPINION]);
  assert.ok(claim! > 0.8 && opinion! < 0.2, `${claim} ${opinion}`);
  assert.equal(describeClaimFeature('w=unemployment'), 'the word ‘unemployment’');
  assert.equal(describeClaimFeature('num=money', new Map([['num=money', ['$2 billion']]])), 'names an amount of money: $2 billion');
  assert.equal(describeClaimFeature('role=main speaker'), 'said by a main speaker');
  const { evidence } = model.scoreOne('The state spent $2 billion more than it raised in 2019.');
  assert.ok(evidence.some((e) => e.startsWith('names an amount of money: $2 billion')), evidence.join('; '));
  // a reason never repeats what a cue already showed
  assert.ok(!evidence.includes('the word ‘billion’'), evidence.join('; '));
});

test('reasons without the words that showed them still read as sentences', () => {
  assert.equal(describeClaimFeature('num=percent'), 'states a percentage');
  assert.equal(describeClaimFeature('form=question'), 'asks a question');
  assert.equal(describeClaimFeature('b=<s> unemployment'), 'starts with ‘unemployment’');
});
