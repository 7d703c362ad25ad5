import { test } from 'node:test';
import assert from 'node:assert/strict';
import { canonicalCharset, chooseCharset, decodeBody, sniffMetaCharset } from './charset.ts';

const bytes = (s: string) => new Uint8Array(Buffer.from(s, 'latin1'));

test('a BOM wins, then the header, then <meta>, then the XML declaration, then UTF-8', () => {
  const html = bytes('<!doctype html><meta charset="koi8-r"><p>x');
  assert.deepEqual(chooseCharset(new Uint8Array([0xef, 0xbb, 0xbf, 0x41]), 'text/html; charset=windows-1251'), { charset: 'utf-8', source: 'bom' });
  assert.deepEqual(chooseCharset(html, 'text/html; charset="windows-1251"'), { charset: 'windows-1251', source: 'header' });
  assert.deepEqual(chooseCharset(html, 'text/html'), { charset: 'koi8-r', source: 'meta' });
  assert.deepEqual(chooseCharset(html, undefined), { charset: 'koi8-r', source: 'meta' });
  assert.deepEqual(chooseCharset(html, 'text/plain'), { charset: 'utf-8', source: 'default' });
  assert.deepEqual(chooseCharset(bytes('<?xml version="1.0" encoding="ISO-8859-5"?><rss/>'), 'application/rss+xml'), { charset: 'iso-8859-5', source: 'xml' });
  assert.deepEqual(chooseCharset(bytes('plain'), 'text/plain; charset=bogus'), { charset: 'utf-8', source: 'default' });
});

test('<meta http-equiv> is read, only within the first 1024 bytes, outside comments', () => {
  assert.equal(sniffMetaCharset(bytes('<meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS">')), 'shift_jis');
  assert.equal(sniffMetaCharset(bytes(`${' '.repeat(1030)}<meta charset="gbk">`)), undefined);
  assert.equal(sniffMetaCharset(bytes('<!-- <meta charset="gbk"> --><meta charset=windows-1250>')), 'windows-1250');
  assert.equal(sniffMetaCharset(bytes('<meta charset="utf-16">')), 'utf-8');
});

test('labels map to WHATWG names; decoding is lenient and drops a BOM', () => {
  assert.equal(canonicalCharset('latin1'), 'windows-1252');
  assert.equal(canonicalCharset('cp1251'), 'windows-1251');
  assert.equal(canonicalCharset('nope'), undefined);
  assert.equal(decodeBody(new Uint8Array([0xcf, 0xf0, 0xe8, 0xe2, 0xe5, 0xf2]), 'windows-1251'), 'Привет');
  assert.equal(decodeBody(new Uint8Array([0x61, 0xff, 0x62]), 'utf-8'), 'a\uFFFDb');
  assert.equal(decodeBody(new Uint8Array([0xef, 0xbb, 0xbf, 0x61]), 'utf-8'), 'a');
});
