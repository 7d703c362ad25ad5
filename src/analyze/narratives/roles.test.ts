/** Entity roles with the shipped model, on a text written for this test. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EntityRoleModel, roleOfMentions } from './roles.ts';
import { FINE_ROLES_OF, MAIN_ROLES } from './roles-taxonomy.ts';

const model = EntityRoleModel.load();

const TEXT = `Refugees abandoned as the regime shells the city

The brutal regime of General Varko shelled the city again, killing dozens of civilians. Terrified families fled to the border, where volunteers of the Red Cross handed out food and blankets.

Peace negotiator Ilse Brandt called for a ceasefire and urged both sides to protect the civilians.`;

const at = (s: string) => ({ start: TEXT.indexOf(s), end: TEXT.indexOf(s) + s.length });

test('one role per mention, a main role and fine roles of that main role, with probabilities', () => {
  const mentions = [at('General Varko'), at('civilians'), at('Red Cross'), at('Ilse Brandt')];
  const roles = roleOfMentions(model, TEXT, mentions, 'en');
  assert.equal(roles.length, 4);
  for (const r of roles) {
    assert.ok(MAIN_ROLES.includes(r.main));
    assert.ok(r.fine.length >= 1);
    for (const f of r.fine) assert.ok(FINE_ROLES_OF[r.main].includes(f), `${f} is not a ${r.main} role`);
    assert.ok(r.score >= 1 / 3 && r.score <= 1);
    assert.equal(r.fineScores.length, r.fine.length);
  }
  assert.equal(roles[0]!.main, 'Antagonist', 'the regime that shells the city');
  assert.equal(roles[1]!.main, 'Innocent', 'civilians killed');
});

test('the same mentions get the same roles whatever else is asked about, except through the entity’s other mentions', () => {
  const alone = model.roleOfMentions(TEXT, [at('General Varko')], 'en');
  const together = model.roleOfMentions(TEXT, [at('General Varko'), at('Ilse Brandt')], 'en');
  assert.deepEqual(alone[0], together[0]);
  assert.deepEqual(model.roleOfMentions(TEXT, [], 'en'), []);
});
