import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeNarratives, likelyDomain, type LabelProbabilities } from './decode.ts';
import { NARRATIVE_LABELS, NARRATIVES, SUBNARRATIVE_LABELS, parentOf } from './taxonomy.ts';

const at = (label: string) => NARRATIVE_LABELS.indexOf(label);
const sub = (label: string) => SUBNARRATIVE_LABELS.indexOf(label);

function probabilities(coarse: Record<string, number>, fine: Record<string, number>, other: number): LabelProbabilities {
  const c = new Float64Array(NARRATIVE_LABELS.length).fill(0.01);
  const f = new Float64Array(SUBNARRATIVE_LABELS.length).fill(0.01);
  for (const [l, p] of Object.entries(coarse)) c[at(l)] = p;
  for (const [l, p] of Object.entries(fine)) f[sub(l)] = p;
  return { coarse: c, fine: f, other };
}

const t = { coarse: 0.3, fine: 0.3, other: 0.5, max: 21 };

test('narratives of the likelier domain only, each with at least its best sub-narrative', () => {
  const p = probabilities(
    { 'URW: Discrediting Ukraine': 0.8, 'URW: Praise of Russia': 0.4, 'CC: Amplifying Climate Fears': 0.6 },
    { 'URW: Discrediting Ukraine: Ukraine is a puppet of the West': 0.7, 'URW: Discrediting Ukraine: Discrediting Ukrainian military': 0.35, 'URW: Praise of Russia: Other': 0.1 },
    0.1,
  );
  assert.equal(likelyDomain(p.coarse), 'URW');
  const d = decodeNarratives(p, t);
  assert.deepEqual(d.map((n) => NARRATIVES[n.narrative]!.label), ['URW: Discrediting Ukraine', 'URW: Praise of Russia']);
  assert.deepEqual(d[0]!.sub.map((s) => SUBNARRATIVE_LABELS[s.index]), ['URW: Discrediting Ukraine: Ukraine is a puppet of the West', 'URW: Discrediting Ukraine: Discrediting Ukrainian military']);
  // nothing of Praise of Russia passes 0.3, so its best sub-narrative (its Other here) is kept
  assert.deepEqual(d[1]!.sub.map((s) => SUBNARRATIVE_LABELS[s.index]), ['URW: Praise of Russia: Other']);
  for (const n of d) for (const s of n.sub) assert.equal(parentOf(SUBNARRATIVE_LABELS[s.index]!), NARRATIVES[n.narrative]!.label);
});

test('Other when no narrative passes, or when Other is likelier than every narrative', () => {
  assert.deepEqual(decodeNarratives(probabilities({ 'CC: Amplifying Climate Fears': 0.2 }, {}, 0.1), t), []);
  assert.deepEqual(decodeNarratives(probabilities({ 'CC: Amplifying Climate Fears': 0.6 }, {}, 0.7), t), []);
  const kept = decodeNarratives(probabilities({ 'CC: Amplifying Climate Fears': 0.6 }, {}, 0.55), t);
  assert.equal(kept.length, 1, 'Other above its threshold but below the narrative');
  assert.equal(decodeNarratives(probabilities({ 'CC: Amplifying Climate Fears': 0.6 }, {}, 0.55), { ...t, other: 0.9 }).length, 1);
});

test('at most `max` narratives, the most probable', () => {
  const p = probabilities({ 'CC: Amplifying Climate Fears': 0.6, 'CC: Criticism of climate policies': 0.9, 'CC: Downplaying climate change': 0.4 }, {}, 0.1);
  assert.deepEqual(
    decodeNarratives(p, { ...t, max: 2 }).map((n) => NARRATIVES[n.narrative]!.label),
    ['CC: Criticism of climate policies', 'CC: Amplifying Climate Fears'],
  );
  assert.equal(decodeNarratives(p, t).length, 3);
});
