import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { InputError } from '../decode-text.ts';
import { contentHash, normalizeForHash } from './content-hash.ts';
import { DuplicateIndex } from './duplicate-index.ts';
import { estimateJaccard, minhashSignature } from './minhash.ts';
import { shingleHashes, words } from './shingles.ts';
import { hamming, simhash64 } from './simhash.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}.txt`, import.meta.url), 'utf8').trim();

/** Headline, byline and paragraphs of a fixture story. */
function parts(name: string): { headline: string; byline: string; paragraphs: string[] } {
  const [headline, byline, ...rest] = fixture(name).split(/\n\s*\n|\n/).map((p) => p.trim()).filter(Boolean);
  return { headline: headline!, byline: byline!, paragraphs: rest };
}

const doc = (headline: string, byline: string, paragraphs: string[]) => [headline, byline, ...paragraphs].join('\n\n');

const WIRE = parts('wire-story');
const ORIGINAL = doc(WIRE.headline, WIRE.byline, WIRE.paragraphs);
const BOILERPLATE =
  'This article was provided by a wire service. Sign up for the Valley Courier morning newsletter to get the top stories of the day delivered to your inbox, and follow us on social media for live updates from around the region.';

function lightlyEdited(text: string): string {
  const edits: [string, string][] = [
    ['found a series of hairline cracks', 'discovered several hairline cracks'],
    ['said the cracks posed no immediate danger', 'insisted the cracks posed no immediate threat'],
    ['drew sharp criticism from residents', 'angered residents'],
    ['Meteorologists said', 'Weather forecasters said'],
    ['Around 600 homes', 'About 600 households'],
    ["The company's shares fell 6 percent", "Kestrel's shares dropped 6%"],
  ];
  for (const [from, to] of edits) {
    assert.ok(text.includes(from), `edit target missing: ${from}`);
    text = text.replace(from, to);
  }
  return text;
}

const VARIANTS: Record<string, string> = {
  'different headline': doc('Cracks found in dam above flooded Brenmoor', WIRE.byline, WIRE.paragraphs),
  'outlet boilerplate added': doc(WIRE.headline, WIRE.byline, [...WIRE.paragraphs, BOILERPLATE]),
  'last three paragraphs trimmed': doc(WIRE.headline, WIRE.byline, WIRE.paragraphs.slice(0, -3)),
  'sentences lightly edited': lightlyEdited(ORIGINAL),
  'different byline': doc(WIRE.headline, 'By Valley Courier staff and agencies', WIRE.paragraphs),
};

const SAME_TOPIC = ['same-topic-court', 'same-topic-festival', 'same-topic-debate'].map((name) => {
  const p = parts(name);
  return { name, text: doc(p.headline, p.byline, p.paragraphs) };
});

test('the fixtures are what the tests assume: a ~600-word wire story, three stories sharing its names and places', () => {
  const n = words(ORIGINAL).length;
  assert.ok(n >= 550 && n <= 700, `${n} words`);
  assert.equal(WIRE.paragraphs.length, 10);
  for (const { name, text } of SAME_TOPIC) {
    for (const shared of ['Elena Varga', 'Brenmoor', 'Kestrel Energy']) assert.ok(text.includes(shared), `${name} mentions ${shared}`);
  }
});

test('contentHash: copies differing only in spacing, case, quotes, dashes and invisible characters hash alike', () => {
  const a = 'Governor Elena Varga said: "We are not going to gamble with people\'s homes" — and left.';
  const b = '  governor  Elena\u00a0Varga said:\n“We are not going to gamble with people’s homes” – and\u200b left. ';
  assert.equal(contentHash(a), contentHash(b));
  assert.equal(normalizeForHash(b), 'governor elena varga said: "we are not going to gamble with people\'s homes" - and left.');
  assert.notEqual(contentHash(a), contentHash(a.replace('homes', 'houses')));
  assert.match(contentHash(a), /^[0-9a-f]{64}$/);
});

