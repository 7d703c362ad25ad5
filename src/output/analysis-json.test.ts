import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { createPipeline } from '../analyze/pipeline.ts';
import { toAnalysisJson, type AnalysisJson } from './analysis-json.ts';

const schema = JSON.parse(readFileSync(new URL('../../docs/schema/analysis-v1.schema.json', import.meta.url), 'utf8'));
const validate = new Ajv2020({ allErrors: true, strict: true }).compile(schema);

function assertValid(value: unknown): asserts value is AnalysisJson {
  assert.ok(validate(value), JSON.stringify(validate.errors, null, 1));
}

/** Slices by code points, as a consumer in Python or with the SemEval scorers would. */
const byCodePoints = (text: string, start: number, end: number) => Array.from(text).slice(start, end).join('');

test('output validates against the versioned JSON Schema', async () => {
  const pipeline = await createPipeline({ layers: ['language', 'paragraphs', 'sentences', 'tokens'] });
  const doc = pipeline.analyze({ text: 'Headline\n\nThe minister said so. He left.', id: 'a', source: { kind: 'text' } });
  const json = toAnalysisJson(doc);
  assertValid(json);
  assert.equal(json.schema, 'https://spinscope.dev/schema/analysis-v1.json');
  assert.deepEqual(Object.keys(json).slice(0, 3), ['schema', 'doc', 'source']);
  assert.equal(json.language.code, 'en');
  // and the schema is not a rubber stamp
  assert.equal(validate({ ...json, layers: { x: { model: { name: 'm' }, status: 'ok', spans: [], labels: [] } } }), false);
  assert.equal(validate({ ...json, length: -1 }), false);
});

test('offsets are code points that round-trip for emoji, CRLF and a BOM', async () => {
  const text = '\uFEFFPutin 😀 warns West\r\n\r\n“We will respond 🇺🇦,” he said. 𝒳 The Kremlin 👩‍👩‍👧 agreed.\r\n';
  const pipeline = await createPipeline({ layers: ['paragraphs', 'sentences', 'tokens'] });
  const json = JSON.parse(JSON.stringify(toAnalysisJson(pipeline.analyze(text))));
  assertValid(json);
  assert.equal(json.text, text);
  assert.equal(json.length, Array.from(text).length);
  const sentences = json.layers.sentences!.spans.map((s: { start: number; end: number }) => byCodePoints(text, s.start, s.end));
  assert.deepEqual(sentences, ['Putin 😀 warns West', '“We will respond 🇺🇦,” he said.', '𝒳 The Kremlin 👩‍👩‍👧 agreed.']);
  assert.equal(json.layers.paragraphs!.spans[0]!.start, 1, 'the BOM is character 0');
  const tokens = json.layers.tokens!.spans.map((s: { start: number; end: number }) => byCodePoints(text, s.start, s.end));
  assert.ok(tokens.includes('👩‍👩‍👧') && tokens.includes('Kremlin') && tokens.includes('agreed'));
});

test('only the requested layers are shown', async () => {
  const pipeline = await createPipeline({ layers: ['sentences'] });
  const json = toAnalysisJson(pipeline.analyze('One. Two.'), { layers: pipeline.requested });
  assert.deepEqual(Object.keys(json.layers), ['sentences']);
});

test('who said what: entities, actors and quotes are joined through the actor mentions, offsets in code points', () => {
  const text = '😀 "We will respond," Putin said. Russian President Vladimir Putin spoke in Moscow.';
  const at = (s: string, from = 0) => ({ start: text.indexOf(s, from), end: text.indexOf(s, from) + s.length });
  const putin1 = at('Putin');
  const putin2 = at('Vladimir Putin');
  const moscow = at('Moscow');
  const model = { name: 'test', version: '1' };
  const doc = {
    text,
    layers: {
      entities: { name: 'entities', model, status: 'ok' as const, labels: [], spans: [{ ...putin1, label: 'PERSON' }, { ...putin2, label: 'PERSON' }, { ...moscow, label: 'PLACE' }] },
      actors: {
        name: 'actors',
        model,
        status: 'ok' as const,
        spans: [{ ...putin1, label: 'person:vladimir-putin', attrs: { kind: 'name' } }, { ...putin2, label: 'person:vladimir-putin', attrs: { kind: 'name' } }],
        labels: [{ label: 'person:vladimir-putin', attrs: { name: 'Vladimir Putin', type: 'PERSON', title: 'Russian President', affiliation: 'Russian', aliases: ['Putin'] } }],
      },
      quotes: {
        name: 'quotes',
        model,
        status: 'ok' as const,
        labels: [],
        spans: [{ ...at('We will respond,'), label: 'direct', attrs: { cue: at('said'), speaker: putin1 } }],
      },
    },
  };
  const json = toAnalysisJson(doc);
  assertValid(json);
  const cp = (u16: number) => Array.from(text.slice(0, u16)).length;
  assert.deepEqual(json.entities, [
    { start: cp(putin1.start), end: cp(putin1.end), type: 'PERSON', actor: 'person:vladimir-putin' },
    { start: cp(putin2.start), end: cp(putin2.end), type: 'PERSON', actor: 'person:vladimir-putin' },
    { start: cp(moscow.start), end: cp(moscow.end), type: 'PLACE', actor: null },
  ]);
  assert.equal(json.actors![0]!.mentions.length, 2);
  assert.equal(json.actors![0]!.title, 'Russian President');
  const q = json.quotes![0]!;
  assert.equal(Array.from(text).slice(q.start, q.end).join(''), 'We will respond,');
  assert.deepEqual(q.cue, { start: cp(at('said').start), end: cp(at('said').end) });
  assert.deepEqual(q.speaker, { start: cp(putin1.start), end: cp(putin1.end), name: 'Vladimir Putin' });
  assert.equal(q.actor, 'person:vladimir-putin');
  // the raw layer's attrs are converted as well
  assert.deepEqual(json.layers.quotes!.spans[0]!.attrs!.speaker, { start: cp(putin1.start), end: cp(putin1.end) });
});
