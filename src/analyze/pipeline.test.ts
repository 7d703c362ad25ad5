import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, createPipeline, PipelineError } from './pipeline.ts';
import type { AnalyzerFactory } from './component.ts';
import { standardLayers } from './registry.ts';

const ENGLISH = 'Russian President Vladimir Putin warned on Thursday that Western peacekeepers would be "legitimate targets." The Kremlin said nothing more.\n\nNATO rejected the warning.';

test('default layers run in dependency order, tokens only as a requirement', async () => {
  const pipeline = await createPipeline();
  assert.deepEqual(pipeline.steps, ['language', 'paragraphs', 'tokens', 'sentences', 'techniques', 'paragraph-techniques', 'entities', 'quotes', 'actors', 'genre', 'frames', 'claims', 'narratives', 'known-cases', 'roles']);
  assert.deepEqual(pipeline.requested, ['language', 'paragraphs', 'sentences', 'techniques', 'paragraph-techniques', 'entities', 'quotes', 'actors', 'genre', 'frames', 'claims', 'narratives', 'known-cases', 'roles']);
  // one version string names every layer's model, so a store can tell which analyses are stale
  assert.match(pipeline.version, /^language@\S+@\S+ paragraphs@spinscope-text@1\.0\.0 .* claims@spinscope-claims@\S+ .* roles@spinscope-entity-roles@\S+$/);
  assert.equal(pipeline.models.frames?.name, 'spinscope-framing');
  const doc = pipeline.analyze({ text: ENGLISH, id: 'x' });
  assert.equal(doc.id, 'x');
  assert.equal(doc.layers.language?.labels[0]?.label, 'en');
  assert.equal(doc.layers.paragraphs?.spans.length, 2);
  assert.equal(doc.layers.sentences?.spans.length, 3);
  assert.deepEqual(doc.layers.sentences?.model, { name: 'spinscope-text', version: '1.0.0' });
});

test('Russian and other languages are identified', async () => {
  const pipeline = await createPipeline({ layers: ['language'] });
  const lang = (text: string) => pipeline.analyze(text).layers.language?.labels[0]?.label;
  assert.equal(lang('Пресс-секретарь президента России Дмитрий Песков заявил журналистам, что Кремль внимательно следит за ситуацией.'), 'ru');
  assert.equal(lang('Le président a déclaré jeudi que les soldats de la paix seraient des cibles légitimes.'), 'fr');
  assert.equal(lang('12345 !!! 678'), 'und');
});

test('a forced language skips identification', async () => {
  const doc = await analyze('Bonjour tout le monde, ceci est un texte français.', { language: 'en', layers: ['language'] });
  assert.equal(doc.layers.language?.labels[0]?.label, 'en');
  assert.equal(doc.layers.language?.model.name, 'caller');
});

test('an unknown layer or a cycle is a PipelineError naming it', async () => {
  await assert.rejects(createPipeline({ layers: ['sentences', 'nonsense'] }), (e: Error) => e instanceof PipelineError && /unknown layer 'nonsense'/.test(e.message));
  const loop: AnalyzerFactory[] = [
    ...standardLayers(),
    { layer: 'a', description: '', requires: ['b'], shownByDefault: false, create: () => ({ model: { name: 'a', version: '1' }, languages: 'all', supports: () => true, run: () => ({}) }) },
    { layer: 'b', description: '', requires: ['a'], shownByDefault: false, create: () => ({ model: { name: 'b', version: '1' }, languages: 'all', supports: () => true, run: () => ({}) }) },
  ];
  await assert.rejects(createPipeline({ registry: loop, layers: ['a'] }), /cycle: a → b → a/);
});

test('a layer without a model for the language says so instead of running, and so do layers that need it', async () => {
  let ran = 0;
  const registry: AnalyzerFactory[] = [
    ...standardLayers(),
    {
      layer: 'english-only',
      description: 'test layer',
      requires: ['sentences'],
      shownByDefault: true,
      create: () => ({ model: { name: 'en-model', version: '2' }, languages: 'en', supports: (l) => l === 'en', run: () => (ran++, { labels: [{ label: 'seen' }] }) }),
    },
    {
      layer: 'downstream',
      description: 'needs english-only',
      requires: ['english-only'],
      shownByDefault: true,
      create: () => ({ model: { name: 'd', version: '1' }, languages: 'all', supports: () => true, run: () => (ran++, {}) }),
    },
  ];
  const pipeline = await createPipeline({ registry });
  const ru = pipeline.analyze('Кремль заявил, что ответит на любые действия Запада, и добавил, что переговоры продолжатся.');
  assert.equal(ru.layers['english-only']?.status, 'unsupported-language');
  assert.match(ru.layers['english-only']?.note ?? '', /no model for language 'ru'; this layer supports en/);
  assert.equal(ru.layers.downstream?.status, 'unsupported-language');
  assert.match(ru.layers.downstream?.note ?? '', /needs english-only/);
  assert.equal(ru.layers.sentences?.status, 'ok');
  assert.equal(ran, 0);
  const en = pipeline.analyze(ENGLISH);
  assert.equal(en.layers['english-only']?.status, 'ok');
  assert.equal(ran, 2);
});

test('text in an unspaced script does not crash and gets honest statuses', async () => {
  const doc = await analyze('俄罗斯总统普京周四警告说，西方维和人员将成为合法目标。克里姆林宫没有进一步评论。');
  assert.equal(doc.layers.language?.labels[0]?.label, 'zh');
  assert.equal(doc.layers.sentences?.status, 'unsupported-language');
  assert.equal(doc.layers.paragraphs?.status, 'ok');
});
