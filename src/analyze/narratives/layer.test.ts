/** The narratives layer with the shipped model, on texts written for these tests. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createPipeline } from '../pipeline.ts';
import { standardLayers } from '../registry.ts';
import { narrativesLayer } from './layer.ts';
import { NarrativeModel } from './model.ts';
import { parentOf } from './taxonomy.ts';

const registry = [...standardLayers(), narrativesLayer];
const pipeline = await createPipeline({ layers: ['narratives'], registry });

const WAR = `The West is dragging Europe into a war with Russia

The puppet regime in Kyiv does whatever Washington orders. NATO keeps sending weapons, and the Ukrainian army keeps losing, while Western leaders ignore the suffering of their own people.

Russia only defends itself against NATO expansion to its borders. The sanctions have backfired: Europe freezes while Russia's economy grows. The Kyiv regime is full of neo-Nazis who glorify collaborators.`;

const CLIMATE = `The climate hoax is bankrupting families

Green activists and globalist elites push net zero policies that destroy jobs. Carbon taxes make energy unaffordable, and wind turbines fail when we need them most.

The so-called climate scientists have been wrong for decades: their models exaggerate warming, and the climate has always changed naturally.`;

const LIBRARY = `New library opens in the city centre

The new public library opened on Monday with a reading for children. The mayor thanked the volunteers who painted the walls and sorted the books. The library is open every day from nine to six.`;

function narrativesOf(text: string, language?: string) {
  const doc = pipeline.analyze(language ? { text } : text);
  return doc.layers.narratives!;
}

test('a war text gets Ukraine-war narratives with sub-narratives of their own narrative, scores and evidence from the text', () => {
  const layer = narrativesOf(WAR);
  assert.equal(layer.status, 'ok');
  assert.ok(layer.labels.length >= 1);
  for (const l of layer.labels) {
    assert.match(l.label, /^URW: /);
    assert.ok(l.score! > 0 && l.score! <= 1);
    const subs = l.attrs!.sublabels as { label: string; score: number }[];
    assert.ok(subs.length >= 1);
    for (const s of subs) assert.equal(parentOf(s.label), l.label);
    const evidence = l.attrs!.evidence as string[];
    assert.ok(evidence.length >= 1);
    // quoted sentences are the article's own
    for (const e of evidence.filter((x) => x.startsWith('“') && !x.startsWith('key words'))) assert.ok(WAR.replace(/\s+/g, ' ').includes(e.slice(1, -1).replace(/…$/, '')), e);
  }
});

test('a climate text gets climate narratives, a plain text gets Other', () => {
  const climate = narrativesOf(CLIMATE);
  assert.ok(climate.labels.length >= 1);
  for (const l of climate.labels) assert.match(l.label, /^CC: /);
  const plain = narrativesOf(LIBRARY);
  assert.deepEqual(plain.labels.map((l) => l.label), ['Other']);
  assert.deepEqual(plain.labels[0]!.attrs!.sublabels, []);
});

test('languages without a model are left alone with a note', () => {
  const german = narrativesOf('Die Bibliothek der Stadt wurde am Montag eröffnet. Der Bürgermeister dankte den freiwilligen Helfern, die die Wände gestrichen hatten.');
  assert.equal(german.status, 'unsupported-language');
  assert.match(german.note ?? '', /bg, en, hi, pt, ru/);
});

test('the model scores Russian text too', () => {
  const model = NarrativeModel.load();
  assert.ok(model.languages.includes('ru'));
  const ru = narrativesOf('Киевский режим — марионетка Запада\n\nВашингтон отдаёт приказы, а киевские власти выполняют. НАТО поставляет оружие, а украинская армия несёт огромные потери. Россия лишь защищает себя от расширения НАТО.');
  assert.equal(ru.status, 'ok');
  assert.ok(ru.labels.length >= 1);
  assert.ok(ru.labels.every((l) => l.label.startsWith('URW: ') || l.label === 'Other'));
});
