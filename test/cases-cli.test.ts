/** `analyze --cases FILE`: the user's own known cases are matched to the claims of an article, with their disproof. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './run-cli.ts';

test('a claim of the article that states a known case shows the case and its disproof', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'spinscope-cases-'));
  try {
    writeFileSync(
      join(dir, 'cases.jsonl'),
      [
        JSON.stringify({ id: 'OWN-1', claim: 'The Velmora reservoir was poisoned by foreign saboteurs, which is why 300 people fell ill in March.', disproof: 'Health inspectors traced the illness to a broken water main; no contamination of the reservoir was found.', url: 'https://factcheck.example/velmora-reservoir' }),
        JSON.stringify({ id: 'OWN-2', claim: 'Wind turbines cause migraines in 40 percent of people living nearby.', disproof: 'No study has found such an effect.' }),
      ].join('\n') + '\n',
    );
    writeFileSync(join(dir, 'story.txt'), 'Reservoir rumours spread in Velmora\n\nOfficials said on Monday that the reservoir was not poisoned. Posts shared thousands of times claimed that the Velmora reservoir was poisoned by foreign saboteurs and that this is why 300 people fell ill in March. The city council will publish the inspectors\' report on Friday.\n');
    const r = await runCli(['analyze', 'story.txt', '--cases', 'cases.jsonl', '--layers', 'known-cases'], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    const json = JSON.parse(r.stdout);
    const found = json.knownCases.find((k: { caseId: string }) => k.caseId === 'OWN-1');
    assert.ok(found, `case OWN-1 among ${JSON.stringify(json.knownCases)}`);
    assert.match(found.disproof, /broken water main/);
    assert.ok(found.similarity >= 0.5);
    assert.ok(!json.knownCases.some((k: { caseId: string }) => k.caseId === 'OWN-2'), 'an unrelated case is not matched');
    const missing = await runCli(['analyze', 'story.txt', '--cases', 'nope.csv'], { cwd: dir });
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /^spinscope: --cases: nope\.csv: no such file\n$/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
