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

test("NYT-style doubled apostrophes are quote marks: ''…,'' the mayor said", () => {
  assert.deepEqual(one(`''We will rebuild the bridge,'' the mayor said.`), {
    type: 'direct',
    content: `''We will rebuild the bridge,''`,
    cue: 'said',
    speaker: 'the mayor',
  });
});

test("a quote closed by '' at a paragraph end does not take the next paragraph's cue", () => {
  const seen = run(`''We need more time,'' said Ms. Ortega. ''Give us the tools.''\n\nMs. Ortega said the harbor plan was late.`);
  assert.deepEqual(seen.map((q) => q.content), [`''We need more time,'' said Ms. Ortega. ''Give us the tools.''`, 'the harbor plan was late']);
});

test('chained quotes: the attribution between them may run long', () => {
  const text = `"We are ready," said Anna Berg, a longtime adviser to the governor of the northern province. "The plan is done."`;
  assert.deepEqual(one(text).content, text);
});

test('a time phrase between subject and cue: "Spicer on Thursday evening said …"', () => {
  assert.deepEqual(one(`Party spokesman Tom Reyes on Thursday evening said the vote would go ahead.`), {
    type: 'indirect',
    content: 'the vote would go ahead',
    cue: 'said',
    speaker: 'Party spokesman Tom Reyes',
  });
});

test('passive expectation with no source: "X is expected to …" (subject and infinitive)', () => {
  assert.deepEqual(one(`On Monday, the new council is expected to approve the budget.`), {
    type: 'indirect',
    content: 'the new council is expected to approve the budget',
    cue: 'is expected',
    speaker: null,
  });
});

test('progressive cue: "who is seeking …" / "Lund has been criticizing …"', () => {
  assert.deepEqual(one(`Mayor Lund has been criticizing the transit budget for weeks.`), {
    type: 'indirect',
    content: 'the transit budget for weeks',
    cue: 'criticizing',
    speaker: 'Mayor Lund',
  });
});

test('a speech participle with no comma: "issued a statement saying …" (the subject speaks)', () => {
  assert.deepEqual(one(`The union issued a statement saying the strike would end on Friday.`), {
    type: 'indirect',
    content: 'the strike would end on Friday',
    cue: 'saying',
    speaker: 'The union',
  });
});

test('nominal cue with "that": "Rao\'s claim that …", "voiced the fear that …"', () => {
  assert.deepEqual(one(`Critics mocked Governor Rao's claim that the dam was safe.`), {
    type: 'indirect',
    content: 'that the dam was safe',
    cue: 'claim',
    speaker: 'Governor Rao',
  });
  assert.deepEqual(one(`Local farmers voiced the fear that the river would flood.`), {
    type: 'indirect',
    content: 'that the river would flood',
    cue: 'fear',
    speaker: 'Local farmers',
  });
  // a verb is left to the verb rules
  assert.match(one(`Her allies fear that the vote will slip.`).speaker ?? '', /allies/);
});

test('questions: "was asked about …" (no speaker), "asked whether …"', () => {
  assert.deepEqual(one(`The senator was asked about the harbor tunnel on Tuesday.`), {
    type: 'indirect',
    content: 'about the harbor tunnel on Tuesday',
    cue: 'asked',
    speaker: null,
  });
  assert.deepEqual(one(`Ms. Ortega asked whether the plan had a budget.`), {
    type: 'indirect',
    content: 'whether the plan had a budget',
    cue: 'asked',
    speaker: 'Ms. Ortega',
  });
});

test('a capitalised cue in a title-case headline: "County Says Lund Should Win"', () => {
  assert.deepEqual(one(`Farm County Says Lund Should Win Seat\n\nThe vote is next week.`), {
    type: 'indirect',
    content: 'Lund Should Win Seat',
    cue: 'Says',
    speaker: 'Farm County',
  });
});

