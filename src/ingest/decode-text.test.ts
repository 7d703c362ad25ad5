import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InputError, decodeText, firstInvalidUtf8 } from './decode-text.ts';

const bytes = (...b: number[]) => new Uint8Array(b);
const utf8 = (s: string) => new TextEncoder().encode(s);

test('a UTF-8 BOM is kept as U+FEFF so offsets count it', () => {
  assert.equal(decodeText(bytes(0xef, 0xbb, 0xbf, 0x68, 0x69), 'f'), '\uFEFFhi');
});

test('CRLF and emoji are kept exactly', () => {
  const text = 'line one 😀\r\nline two\r\n';
  assert.equal(decodeText(utf8(text), 'f'), text);
});

test('UTF-16 with a BOM is decoded, BOM kept', () => {
  const le = Buffer.from('\uFEFFПривет', 'utf16le');
  assert.equal(decodeText(le, 'f'), '\uFEFFПривет');
});

test('a declared charset decodes legacy pages', () => {
  assert.equal(decodeText(bytes(0x63, 0x61, 0x66, 0xe9), 'f', 'iso-8859-1'), 'café');
  assert.throws(() => decodeText(utf8('x'), 'f', 'no-such-charset'), /unknown character set/);
});

test('invalid UTF-8 is refused with the byte offset, never replaced', () => {
  assert.throws(() => decodeText(bytes(0x61, 0x62, 0xff, 0x63), 'doc.txt'), (e: Error) => e instanceof InputError && /doc\.txt: invalid UTF-8 at byte 2 \(ff 63\)/.test(e.message));
  assert.equal(firstInvalidUtf8(bytes(0xc3, 0xa9)), -1);
  assert.equal(firstInvalidUtf8(bytes(0x61, 0xc3)), 1, 'truncated sequence');
  assert.equal(firstInvalidUtf8(bytes(0xc0, 0x80)), 0, 'overlong');
  assert.equal(firstInvalidUtf8(bytes(0xed, 0xa0, 0x80)), 0, 'encoded surrogate');
  assert.equal(firstInvalidUtf8(bytes(0xf4, 0x90, 0x80, 0x80)), 0, 'beyond U+10FFFF');
  assert.equal(firstInvalidUtf8(utf8('😀 Привет')), -1);
});

test('empty, blank and binary input are refused', () => {
  assert.throws(() => decodeText(bytes(), 'f'), /input is empty/);
  assert.throws(() => decodeText(utf8(' \n\t\n'), 'f'), /no text/);
  assert.throws(() => decodeText(bytes(0xef, 0xbb, 0xbf, 0x20), 'f'), /no text/);
  assert.throws(() => decodeText(bytes(0x25, 0x50, 0x44, 0x46, 0x2d, 0x31), 'f'), /PDF/);
  assert.throws(() => decodeText(bytes(0x1f, 0x8b, 0x08, 0x00), 'f'), /gzip/);
  assert.throws(() => decodeText(bytes(0x61, 0x00, 0x62, 0x00, 0x63), 'f'), /binary/);
  assert.throws(() => decodeText(bytes(0x61, 0x00, 0xff), 'f'), /binary/);
});