test('exact duplicates are found by text hash whatever their URL', () => {
  const index = new DuplicateIndex();
  index.add('a', { url: 'https://courier.example/dam', text: ORIGINAL });
  const copy = index.add('b', { url: 'https://gazette.example/other', text: ORIGINAL.replace(/"/g, '“').replace(/\n\n/g, '\n \n').toUpperCase() });
  assert.equal(copy.exactOf, 'a');
  assert.equal(copy.similarity, 1);
  assert.equal(copy.clusterId, 'a');
});

test('the same canonical URL joins documents even when the text changed (an updated story)', () => {
  const index = new DuplicateIndex();
  index.add('first', { url: 'https://courier.example/2025/dam/amp?utm_source=x', text: SAME_TOPIC[0]!.text });
  const later = index.add('later', { url: 'https://COURIER.example/2025/dam#top', text: SAME_TOPIC[1]!.text });
  assert.equal(later.urlOf, 'first');
  assert.equal(later.nearOf, undefined);
  assert.equal(later.clusterId, 'first');
  // a malformed URL is no reason to refuse the document
  assert.equal(index.add('bad-url', { url: 'not a url', text: SAME_TOPIC[2]!.text }).clusterId, 'bad-url');
});

for (const order of ['original first', 'original last'] as const) {
  test(`syndicated wire copy (${order}): all five variants join the original's cluster; same-topic stories stay apart`, () => {
    const index = new DuplicateIndex();
    const entries: [string, string][] = [['original', ORIGINAL], ...Object.entries(VARIANTS)];
    if (order === 'original last') entries.push(entries.shift()!);
    const results = new Map<string, ReturnType<DuplicateIndex['add']>>();
    for (const [id, text] of entries) results.set(id, index.add(id, { text }));
    for (const { name, text } of SAME_TOPIC) results.set(name, index.add(name, { text }));

    const first = entries[0]![0];
    for (const [id] of entries) assert.equal(index.clusterOf(id), first, `${id} is in the wire cluster`);
    for (const { name } of SAME_TOPIC) {
      assert.equal(index.clusterOf(name), name, `${name} is its own cluster`);
      const r = results.get(name)!;
      assert.equal(r.nearOf, undefined);
      assert.ok(r.similarity < 0.1, `${name}: similarity ${r.similarity}`);
    }
    assert.deepEqual([...index.clusters().values()], [entries.map(([id]) => id)]);
    if (order === 'original first') {
      for (const id of Object.keys(VARIANTS)) assert.equal(results.get(id)!.nearOf, 'original', id);
      assert.ok(results.get('last three paragraphs trimmed')!.containment > 0.9);
    }
  });
}

test('a story trimmed to its first four paragraphs plus boilerplate is caught by containment, not Jaccard', () => {
  const brief = doc(WIRE.headline, WIRE.byline, [...WIRE.paragraphs.slice(0, 4), BOILERPLATE]);
  const index = new DuplicateIndex({ lead: false });
  index.add('original', { text: ORIGINAL });
  const r = index.add('brief', { text: brief });
  assert.ok(r.similarity < 0.5, `Jaccard ${r.similarity}`);
  assert.ok(r.containment >= 0.7, `containment ${r.containment}`);
  assert.equal(r.nearOf, 'original');
  // with containment switched off the brief stands alone
  const strict = new DuplicateIndex({ containment: 1.01, lead: false });
  strict.add('original', { text: ORIGINAL });
  assert.equal(strict.add('brief', { text: brief }).nearOf, undefined);
});

test('a brief cut to the top paragraph, under another headline, is caught by its lead', () => {
  const brief = doc('Dam cracks found after Brenmoor floods', 'Valley Courier', WIRE.paragraphs.slice(0, 1));
  for (const order of [['original', 'brief'], ['brief', 'original']]) {
    // whole-text containment off, so that the lead is what joins them
    const index = new DuplicateIndex({ containment: 1.01 });
    const withoutLead = new DuplicateIndex({ containment: 1.01, lead: false });
    for (const id of order) {
      const text = id === 'original' ? ORIGINAL : brief;
      index.add(id, { text });
      withoutLead.add(id, { text });
      for (const { name, text: other } of SAME_TOPIC) if (id === order[0]) (index.add(name, { text: other }), withoutLead.add(name, { text: other }));
    }
    assert.equal(index.clusterOf(order[1]!), order[0], order.join(' then '));
    assert.equal(withoutLead.clusterOf(order[1]!), order[1], order.join(' then '));
    for (const { name } of SAME_TOPIC) assert.equal(index.clusterOf(name), name);
  }
});

test('very short texts only match exactly, however many of them come before a long one', () => {
  const index = new DuplicateIndex();
  index.add('a', { text: 'Dam cracks found.' });
  assert.equal(index.add('b', { text: 'Dam cracks found today.' }).clusterId, 'b');
  assert.equal(index.add('c', { text: 'dam cracks   found.' }).exactOf, 'a');
  for (let i = 0; i < 3000; i++) index.add(`short-${i}`, { text: `Brief note number ${i}.` });
  index.add('original', { text: ORIGINAL });
  assert.equal(index.add('copy', { text: VARIANTS['different byline']! }).nearOf, 'original');
  assert.equal(index.size, 3005);
});

test('ids must be unique; bands must fit in the signature', () => {
  const index = new DuplicateIndex();
  index.add('a', { text: ORIGINAL });
  assert.throws(() => index.add('a', { text: 'other' }), (e: unknown) => e instanceof InputError && /duplicate document id 'a'/.test(e.message));
  assert.throws(() => new DuplicateIndex({ numHashes: 64, bands: 32, rows: 4 }), /32 bands of 4 rows need more than 64 hashes/);
});

test('MinHash estimates Jaccard similarity', () => {
  const a = minhashSignature(ORIGINAL);
  assert.equal(a.length, 128);
  assert.equal(estimateJaccard(a, minhashSignature(ORIGINAL)), 1);
  const trimmed = VARIANTS['last three paragraphs trimmed']!;
  const sa = new Set(shingleHashes(ORIGINAL));
  const sb = shingleHashes(trimmed);
  const shared = sb.filter((h) => sa.has(h)).length;
  const exact = shared / (sa.size + sb.length - shared);
  assert.ok(Math.abs(estimateJaccard(a, minhashSignature(trimmed)) - exact) < 0.1, `estimate vs ${exact}`);
  assert.ok(estimateJaccard(a, minhashSignature(SAME_TOPIC[0]!.text)) < 0.1);
});

test('SimHash: near-identical copies are a few bits apart, a trimmed copy with boilerplate about as far as another story', () => {
  const original = simhash64(ORIGINAL);
  assert.equal(typeof original, 'bigint');
  assert.equal(hamming(original, simhash64(ORIGINAL.replace(/\s+/g, ' '))), 0);
  assert.ok(hamming(original, simhash64(VARIANTS['different byline']!)) <= 8);
  const brief = simhash64(doc(WIRE.headline, WIRE.byline, [...WIRE.paragraphs.slice(0, 4), BOILERPLATE]));
  const other = simhash64(SAME_TOPIC[0]!.text);
  // the weakness that makes DuplicateIndex use MinHash: no Hamming threshold separates these two
  assert.ok(hamming(original, brief) >= 16, `brief ${hamming(original, brief)}`);
  assert.ok(hamming(original, other) <= 32, `other ${hamming(original, other)}`);
  assert.equal(hamming(0n, 0xffffffffffffffffn), 64);
  assert.equal(hamming(0b1011n, 0b0001n), 2);
});
