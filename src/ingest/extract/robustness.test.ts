import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InputError } from '../decode-text.ts';
import { extractArticle, type ExtractedArticle } from './extract.ts';
import { loadFixtures } from './fixtures.ts';

const para = 'The committee heard evidence from residents, engineers and the contractor, and agreed to publish its findings in the spring.';

/** Either an article with text or an InputError: anything else is a bug. */
function articleOrInputError(html: string, label: string): ExtractedArticle | InputError {
  try {
    const article = extractArticle(html, { now: new Date('2026-12-01T00:00:00Z') });
    assert.equal(typeof article.text, 'string', label);
    assert.ok(article.text.length > 0, `${label}: empty text without an error`);
    assert.ok(Array.isArray(article.authors), label);
    return article;
  } catch (error) {
    if (error instanceof InputError) return error;
    throw new Error(`${label}: ${(error as Error).stack ?? error}`);
  }
}

test('unclosed and misnested tags still give the text', () => {
  const html = `<html><body><div><article><p>${para}<p>${para}<b><i>${para}</b></i><div><span>${para}`;
  const result = articleOrInputError(html, 'unclosed');
  assert.ok(!(result instanceof InputError));
  assert.equal(result.text.split(para).length - 1, 4);
});

test('a 1 MB attribute does not break or stall extraction', () => {
  const huge = 'x'.repeat(1024 * 1024);
  const html = `<html><head><meta name="description" content="${huge}"><title>T</title></head><body><article class="${huge}" data-blob="${huge}"><p style="${huge}">${para}</p><p>${para}</p></article></body></html>`;
  const result = articleOrInputError(html, 'huge attribute');
  assert.ok(!(result instanceof InputError));
  assert.match(result.text, new RegExp(para));
});

test('10,000 nested divs do not overflow the stack', () => {
  const depth = 10_000;
  const html = `<html><body>${'<div>'.repeat(depth)}<p>${para}</p><p>${para}</p>${'</div>'.repeat(depth)}</body></html>`;
  const result = articleOrInputError(html, 'deep nesting');
  assert.ok(!(result instanceof InputError));
  assert.equal(result.text, `${para}\n\n${para}`);
  const unclosed = `<html><body>${'<div><span>'.repeat(depth)}${para}`;
  assert.ok(!(articleOrInputError(unclosed, 'deep unclosed') instanceof InputError));
});

test('empty and whitespace documents are an InputError, not a crash', () => {
  for (const html of ['', '   \n\t', '<html></html>', '<!doctype html>', '<html><body><div><span></span></div></body></html>']) {
    assert.ok(articleOrInputError(html, JSON.stringify(html)) instanceof InputError, JSON.stringify(html));
  }
});

/** Deterministic 32-bit generator (mulberry32): every run mutates the same way. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

test('binary garbage gives an article or an InputError', () => {
  const rnd = random(7);
  for (let i = 0; i < 20; i++) {
    const length = Math.floor(rnd() * 20000);
    let garbage = '';
    for (let k = 0; k < length; k++) garbage += String.fromCharCode(Math.floor(rnd() * 0x3000));
    articleOrInputError(garbage, `garbage ${i}`);
  }
});

const SNIPPETS = ['<', '>', '</', '<div>', '</div>', '<p>', '<table><tr><td>', '<script>', '</script>', '<!--', '-->', '<![CDATA[', '"', "'", '&', '&#', '&#x110000;', '\u0000', '\uFFFD', '<br><br>', '<html amp>', '<link rel="next" href="::::">', '<meta property="article:published_time" content="9999-99-99">', '<script type="application/ld+json">{"@graph":[{"@id":"#x","author":{"@id":"#x"}}', '<time datetime="2026-02-30T99:99">', '<svg><p>', '<a rel="next" href="javascript:alert(1)">'];

test('200 seeded mutations of the fixtures never raise anything but InputError', () => {
  const fixtures = loadFixtures();
  const rnd = random(20261201);
  let errors = 0;
  for (let i = 0; i < 200; i++) {
    const source = fixtures[Math.floor(rnd() * fixtures.length)]!.html;
    let html = source;
    const edits = 1 + Math.floor(rnd() * 6);
    for (let e = 0; e < edits; e++) {
      const at = Math.floor(rnd() * (html.length + 1));
      const kind = Math.floor(rnd() * 5);
      if (kind === 0) html = html.slice(0, at) + html.slice(at + Math.floor(rnd() * 2000));
      else if (kind === 1) html = html.slice(0, at) + SNIPPETS[Math.floor(rnd() * SNIPPETS.length)]! + html.slice(at);
      else if (kind === 2) html = html.slice(0, at);
      else if (kind === 3) {
        const from = Math.floor(rnd() * html.length);
        html = html.slice(0, at) + html.slice(from, from + Math.floor(rnd() * 3000)) + html.slice(at);
      } else html = html.slice(0, at) + String.fromCharCode(Math.floor(rnd() * 0xffff)) + html.slice(at);
    }
    if (articleOrInputError(html, `mutation ${i}`) instanceof InputError) errors++;
  }
  // most mutations leave an article behind; a run of only errors would mean the check checks nothing
  assert.ok(errors < 100, `${errors} of 200 mutations gave no article`);
});
