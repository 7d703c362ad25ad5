import assert from 'node:assert/strict';
import { test } from 'node:test';
import { InputError } from '../decode-text.ts';
import { canonicalizeUrl, hostKey } from './url.ts';

const CASES: [string, string, string][] = [
  ['scheme and host lowercased, path case kept', 'HTTPS://News.Example.COM/Politics/Story-ABC', 'https://news.example.com/Politics/Story-ABC'],
  ['default ports dropped', 'https://news.example:443/a', 'https://news.example/a'],
  ['http default port dropped', 'http://news.example:80/a', 'http://news.example/a'],
  ['other ports kept', 'https://news.example:8443/a', 'https://news.example:8443/a'],
  ['fragment removed', 'https://news.example/a#comments', 'https://news.example/a'],
  ['utm parameters removed', 'https://news.example/a?utm_source=tw&utm_medium=social&utm_campaign=x', 'https://news.example/a'],
  ['utm with odd case removed', 'https://news.example/a?UTM_Source=tw', 'https://news.example/a'],
  ['click ids removed', 'https://news.example/a?fbclid=IwAR0&gclid=Cj0&dclid=1&msclkid=2&yclid=3&igshid=4', 'https://news.example/a'],
  ['newsletter and share ids removed', 'https://news.example/a?mc_cid=1&mc_eid=2&_ga=3&ref=hp&ref_src=twsrc&cmpid=4&ocid=5&smid=6&__twitter_impression=true', 'https://news.example/a'],
  ['real parameters kept and sorted', 'https://news.example/search?q=ferry&page=2&utm_source=x&lang=en', 'https://news.example/search?lang=en&page=2&q=ferry'],
  ['repeated keys keep their order', 'https://news.example/a?tag=b&id=1&tag=a', 'https://news.example/a?id=1&tag=b&tag=a'],
  ['empty query removed', 'https://news.example/a?', 'https://news.example/a'],
  ['/amp suffix removed', 'https://news.example/2025/06/story/amp', 'https://news.example/2025/06/story'],
  ['/amp/ suffix keeps the trailing slash', 'https://news.example/2025/06/story/amp/', 'https://news.example/2025/06/story/'],
  ['?amp marker removed', 'https://news.example/story?amp', 'https://news.example/story'],
  ['amp=1 marker removed', 'https://news.example/story?amp=1&id=7', 'https://news.example/story?id=7'],
  ['outputType=amp removed', 'https://news.example/story?outputType=amp', 'https://news.example/story'],
  ['outputType=other kept', 'https://news.example/story?outputType=print', 'https://news.example/story?outputType=print'],
  ['a path word containing amp kept', 'https://news.example/camp/ramp', 'https://news.example/camp/ramp'],
  ['unreserved escapes decoded', 'https://news.example/%7Euser/%41rticle-%2D_%2E?q=%61b', 'https://news.example/~user/Article--_.?q=ab'],
  ['reserved escapes kept, hex uppercased', 'https://news.example/a%2fb?q=x%26y%3d', 'https://news.example/a%2Fb?q=x%26y%3D'],
  ['IDN host punycoded', 'https://nachrichten.bücher.example/artikel', 'https://nachrichten.xn--bcher-kva.example/artikel'],
  ['trailing index.html removed', 'https://news.example/section/index.html', 'https://news.example/section/'],
  ['trailing index.htm removed', 'https://news.example/index.htm', 'https://news.example/'],
  ['www kept', 'https://www.news.example/a', 'https://www.news.example/a'],
  ['trailing dot of host removed', 'https://news.example./a', 'https://news.example/a'],
  ['dot segments resolved', 'https://news.example/a/./b/../c', 'https://news.example/a/c'],
  ['surrounding space trimmed', '  https://news.example/a  ', 'https://news.example/a'],
  ['non-http URLs only parsed', 'mailto:desk@news.example', 'mailto:desk@news.example'],
];

for (const [name, input, expected] of CASES) {
  test(`canonicalizeUrl: ${name}`, () => {
    assert.equal(canonicalizeUrl(input), expected);
  });
}

test('canonicalizeUrl is idempotent', () => {
  for (const [, input] of CASES) {
    const once = canonicalizeUrl(input);
    assert.equal(canonicalizeUrl(once), once, input);
  }
});

test('canonicalizeUrl refuses what is not a URL', () => {
  assert.throws(() => canonicalizeUrl('news.example/a'), (e: unknown) => e instanceof InputError && /not a URL: 'news\.example\/a'/.test(e.message));
});

test('hostKey groups www, m., mobile. and amp. hosts of one outlet', () => {
  assert.equal(hostKey('https://www.News.example/a'), 'news.example');
  assert.equal(hostKey('https://m.news.example/a'), 'news.example');
  assert.equal(hostKey('https://amp.news.example/a'), 'news.example');
  assert.equal(hostKey('https://mobile.news.example/a'), 'news.example');
  assert.equal(hostKey('https://www2.news.example/a'), 'news.example');
  assert.equal(hostKey('https://sport.news.example/a'), 'sport.news.example');
  // a bare registrable name is not stripped to a TLD
  assert.equal(hostKey('https://m.example/a'), 'm.example');
});
