import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseRobots, patternMatches } from './robots.ts';

test('wildcards: * matches any run, a closing $ anchors, otherwise a prefix match', () => {
  assert.ok(patternMatches('/fish', '/fish.html'));
  assert.ok(!patternMatches('/fish', '/Fish'));
  assert.ok(patternMatches('/*.php', '/dir/index.php?x=1'));
  assert.ok(patternMatches('/*.php$', '/index.php'));
  assert.ok(!patternMatches('/*.php$', '/index.php?x=1'));
  assert.ok(patternMatches('/fish*', '/fish'));
  assert.ok(patternMatches('/a$b', '/a$b/c'));
  assert.ok(!patternMatches('/a/*/c$', '/a/b/c/d'));
  assert.ok(patternMatches('/a/*/c$', '/a/b/x/c'));
  // pathological patterns stay fast (and correct) without a regex engine
  assert.ok(!patternMatches(`/${'*a'.repeat(30)}b`, `/${'a'.repeat(5000)}`));
});

test('the longest matching rule wins, Allow wins a tie, an empty Disallow allows', () => {
  const rules = parseRobots(
    ['User-agent: *', 'Disallow: /private', 'Allow: /private/press', 'Disallow: /*.pdf$', 'Allow: /same', 'Disallow: /same', 'Disallow:'].join('\n'),
    'spinscope',
  );
  assert.equal(rules.allows('/'), true);
  assert.equal(rules.allows('/private/x'), false);
  assert.equal(rules.allows('/private/press/2024'), true);
  assert.equal(rules.allows('/docs/report.pdf'), false);
  assert.equal(rules.allows('/docs/report.pdf?v=1'), true);
  assert.equal(rules.allows('/same'), true);
  assert.equal(rules.allows('/robots.txt'), true);
});

test('our own group beats *, groups naming us are merged, others are ignored', () => {
  const text = `# comment
User-agent: Googlebot
Disallow: /

User-agent: *
Disallow: /

User-agent: SpinScope/0.1
Disallow: /drafts  # trailing comment
Crawl-delay: 2.5

User-agent: spinscope
Disallow: /tmp
`;
  const rules = parseRobots(text, 'spinscope');
  assert.equal(rules.allows('/news/1'), true);
  assert.equal(rules.allows('/drafts/1'), false);
  assert.equal(rules.allows('/tmp/x'), false);
  assert.equal(rules.crawlDelayMs, 2500);
  assert.equal(parseRobots(text, 'otherbot').allows('/news/1'), false);
});

test('several user-agent lines share one group; rules before any user-agent and unknown keys are ignored', () => {
  const text = 'Disallow: /orphan\nUser-agent: a\nUser-agent: spinscope\nDisallow: /x\nNoindex: /y\nSitemap: https://x/s.xml\n';
  const rules = parseRobots(text, 'spinscope');
  assert.equal(rules.allows('/orphan'), true);
  assert.equal(rules.allows('/x'), false);
  assert.equal(rules.allows('/y'), true);
  assert.equal(parseRobots('', 'spinscope').allows('/anything'), true);
});

test('percent-encoding and non-ASCII paths compare alike', () => {
  const rules = parseRobots('User-agent: *\nDisallow: /café\nDisallow: /a%2fb\n', 'spinscope');
  assert.equal(rules.allows('/caf%C3%A9/1'), false);
  assert.equal(rules.allows('/a%2Fb'), false);
});
