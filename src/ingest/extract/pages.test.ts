import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractArticle } from './extract.ts';
import { loadFixtures } from './fixtures.ts';
import { mergePages } from './pages.ts';

const byName = new Map(loadFixtures().map((f) => [f.name, f]));

function extract(name: string) {
  const f = byName.get(name)!;
  return extractArticle(f.html, { ...(f.url !== undefined && { url: f.url }), now: f.now });
}

test('a two-page article merges into one text with one headline and page one’s metadata', () => {
  const one = extract('multipage-1');
  const two = extract('multipage-2');
  assert.equal(one.nextPageUrl, 'https://coastlines.example/features/last-lighthouse-keepers?page=2');
  const merged = mergePages([one, two]);
  const bodyTwo = two.text.split('\n\n').slice(1);
  assert.equal(merged.text, [one.text, ...bodyTwo].join('\n\n'));
  assert.equal(merged.text.split('The last lighthouse keepers').length - 1, 1);
  assert.equal(merged.canonicalUrl, one.canonicalUrl);
  assert.equal(merged.nextPageUrl, undefined);
  assert.deepEqual(merged.authors, ['Saoirse Keane']);
});

test('mergePages keeps the last page’s next link, fills gaps from later pages and drops repeated paragraphs', () => {
  const merged = mergePages([
    { authors: ['A B'], title: 'T', text: 'T\n\nIntro paragraph.\n\nFirst page.', nextPageUrl: 'https://x.example/2' },
    { authors: ['C D'], title: 'T', text: 'T\n\nIntro paragraph.\n\nSecond page.', siteName: 'Site', nextPageUrl: 'https://x.example/3' },
  ]);
  assert.equal(merged.text, 'T\n\nIntro paragraph.\n\nFirst page.\n\nSecond page.');
  assert.deepEqual(merged.authors, ['A B', 'C D']);
  assert.equal(merged.siteName, 'Site');
  assert.equal(merged.nextPageUrl, 'https://x.example/3');
  assert.throws(() => mergePages([]), TypeError);
});