test('a reported bare clause: "The Gazette reported the mill would close"', () => {
  assert.deepEqual(one(`The Gazette reported the mill would close in March.`), {
    type: 'indirect',
    content: 'the mill would close in March',
    cue: 'reported',
    speaker: 'The Gazette',
  });
});

test('a cue whose content is a prepositional object: "criticism of …", "talking about …"', () => {
  assert.deepEqual(one(`The mayor's criticism of the harbor plan surprised nobody.`), {
    type: 'indirect',
    content: 'the harbor plan',
    cue: 'criticism of',
    speaker: 'The mayor',
  });
  assert.deepEqual(one(`Lund spent the evening talking about rail subsidies, and left early.`), {
    type: 'indirect',
    content: 'rail subsidies',
    cue: 'talking about',
    speaker: 'Lund',
  });
});

test('inverted cue with an apposition: "…, said Ana Ruiz, a budget official."', () => {
  assert.deepEqual(one(`The costs are hard to cut, said Ana Ruiz, a budget official under two governors.`), {
    type: 'indirect',
    content: 'The costs are hard to cut',
    cue: 'said',
    speaker: 'Ana Ruiz',
  });
});

test('a question followed by "Name verb." takes that verb as its cue, and chains the next quote', () => {
  assert.deepEqual(one(`“Would the deal hold up in court?” Hendricks pressed. “Or would it collapse in a week?”`), {
    type: 'direct',
    content: `“Would the deal hold up in court?” Hendricks pressed. “Or would it collapse in a week?”`,
    cue: 'pressed',
    speaker: 'Hendricks',
  });
});

test('a content may open with a number: "The party says 3,400 members voted"', () => {
  assert.equal(one(`The party says 3,400 members voted by mail.`).content, '3,400 members voted by mail');
});

test('a mixed quote ends where the clause ends: "…, and criticized …" and "…," Ortega said', () => {
  assert.deepEqual(
    run(`Ms. Khan said Mr. Lund was "ignorant" of history and criticized him for his remarks.`).map((q) => q.content),
    [`Mr. Lund was "ignorant" of history`, 'him for his remarks'],
  );
  assert.deepEqual(
    run(`After Lund said that the plan was "a disaster," Ortega said the council would vote anyway.`).map((q) => [q.content, q.speaker]),
    [
      [`that the plan was "a disaster,"`, 'Lund'],
      ['the council would vote anyway', 'Ortega'],
    ],
  );
});

test('a cue after "and" with no earlier cue takes the subject that opens the sentence', () => {
  assert.deepEqual(one(`Mayor Lund toured the plant on Monday and said the jobs would stay in town.`), {
    type: 'indirect',
    content: 'the jobs would stay in town',
    cue: 'said',
    speaker: 'Mayor Lund',
  });
});

test('a relative clause set off by commas ends at its comma: "Lund, who wants …, spoke"', () => {
  assert.deepEqual(one(`Lund, who wants to raise the toll on the bridge, spoke on Monday.`), {
    type: 'indirect',
    content: 'to raise the toll on the bridge',
    cue: 'wants',
    speaker: 'who',
  });
});

test('an indirect content ends before ", which …", ", despite …"', () => {
  assert.equal(one(`Lund said the plan was late, which angered the council.`).content, 'the plan was late');
  assert.equal(one(`Ortega said the toll would rise, despite the protests.`).content, 'the toll would rise');
});

test('a quote with no cue takes the last speaker in text order, indirect quotes included', () => {
  const seen = run(`"We will finish it," Ortega said. Later, Lund said the toll was far too high. "Nobody here can pay it."`);
  assert.deepEqual(seen[2], { type: 'direct', content: `"Nobody here can pay it."`, cue: null, speaker: 'Lund' });
});

test('a participle cue before a quote speaks for the sentence subject, not for "a statement"', () => {
  assert.equal(one(`The union issued a statement saying it was "deeply disappointed" by the vote.`).speaker, 'The union');
  assert.equal(one(`Mayor Lund spoke for an hour, adding: "We will not give up."`).speaker, 'Mayor Lund');
});
