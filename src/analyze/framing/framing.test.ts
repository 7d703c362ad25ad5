import { test } from 'node:test';
import assert from 'node:assert/strict';
import { articleBag } from './features.ts';
import { chooseFrames, chooseGenre } from './choose.ts';
import { crossValidate, FRAMING_HYPERPARAMETERS, type FramingDoc } from './train.ts';
import { describeFramingFeature, FramingModel } from './model.ts';
import { analyze } from '../pipeline.ts';
import { toAnalysisJson } from '../../output/analysis-json.ts';

test('article features: words on a log scale at unit length, plus style bins', () => {
  const bag = articleBag('The court ruled. The court appealed. "We will win," he said!');
  let norm = 0;
  for (const [name, v] of bag) if (!name.startsWith('style:')) norm += v * v;
  assert.ok(Math.abs(norm - 1) < 1e-9);
  assert.ok(bag.get('w=court')! > bag.get('w=ruled')!, 'a repeated word weighs more');
  assert.ok(bag.get('w=court')! < 2 * bag.get('w=ruled')!, 'but less than twice as much (log scale)');
  assert.ok([...bag.keys()].some((k) => k.startsWith('style:exclamations/1000w=') && !k.endsWith('≤0')));
  assert.equal(describeFramingFeature('w=court'), "the word 'court'");
});

test('genre decision adds offsets to log-probabilities; frames take the best one when none passes', () => {
  assert.equal(chooseGenre([0.2, 0.7, 0.1], [0, 0, 0]), 1);
  assert.equal(chooseGenre([0.2, 0.7, 0.1], [2, 0, 0]), 0);
  assert.deepEqual(chooseFrames([0.1, 0.6, 0.7, 0.2], 0.5), [1, 2]);
  assert.deepEqual(chooseFrames([0.1, 0.3, 0.2], 0.5), [1]);
});

test('cross-validation learns separable genres and frames from articles it never saw', () => {
  const docs: FramingDoc[] = [];
  const topics = [
    ['court', 'judge', 'ruling', 'appeal', 'verdict'],
    ['army', 'troops', 'missile', 'border', 'defence'],
  ];
  for (let i = 0; i < 60; i++) {
    const genre = i % 3 === 0 ? 0 : 1; // reporting or opinion
    const topic = i % 2;
    const words = [...topics[topic]!, ...(genre === 0 ? ['said', 'reported', 'according', 'officials'] : ['shameful', 'disgrace', 'must', 'outrageous'])];
    const text = Array.from({ length: 40 }, (_, k) => words[(k * 7 + i) % words.length]).join(' ') + ` article ${i}.`;
    docs.push({ lang: 'en', id: String(i), bag: articleBag(text), genre, frames: [topic === 0 ? 6 : 7] });
  }
  const m = crossValidate(docs, [], { ...FRAMING_HYPERPARAMETERS, genreMinCount: 2 }, 3);
  assert.ok(m.genreAccuracy > 0.9, `genre accuracy ${m.genreAccuracy}`);
  assert.ok(m.framesMicroF1 > 0.9, `frames micro-F1 ${m.framesMicroF1}`);
});

test('the shipped model classifies English and Russian articles, with evidence', () => {
  const model = FramingModel.load();
  for (const lang of ['en', 'ru', 'fr', 'de', 'it', 'pl']) assert.ok(model.supports(lang), lang);
  const r = model.classify('The government announced new sanctions on Monday. Officials said the measures target banks and energy exports, and the ministry of finance will publish the list.', 'en');
  assert.ok(['opinion', 'reporting', 'satire'].includes(r.genre.label));
  const total = Object.values(r.genre.scores).reduce((a, b) => a + b, 0);
  assert.ok(Math.abs(total - 1) < 0.01);
  assert.ok(r.frames.length >= 1);
  assert.ok(r.frames.every((f, i) => i === 0 || f.score <= r.frames[i - 1]!.score), 'most probable first');
  assert.ok(r.genre.evidence.length > 0 && r.frames[0]!.evidence.length > 0);
  assert.throws(() => model.classify('x', 'xx'), /no genre and frame model/);
});

test('genre and frames layers reach the analysis JSON; an unsupported language is noted, not an error', async () => {
  const json = toAnalysisJson(await analyze('Officials said on Monday that the court would hear the appeal of the former minister, who is accused of fraud and bribery.', { layers: ['genre', 'frames'] }));
  assert.ok(json.genre && json.frames && json.frames.length >= 1);
  assert.equal(json.layers.genre!.status, 'ok');
  const ja = await analyze('本日は晴天なり。東京の天気は良いです。', { layers: ['frames'], language: 'ja' });
  assert.equal(ja.layers.frames!.status, 'unsupported-language');
});
