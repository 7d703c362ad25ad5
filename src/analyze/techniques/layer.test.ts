/** The technique layers with the shipped model, on texts written for these tests. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createPipeline } from '../pipeline.ts';
import { toAnalysisJson } from '../../output/analysis-json.ts';
import { CATEGORIES, TECHNIQUES } from './taxonomy.ts';
import { TechniqueModel, describeFeature } from './model.ts';
import { articleContext } from './context.ts';

const pipeline = await createPipeline({ layers: ['techniques', 'paragraph-techniques'] });
const englishPipeline = await createPipeline({ layers: ['techniques'], language: 'en' });

const LOADED = `Traitors in Washington sell out our great nation

The corrupt, treasonous elites in Washington have once again betrayed the American people. These disgusting globalist puppets will destroy everything our forefathers fought and died for.

Wake up, America! Either we stand up now or we lose our country forever. The radical left wants open borders, and they will stop at nothing.

Stop the invasion! Stop the invasion! Stop the invasion!`;

const PLAIN = `City council approves budget for new library

The city council voted on Tuesday to approve a budget of 4.2 million dollars for a new public library in the northern district.

Construction is expected to begin in the spring and take about eighteen months, a council spokesperson said.`;

test('loaded English text gets technique spans with category, calibrated score and evidence', () => {
  const json = toAnalysisJson(pipeline.analyze(LOADED), { layers: pipeline.requested });
  assert.equal(json.layers.techniques?.status, 'ok');
  const spans = json.techniques ?? [];
  assert.ok(spans.length >= 3, `only ${spans.length} spans`);
  const ids = new Set(TECHNIQUES.map((t) => t.id));
  const chars = Array.from(json.text);
  for (const s of spans) {
    assert.ok(ids.has(s.technique as never), s.technique);
    assert.ok((CATEGORIES as readonly string[]).includes(s.category), s.category);
    assert.ok(s.score > 0 && s.score <= 1);
    assert.ok(s.evidence.length > 0);
    assert.ok(s.start < s.end && s.end <= chars.length);
    assert.doesNotMatch(chars.slice(s.start, s.end).join(''), /^\s|\s$/);
  }
  const covered = spans.map((s) => chars.slice(s.start, s.end).join('')).join(' | ');
  assert.match(covered, /traitors|treasonous|disgusting|puppets|corrupt/i);
});

test('plain reporting gets fewer and weaker technique spans than loaded text', () => {
  const loaded = toAnalysisJson(pipeline.analyze(LOADED), { layers: pipeline.requested }).techniques ?? [];
  const plain = toAnalysisJson(pipeline.analyze(PLAIN), { layers: pipeline.requested }).techniques ?? [];
  const mass = (xs: { score: number }[]) => xs.reduce((n, x) => n + x.score, 0);
  assert.ok(mass(plain) < mass(loaded) / 2, `plain ${mass(plain)} vs loaded ${mass(loaded)}`);
});

test('paragraph techniques come for English and Russian; spans only for English', () => {
  const en = toAnalysisJson(pipeline.analyze(LOADED), { layers: pipeline.requested });
  assert.ok((en.paragraphTechniques ?? []).length > 0);
  for (const p of en.paragraphTechniques ?? []) assert.ok(p.paragraph && p.paragraph >= 1);
  const ru = toAnalysisJson(
    pipeline.analyze('Предатели и марионетки Запада снова предали наш великий народ! Они уничтожат всё, за что сражались наши деды.\n\nПроснитесь! Либо мы встанем сейчас, либо потеряем страну навсегда.'),
    { layers: pipeline.requested },
  );
  assert.equal(ru.language.code, 'ru');
  assert.equal(ru.layers.techniques?.status, 'unsupported-language');
  assert.equal(ru.layers['paragraph-techniques']?.status, 'ok');
  assert.ok((ru.paragraphTechniques ?? []).length > 0);
});

test('an article with no words produces no spans, not a crash', () => {
  const model = TechniqueModel.load();
  assert.deepEqual(model.identify(articleContext('')), []);
  assert.deepEqual(model.identify(articleContext('— — …\n\n  ')), []);
  assert.deepEqual(model.paragraphs([], '', 'en'), []);
  const forced = toAnalysisJson(englishPipeline.analyze({ text: '— — —' }), { layers: ['techniques'] });
  assert.equal(forced.layers.techniques?.status, 'ok');
  assert.deepEqual(forced.techniques, []);
});

test('evidence reads as words, not feature names', () => {
  assert.equal(describeFeature('w=traitors'), 'the word “traitors”');
  assert.equal(describeFeature('b=the west'), 'the words “the west”');
  assert.equal(describeFeature('suffix=-ists'), 'a word ending in “ists”');
  assert.equal(describeFeature('prefix=anti-'), 'a word beginning with “anti”');
  assert.equal(describeFeature('repeated=3 times in article'), 'repeated 3 times in article');
  assert.equal(describeFeature('lex=strongly negative (VADER)'), 'strongly negative (VADER) words');
  const json = toAnalysisJson(pipeline.analyze(LOADED), { layers: pipeline.requested });
  for (const s of json.techniques ?? []) for (const e of s.evidence) assert.doesNotMatch(e, /^[a-z0-9 ×]+=/, e);
});
