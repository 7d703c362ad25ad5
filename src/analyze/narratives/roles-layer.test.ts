import { test } from 'node:test';
import assert from 'node:assert/strict';
import { actorRole } from './roles-layer.ts';
import { analyze } from '../pipeline.ts';
import { toAnalysisJson } from '../../output/analysis-json.ts';

test('an actor takes the main role its mentions give the most probability in total', () => {
  const r = actorRole([
    { main: 'Antagonist', fine: ['Instigator'], score: 0.6, fineScores: [0.5] },
    { main: 'Protagonist', fine: ['Guardian'], score: 0.9, fineScores: [0.8] },
    { main: 'Antagonist', fine: ['Aggressor', 'Instigator'], score: 0.7, fineScores: [0.6, 0.4] },
  ] as never);
  assert.equal(r?.main, 'Antagonist');
  assert.deepEqual(r?.fine, ['Instigator', 'Aggressor']);
  assert.equal(actorRole([]), undefined);
});

test('actors in the analysis JSON carry the role the roles layer gives them', async () => {
  const text = 'President Vladimir Putin ordered the invasion of Ukraine, and Putin has bombed cities ever since. Ukrainian President Volodymyr Zelensky called on allies to help defend the country.';
  const json = toAnalysisJson(await analyze(text, { layers: ['actors', 'roles'] }));
  const putin = json.actors?.find((a) => a.name === 'Vladimir Putin');
  assert.ok(putin?.role, 'Putin has a role');
  assert.ok(['Antagonist', 'Protagonist', 'Innocent'].includes(putin.role.main));
  assert.ok(putin.role.fine.length >= 1);
});
