import { test } from 'node:test';
import assert from 'node:assert/strict';
import { articleContext } from '../techniques/context.ts';
import { extractQuotes, type Quote } from './extract.ts';

interface Seen {
  type: Quote['type'];
  content: string;
  cue: string | null;
  speaker: string | null;
}

function run(text: string): Seen[] {
  return extractQuotes(articleContext(text)).map((q) => ({
    type: q.type,
    content: text.slice(q.start, q.end),
    cue: q.cue ? text.slice(q.cue.start, q.cue.end) : null,
    speaker: q.speaker ? text.slice(q.speaker.start, q.speaker.end) : null,
  }));
}

function one(text: string): Seen {
  const all = run(text);
  assert.equal(all.length, 1, `expected one quote in ${JSON.stringify(text)}, got ${JSON.stringify(all)}`);
  return all[0]!;
}

test('direct quote, titled speaker after it: "…," Kremlin spokesman Dmitry Peskov said', () => {
  assert.deepEqual(one(`"We will not accept foreign troops," Kremlin spokesman Dmitry Peskov said on Thursday.`), {
    type: 'direct',
    content: `"We will not accept foreign troops,"`,
    cue: 'said',
    speaker: 'Kremlin spokesman Dmitry Peskov',
  });
});

test('direct quote, inverted: “…,” said Peskov', () => {
  assert.deepEqual(one(`“The decision is final,” said Peskov.`), { type: 'direct', content: '“The decision is final,”', cue: 'said', speaker: 'Peskov' });
});

test('direct quote, speaker before with a colon', () => {
  assert.deepEqual(one(`Putin said: "Nobody wants a war in Europe."`), { type: 'direct', content: '"Nobody wants a war in Europe."', cue: 'said', speaker: 'Putin' });
});

test('pronoun speaker, and the apostrophe trap (Putin’s, don’t, ’90s, leaders’) makes no quote', () => {
  const seen = run(`“Putin's aides don't decide this,” he said. It was a ’90s rerun, and the leaders' mood was grim.`);
  assert.deepEqual(seen, [{ type: 'direct', content: `“Putin's aides don't decide this,”`, cue: 'said', speaker: 'he' }]);
});

test('guillemets and German quotes pair too; single curly quotes after "told reporters:"', () => {
  const seen = run(`She told reporters: ‘We are ready to talk.’`);
  assert.deepEqual(seen, [{ type: 'direct', content: '‘We are ready to talk.’', cue: 'told', speaker: 'She' }]);
  const fr = run(`« Nous ne reculerons pas devant cette menace », said the French minister.`);
  assert.equal(fr[0]?.content, '« Nous ne reculerons pas devant cette menace »');
  assert.equal(fr[0]?.speaker, 'the French minister');
});

test('mixed quote with straight single quotes: called it a \'serious, concrete step\'', () => {
  assert.deepEqual(one(`The minister called it a 'serious, concrete step' toward peace.`), {
    type: 'mixed',
    content: `it a 'serious, concrete step' toward peace`,
    cue: 'called',
    speaker: 'The minister',
  });
});

test('mixed quote: described the comments as "unacceptable"', () => {
  assert.deepEqual(one(`The foreign ministry described the comments as "unacceptable and provocative."`), {
    type: 'mixed',
    content: `the comments as "unacceptable and provocative."`,
    cue: 'described',
    speaker: 'The foreign ministry',
  });
});

test('indirect speech with "that": Rutte insisted that …', () => {
  assert.deepEqual(one(`Rutte insisted that Russia has no veto over NATO membership.`), {
    type: 'indirect',
    content: 'that Russia has no veto over NATO membership',
    cue: 'insisted',
    speaker: 'Rutte',
  });
});

