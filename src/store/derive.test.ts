import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import type { AnalysisJson } from '../output/analysis-json.ts';
import { sliceCodePoints } from '../text/offsets.ts';
import { derive } from './derive.ts';

const read = (name: string) => JSON.parse(readFileSync(new URL(`./testdata/${name}`, import.meta.url), 'utf8')) as AnalysisJson;

test('derives rows from a real English analysis', () => {
  const analysis = read('opinion.analysis.json');
  const d = derive(analysis);
  assert.equal(d.spans.filter((s) => s.layer === 'techniques').length, analysis.techniques!.length);
  assert.ok(d.spans.every((s) => s.category !== null));
  assert.ok(!d.spans.some((s) => s.layer === 'paragraph-techniques' || s.layer === 'sentences' || s.layer === 'entities'), 'structure stays in the JSON');
  assert.equal(d.quotes.length, analysis.quotes!.length);
  for (const [i, q] of d.quotes.entries()) assert.equal(q.text, sliceCodePoints(analysis.text, analysis.quotes![i]!.start, analysis.quotes![i]!.end));
  assert.equal(d.quotes.filter((q) => q.actorKey === 'org:nato').length, d.mentions.find((m) => m.actorKey === 'org:nato')?.quotes);
  assert.equal(new Set(d.mentions.map((m) => m.actorKey)).size, d.mentions.length);
  assert.equal(d.counts.techniques, analysis.techniques!.length);
  assert.equal(d.language, 'en');
  assert.deepEqual(d.contribution.layers, ['techniques']);
  assert.equal(d.contribution.labels.reduce((n, [, , c]) => n + c, 0), analysis.techniques!.length);
});

test('takes technique spans from paragraphs where the span model did not run', () => {
  const analysis = read('ru-peskov.analysis.json');
  const d = derive(analysis);
  assert.equal(analysis.layers.techniques!.status, 'unsupported-language');
  assert.equal(d.spans.length, analysis.paragraphTechniques!.length);
  assert.ok(d.spans.every((s) => s.layer === 'techniques' && s.paragraph !== null));
  assert.deepEqual(d.quotes, []);
  assert.equal(d.language, 'ru');
});

test('keeps document labels and sublabels of any layer', () => {
  const analysis: AnalysisJson = {
    schema: 'https://spinscope.dev/schema/analysis-v1.json',
    text: 'x',
    length: 1,
    language: { code: 'en', score: 1 },
    layers: {
      narratives: { model: { name: 'n', version: '1' }, status: 'ok', spans: [], labels: [{ label: 'A', score: 0.9, attrs: { sublabels: ['A1', { label: 'A2', score: 0.4 }] } }] },
      frames: { model: { name: 'f', version: '1' }, status: 'unsupported-language', spans: [], labels: [{ label: 'ignored' }] },
    },
  };
  const d = derive(analysis);
  assert.deepEqual(d.docLabels, [
    { layer: 'narratives', label: 'A', parent: null, score: 0.9, rollup: 'A' },
    { layer: 'narratives', label: 'A1', parent: 'A', score: null, rollup: 'A::A1' },
    { layer: 'narratives', label: 'A2', parent: 'A', score: 0.4, rollup: 'A::A2' },
  ]);
  assert.deepEqual(d.contribution.labels, [
    ['narratives', 'A', 1],
    ['narratives', 'A::A1', 1],
    ['narratives', 'A::A2', 1],
  ]);
  assert.deepEqual(d.contribution.layers, ['narratives']);
  assert.deepEqual(d.counts, { narratives: 1 });
});

test('keeps roles as labels of the actors they cast, counted by role', () => {
  const analysis: AnalysisJson = {
    schema: 'https://spinscope.dev/schema/analysis-v1.json',
    text: 'Putin and Zelensky.',
    length: 19,
    language: { code: 'en', score: 1 },
    layers: {
      roles: {
        model: { name: 'r', version: '1' },
        status: 'ok',
        spans: [],
        labels: [
          { label: 'person:vladimir-putin', score: 0.8, attrs: { main: 'Antagonist', fine: ['Instigator', 'Tyrant'] } },
          { label: 'person:volodymyr-zelensky', score: 0.7, attrs: { main: 'Protagonist', fine: [] } },
          { label: 'person:x', score: 0.6, attrs: { main: 'Antagonist', fine: ['Tyrant'] } },
        ],
      },
    },
    actors: [{ id: 'person:vladimir-putin', name: 'Putin', type: 'PERSON', title: null, affiliation: null, aliases: [], role: { main: 'Antagonist', fine: [], score: 0.8 }, mentions: [{ start: 0, end: 5, kind: 'name' }] }],
  };
  const d = derive(analysis);
  assert.deepEqual(
    d.docLabels.map((l) => [l.label, l.parent, l.rollup]),
    [
      ['Antagonist', 'person:vladimir-putin', 'Antagonist'],
      ['Instigator', 'person:vladimir-putin', 'Antagonist::Instigator'],
      ['Tyrant', 'person:vladimir-putin', 'Antagonist::Tyrant'],
      ['Protagonist', 'person:volodymyr-zelensky', 'Protagonist'],
      ['Antagonist', 'person:x', 'Antagonist'],
      ['Tyrant', 'person:x', 'Antagonist::Tyrant'],
    ],
  );
  assert.deepEqual(d.contribution.labels, [
    ['roles', 'Antagonist', 1],
    ['roles', 'Antagonist::Instigator', 1],
    ['roles', 'Antagonist::Tyrant', 1],
    ['roles', 'Protagonist', 1],
  ]);
  assert.equal(d.counts.roles, 3);
  assert.equal(d.mentions[0]!.role, 'Antagonist');
});
