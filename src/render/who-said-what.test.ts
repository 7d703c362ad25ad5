import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AnalysisJson } from '../output/analysis-json.ts';
import { renderHtml } from './html.ts';
import { renderText } from './text.ts';
import { quoteRows } from './who-said-what.ts';

const text = '🙂 "They are <traitors>," Putin said. Officials said the talks would go on.';
const cp = (s: string) => Array.from(text.slice(0, text.indexOf(s))).length;
const span = (s: string) => ({ start: cp(s), end: cp(s) + Array.from(s).length });

const analysis: AnalysisJson = {
  schema: 'https://spinscope.dev/schema/analysis-v1.json',
  text,
  length: Array.from(text).length,
  language: { code: 'en', score: 1 },
  layers: {},
  techniques: [{ ...span('traitors'), technique: 'Name_Calling-Labeling', category: 'Attack on reputation', score: 0.8, evidence: [] }],
  quotes: [
    { ...span('They are <traitors>,'), type: 'direct', cue: span('said'), speaker: { ...span('Putin'), name: 'Vladimir Putin' }, actor: 'person:vladimir-putin' },
    { ...span('the talks would go on'), type: 'indirect', cue: span('said the'), speaker: { ...span('Officials'), name: null }, actor: null },
  ],
};
// the second cue is "said" in the second sentence
analysis.quotes![1]!.cue = { start: cp('said the'), end: cp('said the') + 4 };

test('rows name the resolved speaker, or the mention words, with cue, quote and techniques inside', () => {
  assert.deepEqual(quoteRows(analysis), [
    { speaker: 'Vladimir Putin', type: 'direct', cue: 'said', quote: 'They are <traitors>,', techniques: ['Name_Calling-Labeling'] },
    { speaker: 'Officials', type: 'indirect', cue: 'said', quote: 'the talks would go on', techniques: [] },
  ]);
});

test('both reports show the table, the HTML one escaped', () => {
  const txt = renderText(analysis, { color: false });
  assert.match(txt, /Who said what\n {2}Vladimir Putin \(direct, “said”\)\n {4}They are <traitors>,\n {4}techniques: Name_Calling-Labeling/);
  const html = renderHtml(analysis);
  assert.match(html, /<h2 id="quotes-heading">Who said what<\/h2>/);
  assert.match(html, /<th scope="row">Vladimir Putin<\/th><td>direct<\/td><td>said<\/td><td class="quote">They are &lt;traitors&gt;,<\/td>/);
  assert.doesNotMatch(renderHtml({ ...analysis, quotes: [] }), /Who said what/);
});

test('paragraph techniques are listed per paragraph in both reports', () => {
  const withParagraphs: AnalysisJson = {
    ...analysis,
    quotes: [],
    paragraphTechniques: [
      { ...span('"They are <traitors>," Putin said.'), technique: 'Loaded_Language', category: 'Manipulative wording', score: 0.42, evidence: [], paragraph: 1 },
      { ...span('"They are <traitors>," Putin said.'), technique: 'Name_Calling-Labeling', category: 'Attack on reputation', score: 0.31, evidence: [], paragraph: 1 },
    ],
  };
  const txt = renderText(withParagraphs, { color: false });
  assert.match(txt, /Techniques by paragraph\n {2}¶1 "They are <traitors>," Putin said\.\n {4}Loaded_Language 0\.42, Name_Calling-Labeling 0\.31/);
  const html = renderHtml(withParagraphs);
  assert.match(html, /<th scope="row">1<\/th><td>&quot;They are &lt;traitors&gt;,&quot; Putin said\.<\/td><td>Loaded_Language \(0\.42\), Name_Calling-Labeling \(0\.31\)<\/td>/);
});
