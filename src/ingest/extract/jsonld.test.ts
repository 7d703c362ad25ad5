import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseJsonLd, readJsonLd, repairJson } from './jsonld.ts';

test('repairJson fixes trailing commas, comments, raw newlines and \\\' escapes, and leaves valid JSON alone', () => {
  const valid = '{"a": "x // not a comment", "b": [1, 2]}';
  assert.equal(repairJson(valid), valid);
  const broken = '{\n  // a comment\n  "a": "line one\nline two",\n  "b": [1, 2,],\n  /* block */ "c": "it\\\'s",\n}';
  assert.deepEqual(JSON.parse(repairJson(broken)), { a: 'line one line two', b: [1, 2], c: "it's" });
});

test('parseJsonLd reads CDATA-wrapped, concatenated and unparseable scripts', () => {
  assert.deepEqual(parseJsonLd('//<![CDATA[\n{"@type":"NewsArticle"}\n//]]>'), [{ '@type': 'NewsArticle' }]);
  assert.deepEqual(parseJsonLd('{"@type":"WebSite"}{"@type":"NewsArticle"}'), [{ '@type': 'WebSite' }, { '@type': 'NewsArticle' }]);
  const scraped = parseJsonLd('{"@type": "NewsArticle", "headline": "A \\"quoted\\" headline", "datePublished": "2026-01-02", "author": {"name": "Ada Quill"}, "body": <%= broken %>');
  assert.deepEqual(scraped, [{ '@type': 'NewsArticle', headline: 'A "quoted" headline', datePublished: '2026-01-02', author: ['Ada Quill'] }]);
  assert.deepEqual(parseJsonLd('   '), []);
  assert.deepEqual(parseJsonLd('not json at all'), []);
});

test('the article node is found in @graph, in arrays and under any *Article or posting type', () => {
  for (const type of ['NewsArticle', 'ReportageNewsArticle', 'BlogPosting', 'LiveBlogPosting', 'OpinionNewsArticle', ['Article', 'NewsArticle']]) {
    const facts = readJsonLd([JSON.stringify({ '@graph': [{ '@type': 'WebSite', name: 'Site' }, { '@type': type, headline: 'H' }] })]);
    assert.equal(facts.headline, 'H', JSON.stringify(type));
    assert.equal(facts.website, 'Site');
  }
  const inArray = readJsonLd([JSON.stringify([{ '@type': 'BreadcrumbList' }, { '@type': 'NewsArticle', headline: 'In an array' }])]);
  assert.equal(inArray.headline, 'In an array');
});

test('@id references resolve authors, publisher and image; related-article lists are ignored', () => {
  const facts = readJsonLd([
    JSON.stringify({
      '@context': 'https://schema.org',
      '@graph': [
        { '@type': 'Person', '@id': '#a1', name: 'Ada Quill' },
        { '@type': 'Person', '@id': '#a2', givenName: 'Bo', familyName: 'Lind' },
        { '@type': 'Organization', '@id': '#org', name: 'The Daily Example' },
        { '@type': 'ImageObject', '@id': '#img', url: 'https://x.example/i.jpg' },
        { '@type': 'NewsArticle', headline: 'Main', author: [{ '@id': '#a1' }, { '@id': '#a2' }], publisher: { '@id': '#org' }, image: { '@id': '#img' }, datePublished: '2026-01-02T03:04:05Z', mainEntityOfPage: { '@id': 'https://x.example/main' } },
        { '@type': 'ItemList', itemListElement: [{ '@type': 'ListItem', item: { '@type': 'NewsArticle', headline: 'Other story', author: 'Someone Else' } }] },
      ],
    }),
  ]);
  assert.equal(facts.headline, 'Main');
  assert.deepEqual(facts.authors, ['Ada Quill', 'Bo Lind']);
  assert.equal(facts.publisher, 'The Daily Example');
  assert.equal(facts.image, 'https://x.example/i.jpg');
  assert.equal(facts.url, 'https://x.example/main');
  assert.equal(facts.datePublished, '2026-01-02T03:04:05Z');
});

test('a person as publisher is not taken for a site name', () => {
  const facts = readJsonLd([JSON.stringify({ '@type': 'BlogPosting', headline: 'H', publisher: { '@type': 'Person', name: 'Ada Quill' } })]);
  assert.equal(facts.publisher, undefined);
});

test('many scripts: the shallowest article wins, and WebPage fills what the article lacks', () => {
  const facts = readJsonLd([
    JSON.stringify({ '@type': 'WebPage', name: 'Page name', datePublished: '2026-01-01', inLanguage: { '@type': 'Language', alternateName: 'de' } }),
    JSON.stringify({ '@type': 'NewsArticle', headline: 'Article headline' }),
  ]);
  assert.equal(facts.headline, 'Article headline');
  assert.equal(facts.datePublished, '2026-01-01');
  assert.equal(facts.inLanguage, 'de');
});
