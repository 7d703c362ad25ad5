import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractArticle } from './extract.ts';
import { loadFixtures, METADATA_FIELDS } from './fixtures.ts';

const fixtures = loadFixtures();

test('there are at least 30 fixture pages', () => {
  assert.ok(fixtures.length >= 30, `only ${fixtures.length} fixtures`);
});

for (const fixture of fixtures) {
  test(`fixture ${fixture.name}: exact text and every metadata field`, () => {
    const article = extractArticle(fixture.html, { ...(fixture.url !== undefined && { url: fixture.url }), now: fixture.now });
    assert.equal(article.text, fixture.expectedText);
    for (const field of METADATA_FIELDS) {
      const expected = fixture.expectedMetadata[field] ?? (field === 'authors' ? [] : undefined);
      assert.deepEqual(article[field], expected, `${fixture.name}: ${field}`);
    }
  });
}