test('indirect speech without "that", and a metonymic speaker', () => {
  assert.deepEqual(one(`Peskov said the plan was dangerous for the whole region.`), {
    type: 'indirect',
    content: 'the plan was dangerous for the whole region',
    cue: 'said',
    speaker: 'Peskov',
  });
  assert.equal(one(`The Kremlin said the proposal was a provocation.`).speaker, 'The Kremlin');
  assert.deepEqual(one(`Kyiv rejected the idea that it should give up territory.`), {
    type: 'indirect',
    content: 'the idea that it should give up territory',
    cue: 'rejected',
    speaker: 'Kyiv',
  });
});

test('cue after the clause: "…, Peskov said."', () => {
  assert.deepEqual(one(`The ceasefire is holding for now, Peskov said.`), {
    type: 'indirect',
    content: 'The ceasefire is holding for now',
    cue: 'said',
    speaker: 'Peskov',
  });
});

test('"told reporters on Thursday that": the addressee and adverbials are skipped', () => {
  assert.deepEqual(one(`Fidan told reporters on Thursday that the parties would meet again.`), {
    type: 'indirect',
    content: 'that the parties would meet again',
    cue: 'told',
    speaker: 'Fidan',
  });
});

test('according to X, before and after the clause', () => {
  assert.deepEqual(one(`According to officials, the talks will resume next week in Geneva.`), {
    type: 'indirect',
    content: 'the talks will resume next week in Geneva',
    cue: 'According to',
    speaker: 'officials',
  });
  assert.deepEqual(one(`The talks will resume next week in Geneva, according to two diplomats.`), {
    type: 'indirect',
    content: 'The talks will resume next week in Geneva',
    cue: 'according to',
    speaker: 'two diplomats',
  });
});

test('likened … to', () => {
  const q = one(`He likened the blockade to a siege of the city.`);
  assert.equal(q.cue, 'likened');
  assert.equal(q.speaker, 'He');
  assert.equal(q.content, 'the blockade to a siege of the city');
});

test('a quote split by its attribution is one quote', () => {
  assert.deepEqual(one(`"We warned them," Peskov said, "and we will warn them again."`), {
    type: 'direct',
    content: `"We warned them," Peskov said, "and we will warn them again."`,
    cue: 'said',
    speaker: 'Peskov',
  });
});

test('a quote over two paragraphs (wire style) is one direct quote with its speaker', () => {
  const text = `The senator spoke first.\n\n"We have warned them for months. The line is clear.\n\n"Nobody can say they were not told," she added.`;
  assert.deepEqual(run(text), [
    {
      type: 'direct',
      content: `"We have warned them for months. The line is clear.\n\n"Nobody can say they were not told,"`,
      cue: 'added',
      speaker: 'she',
    },
  ]);
});

test('a quote that opens a sentence with no cue is the last speaker’s', () => {
  const seen = run(`"A deal is close," the envoy said.\n\n"Both sides want it done and we are nearly there."`);
  assert.equal(seen.length, 2);
  assert.equal(seen[1]!.type, 'direct');
  assert.equal(seen[1]!.cue, null);
  assert.equal(seen[1]!.speaker, 'the envoy');
});

test('no quotes in plain narration or in scare quotes without a cue', () => {
  assert.deepEqual(run(`The ships left the port at dawn. The so-called "peace plan" was published on Monday.`), []);
});

test('offsets are UTF-16 and survive astral characters', () => {
  const text = `🙂 "We will not accept foreign troops," Peskov said.`;
  const q = extractQuotes(articleContext(text))[0]!;
  assert.equal(text.slice(q.start, q.end), `"We will not accept foreign troops,"`);
  assert.equal(q.start, 3);
});

test('a parenthetical between the speaker and the cue is skipped', () => {
  const text = 'NATO Secretary General Mark Rutte, speaking at a press conference in Brussels, insisted that Russia has no veto over the alliance.';
  const quotes = extractQuotes(articleContext(text));
  assert.equal(quotes.length, 1);
  const q = quotes[0]!;
  assert.equal(text.slice(q.speaker!.start, q.speaker!.end), 'NATO Secretary General Mark Rutte');
  assert.equal(q.type, 'indirect');
});
