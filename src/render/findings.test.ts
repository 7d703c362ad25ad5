import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ANALYSIS_SCHEMA, type AnalysisJson } from '../output/analysis-json.ts';
import { findingSections } from './findings.ts';
import { renderHtml } from './html.ts';
import { renderText } from './text.ts';

// code points: the emoji is one character, two UTF-16 units
const TEXT = '😡 Prices rose by 40% in 2025. <b>Stay calm</b>.';
const analysis: AnalysisJson = {
  schema: ANALYSIS_SCHEMA,
  text: TEXT,
  length: Array.from(TEXT).length,
  language: { code: 'en', score: 1 },
  layers: {},
  genre: { label: 'opinion', score: 0.7, scores: { opinion: 0.7, reporting: 0.25, satire: 0.05 }, evidence: ["the word 'calm'"] },
  frames: [{ label: 'Economic', score: 0.8, evidence: ["the word 'prices'"] }],
  claims: [{ start: 2, end: 29, score: 0.93, evidence: ['states a percentage: 40%'] }],
};

test('findings: genre and frames, then claims sliced by code points, best first', () => {
  const sections = findingSections(analysis);
  assert.deepEqual(sections.map((s) => s.id), ['framing', 'claims']);
  assert.equal(sections[0]!.rows[0]!.head, 'Genre: opinion');
  assert.match(sections[0]!.rows[0]!.details[0]!, /reporting 25%, satire 5%/);
  assert.equal(sections[1]!.rows[0]!.head, 'Prices rose by 40% in 2025.');
});

test('both reports show the findings, and the HTML escapes them', () => {
  const text = renderText(analysis, { color: false, width: 80 });
  assert.match(text, /How the story is told\n {3}70% {2}Genre: opinion/);
  assert.match(text, /Claims worth checking\n {3}93% {2}Prices rose by 40% in 2025\./);
  const html = renderHtml({ ...analysis, claims: [{ start: 30, end: 46, score: 0.5, evidence: ['<script>x</script>'] }] });
  assert.match(html, /<h2 id="claims-heading">Claims worth checking<\/h2>/);
  assert.ok(html.includes('&lt;b&gt;Stay calm&lt;/b&gt;'));
  assert.ok(!html.includes('<script>x</script>'));
});
