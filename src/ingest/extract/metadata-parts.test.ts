import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bylineNames, cleanAuthors } from './authors.ts';
import { normaliseLang } from './lang.ts';
import { cleanTitle } from './title.ts';
import { absoluteUrl, hostLabel } from './urls.ts';

test('bylines split into names without "By", roles, dates, URLs or the outlet', () => {
  assert.deepEqual(cleanAuthors(['By Mara Lindqvist and Jonah Pereira'], []), ['Mara Lindqvist', 'Jonah Pereira']);
  assert.deepEqual(cleanAuthors(['By Imani Okafor, Pete Lindgren and Sofia Reyes | Updated Jan. 14, 2026'], []), ['Imani Okafor', 'Pete Lindgren', 'Sofia Reyes']);
  assert.deepEqual(cleanAuthors(['By Del Harkness, Staff Writer'], []), ['Del Harkness']);
  assert.deepEqual(cleanAuthors(['Автор: Ирина Соколова'], []), ['Ирина Соколова']);
  assert.deepEqual(cleanAuthors(['Von Jana Wetzlaff und Kai Brück'], []), ['Jana Wetzlaff', 'Kai Brück']);
  assert.deepEqual(cleanAuthors(['Par Camille Roussel et Luc Amiel'], []), ['Camille Roussel', 'Luc Amiel']);
  assert.deepEqual(cleanAuthors(['https://social.example/profile/x', '@handle', 'Harbour Courier', 'Lena Varga'], ['Harbour Courier']), ['Lena Varga']);
  assert.deepEqual(cleanAuthors(['The Meridian Post Staff', 'Tessa Moreau'], ['The Meridian Post']), ['Tessa Moreau']);
  assert.deepEqual(cleanAuthors(['Mara Lindqvist covers the environment for the paper'], []), []);
  assert.deepEqual(cleanAuthors(['Ursula von der Leyen', 'ursula von der leyen'], []), ['Ursula von der Leyen']);
});

test('a byline is a line of names and roles only; a sentence opening with "By" is not one', () => {
  assert.deepEqual(bylineNames('By Del Harkness, Staff Writer', []), ['Del Harkness']);
  assert.deepEqual(bylineNames('By Anna Kowal and Piotr Nowak, Harbour Courier', ['Harbour Courier']), ['Anna Kowal', 'Piotr Nowak']);
  assert.equal(bylineNames('By March, the council had approved the plan.', []), undefined);
  assert.equal(bylineNames('By Wednesday afternoon the road was open again.', []), undefined);
  assert.equal(bylineNames('By the numbers', []), undefined);
});

test('titles lose the outlet by name, by host name, or as a short tail after a pipe', () => {
  assert.equal(cleanTitle('Port halts shipments | Harbour Courier', ['Harbour Courier']), 'Port halts shipments');
  assert.equal(cleanTitle('The Valley Ledger - Council approves plan', ['valleyledger']), 'Council approves plan');
  assert.equal(cleanTitle('Rates held at 4.25% as inflation cools | Markets | Tallyline', []), 'Rates held at 4.25% as inflation cools');
  assert.equal(cleanTitle('Ремонт моста завершат к осени — Вестник Приозёрья', ['Вестник Приозёрья']), 'Ремонт моста завершат к осени');
  assert.equal(cleanTitle('Analysis: Why the dam matters | The Valley Ledger', ['The Valley Ledger']), 'Analysis: Why the dam matters');
  // a dash inside a headline is not a site suffix unless it names the site
  assert.equal(cleanTitle('Minister resigns - reports', ['Harbour Courier']), 'Minister resigns - reports');
  assert.equal(cleanTitle('Harbour Courier', ['Harbour Courier']), 'Harbour Courier');
});

test('language tags are normalised to BCP 47', () => {
  assert.equal(normaliseLang('en_US'), 'en-US');
  assert.equal(normaliseLang('EN'), 'en');
  assert.equal(normaliseLang('zh-hant-tw'), 'zh-Hant-TW');
  assert.equal(normaliseLang('de-DE, en'), 'de-DE');
  assert.equal(normaliseLang('english please'), undefined);
  assert.equal(normaliseLang(''), undefined);
});

test('URLs are made absolute against the page, without fragments; other schemes are dropped', () => {
  assert.equal(absoluteUrl('/a/b?c=1#top', 'https://x.example/news/'), 'https://x.example/a/b?c=1');
  assert.equal(absoluteUrl('//cdn.example/i.jpg', 'https://x.example/'), 'https://cdn.example/i.jpg');
  assert.equal(absoluteUrl('/relative', undefined), undefined);
  assert.equal(absoluteUrl('javascript:void(0)', 'https://x.example/'), undefined);
  assert.equal(absoluteUrl('data:image/png;base64,AAAA', 'https://x.example/'), undefined);
  assert.equal(hostLabel('https://www.valleyledger.example/x'), 'valleyledger');
  assert.equal(hostLabel('https://news.outlet.co.uk/x'), 'outlet');
});
