/** Who said what, end to end through the pipeline, on a text written for this test. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { createPipeline } from '../pipeline.ts';
import { toAnalysisJson } from '../../output/analysis-json.ts';

const schema = JSON.parse(readFileSync(new URL('../../../docs/schema/analysis-v1.schema.json', import.meta.url), 'utf8'));
const validate = new Ajv2020({ strict: true }).compile(schema);

const TEXT = `Talks collapse as Moscow hardens stance

MOSCOW, Nov 3 (Spinwire) - Kremlin spokesman Dmitry Peskov said on Monday that the talks had failed. "We will not negotiate under threats," Peskov told reporters. He added that Moscow would respond to any provocation.

NATO Secretary General Mark Rutte rejected the claim. "Russia does not get a veto over our decisions," Rutte said in Brussels.

The Kremlin said the decision was final.`;

test('quotes are attributed to resolved actors, through pronouns and surnames', async () => {
  const pipeline = await createPipeline({ layers: ['entities', 'quotes', 'actors'] });
  const json = toAnalysisJson(pipeline.analyze(TEXT), { layers: pipeline.requested });
  assert.ok(validate(json), JSON.stringify(validate.errors));
  const chars = Array.from(json.text);
  const words = (s: { start: number; end: number }) => chars.slice(s.start, s.end).join('');
  const byQuote = new Map(json.quotes!.map((q) => [words(q), q]));
  const find = (fragment: string) => [...byQuote.entries()].find(([w]) => w.includes(fragment))?.[1];

  const peskov = json.actors!.find((a) => a.name === 'Dmitry Peskov');
  assert.ok(peskov, JSON.stringify(json.actors!.map((a) => a.name)));
  assert.equal(peskov.title, 'Kremlin spokesman');
  for (const fragment of ['the talks had failed', 'We will not negotiate', 'Moscow would respond']) {
    const q = find(fragment);
    assert.ok(q, `no quote with "${fragment}": ${[...byQuote.keys()].join(' | ')}`);
    assert.equal(q.actor, peskov.id, `"${fragment}" attributed to ${q.speaker?.name}`);
  }
  const direct = find('We will not negotiate')!;
  assert.equal(direct.type, 'direct');
  assert.equal(words(direct.cue!), 'told');
  assert.equal(words(direct.speaker!), 'Peskov');
  assert.equal(direct.speaker!.name, 'Dmitry Peskov');

  const rutte = json.actors!.find((a) => a.name === 'Mark Rutte')!;
  assert.equal(find('does not get a veto')?.actor, rutte.id);
  const kremlin = find('the decision was final');
  assert.ok(kremlin?.actor, 'the speaking Kremlin is an actor');
  assert.equal(json.actors!.find((a) => a.id === kremlin.actor)?.name, 'Government of Russia');

  for (const e of json.entities!) assert.ok(['PERSON', 'ORG', 'PLACE', 'EVENT'].includes(e.type));
  assert.ok(json.entities!.some((e) => e.type === 'PLACE' && words(e) === 'Brussels'));
});

test('non-English text leaves the who-said-what layers unsupported, not broken', async () => {
  const pipeline = await createPipeline({ layers: ['entities', 'quotes', 'actors'] });
  const json = toAnalysisJson(pipeline.analyze('«Это провокация», — заявил пресс-секретарь Кремля Дмитрий Песков журналистам в понедельник.'), { layers: pipeline.requested });
  assert.equal(json.language.code, 'ru');
  for (const layer of ['entities', 'quotes', 'actors']) assert.equal(json.layers[layer]?.status, 'unsupported-language');
  assert.equal(json.quotes, undefined);
});
