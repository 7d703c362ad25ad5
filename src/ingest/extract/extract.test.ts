import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InputError } from '../decode-text.ts';
import { extractArticle } from './extract.ts';

const long = (n: number) => `Sentence ${n} of the report says that officials met on Tuesday, and that the plan was approved after a long debate.`;

function page(body: string, head = '<title>Headline here</title>'): string {
  return `<!doctype html><html lang="en"><head>${head}</head><body>${body}</body></html>`;
}

test('paragraphs: blocks, <br><br>, headings and list items each stand alone', () => {
  const html = page(`<article>
    <p>${long(1)}</p>
    <div>${long(2)}<br><br>${long(3)}<br>still the third paragraph.</div>
    <h2>A subheading</h2>
    <ul><li>${long(4)}</li><li>Short item.</li></ul>
  </article>`);
  const { text } = extractArticle(html);
  assert.equal(
    text,
    ['Headline here', long(1), long(2), `${long(3)} still the third paragraph.`, 'A subheading', long(4), 'Short item.'].join('\n\n'),
  );
});

test('the headline is not repeated when the body opens with it', () => {
  const html = page(`<article><h1>Headline here</h1><p>${long(1)}</p><p>${long(2)}</p></article>`);
  assert.equal(extractArticle(html).text, ['Headline here', long(1), long(2)].join('\n\n'));
});

test('a string second argument is the page URL, as read-input.ts passes it', () => {
  const html = page(`<article><p>${long(1)}</p><p>${long(2)}</p></article>`, '<title>Headline here</title><link rel="canonical" href="/story">');
  const article = extractArticle(html, 'https://paper.example/section/story?x=1');
  assert.equal(article.url, 'https://paper.example/section/story?x=1');
  assert.equal(article.canonicalUrl, 'https://paper.example/story');
});

test('now decides which dates are in the future', () => {
  const html = page(`<article><p>${long(1)}</p><p>${long(2)}</p></article>`, '<title>T</title><meta property="article:published_time" content="2026-06-01T00:00:00Z">');
  assert.equal(extractArticle(html, { now: new Date('2026-07-01T00:00:00Z') }).publishedAt, '2026-06-01T00:00:00.000Z');
  assert.equal(extractArticle(html, { now: new Date('2026-05-01T00:00:00Z') }).publishedAt, undefined);
});

test('a link-dense block inside the body and a "Related" list are left out', () => {
  const html = page(`<article>
    <p>${long(1)}</p>
    <div><a href="/a">One other story</a> · <a href="/b">Another other story</a> · <a href="/c">A third</a></div>
    <p>${long(2)}</p>
    <h3>Related articles</h3>
    <ul><li><a href="/d">Somewhere else entirely, with a long enough title</a> (video)</li></ul>
  </article>`);
  assert.equal(extractArticle(html).text, ['Headline here', long(1), long(2)].join('\n\n'));
});

test('layout tables give their cells as paragraphs, data tables one row per paragraph', () => {
  const layout = page(`<table><tr><td><p>${long(1)}</p><p>${long(2)}</p></td></tr></table>`);
  assert.equal(extractArticle(layout).text, ['Headline here', long(1), long(2)].join('\n\n'));
  const data = page(`<article><p>${long(1)}</p><table><tr><th>Party</th><th>Seats</th></tr><tr><td>Blue</td><td>12</td></tr></table><p>${long(2)}</p></article>`);
  assert.equal(extractArticle(data).text, ['Headline here', long(1), 'Party | Seats', 'Blue | 12', long(2)].join('\n\n'));
});

test('a page with no text is an InputError naming the page', () => {
  for (const html of ['', '<html><head><title></title></head><body></body></html>', '<script>var a = 1;</script>', '<!-- only a comment -->']) {
    assert.throws(() => extractArticle(html, 'https://x.example/empty'), (e: unknown) => e instanceof InputError && /^https:\/\/x\.example\/empty: no article text found/.test(e.message));
  }
});

test('an AMP page loses its amp-* chrome and keeps its text', () => {
  const html = `<html amp lang="en"><head><title>Amp page</title><link rel="canonical" href="https://x.example/story"></head><body>
    <amp-sidebar id="s"><ul><li><a href="/a">Menu item</a></li></ul></amp-sidebar>
    <article><p>${long(1)}</p><amp-ad type="x"><div placeholder>Advertisement</div></amp-ad><amp-img src="/i.jpg"></amp-img><p>${long(2)}</p></article></body></html>`;
  const article = extractArticle(html);
  assert.equal(article.text, ['Amp page', long(1), long(2)].join('\n\n'));
  assert.equal(article.canonicalUrl, 'https://x.example/story');
});

test('rel=next in the head or in a pager becomes an absolute nextPageUrl; a link to the next post does not', () => {
  const body = `<article><p>${long(1)}</p><p>${long(2)}</p></article>`;
  const inHead = page(body, '<title>T</title><link rel="next" href="?page=2">');
  assert.equal(extractArticle(inHead, 'https://x.example/story').nextPageUrl, 'https://x.example/story?page=2');
  const inPager = page(`${body}<div class="pagination"><a rel="next" href="/story/2">Next</a></div>`);
  assert.equal(extractArticle(inPager, 'https://x.example/story').nextPageUrl, 'https://x.example/story/2');
  const nextPost = page(`${body}<nav class="post-navigation"><a rel="next" href="/another-post">Next post</a></nav>`);
  assert.equal(extractArticle(nextPost, 'https://x.example/story').nextPageUrl, undefined);
});

test('a short page with its text loose in <body> still gives that text', () => {
  assert.equal(extractArticle('<p>Just one line of text.</p>').text, 'Just one line of text.');
});

test('when the fast path misses the article, the Readability fallback recovers it', () => {
  // a strong chrome word in the only class name makes the pruner drop the whole story
  const paragraphs = [1, 2, 3, 4, 5, 6].map(long);
  const html = page(`<div class="wrap"><div class="comments-enabled-article">${paragraphs.map((p) => `<p>${p}</p>`).join('')}</div></div>`);
  const { text } = extractArticle(html);
  assert.equal(text, ['Headline here', ...paragraphs].join('\n\n'));
});

test('a byline inside the body text is left out and gives the author; a sentence opening with "By" stays', () => {
  const html = page(`<div class="story"><p>By Anna Kowal, Staff Writer</p><p>By March, the council had approved the plan, officials said on Tuesday after the vote.</p><p>${long(1)}</p><p>${long(2)}</p></div>`);
  const article = extractArticle(html);
  assert.deepEqual(article.authors, ['Anna Kowal']);
  assert.equal(article.text, ['Headline here', 'By March, the council had approved the plan, officials said on Tuesday after the vote.', long(1), long(2)].join('\n\n'));
});
