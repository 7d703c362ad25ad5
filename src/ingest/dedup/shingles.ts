/**
 * Word shingles hashed to 32 bits, the features both near-duplicate methods
 * work on. Words are case- and punctuation-free NFKC letter/digit runs, so
 * reflowed, requoted or recased copies give the same shingles. Hashes use
 * Math.imul arithmetic: 64-bit BigInt hashing is an order of magnitude slower.
 */

const WORD = /[\p{L}\p{N}\p{M}]+(?:'[\p{L}\p{M}]+)*/gu;

/** The words shingles are made of: lowercased NFKC letter/digit runs, inner apostrophes kept ("people's"). */
export function words(text: string): string[] {
  return text.normalize('NFKC').toLowerCase().replace(/’/g, "'").match(WORD) ?? [];
}

/** MurmurHash3's 32-bit finaliser: a cheap bijection that spreads every input bit over the output. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** 32-bit hash of a string (FNV-1a over UTF-16 code units, then fmix32), seedable for independent hashes. */
export function hashString(s: string, seed = 0): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return fmix32(h ^ s.length);
}

/** Combines word hashes in order into one shingle hash (order matters: "a b c" ≠ "c b a"). */
function combine(hashes: Uint32Array, from: number, size: number, seed: number): number {
  let h = seed >>> 0;
  for (let i = from; i < from + size; i++) {
    h = Math.imul(h ^ hashes[i]!, 0x9e3779b1);
    h = (h << 13) | (h >>> 19);
  }
  return fmix32(h ^ size);
}

/** Whether a non-ASCII UTF-16 code unit belongs to a word; cached, the regex is slow per character. */
const wordUnitCache = new Map<number, boolean>();
const WORD_UNIT = /[\p{L}\p{N}\p{M}]/u;
function isWordUnit(c: number): boolean {
  // surrogate halves: astral letters (and emoji) count as word characters
  if (c >= 0xd800 && c <= 0xdfff) return true;
  let known = wordUnitCache.get(c);
  if (known === undefined) {
    known = WORD_UNIT.test(String.fromCharCode(c));
    wordUnitCache.set(c, known);
  }
  return known;
}

/**
 * Hashes of the words of `text` in order, without building the word strings:
 * the same words as `words()` (letter/digit runs, inner apostrophes kept).
 */
export function wordHashes(text: string): Uint32Array {
  const s = text.normalize('NFKC').toLowerCase();
  let out = new Uint32Array(Math.max(16, s.length >> 3));
  let count = 0;
  let h = 0;
  let length = 0;
  const n = s.length;
  for (let i = 0; i <= n; i++) {
    const c = i < n ? s.charCodeAt(i) : 32;
    let inWord: boolean;
    if (c < 128) inWord = (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
    else inWord = isWordUnit(c);
    if (!inWord && length > 0 && (c === 39 || c === 0x2019) && i + 1 < n) {
      // an apostrophe between letters ("people's") stays inside the word
      const next = s.charCodeAt(i + 1);
      if ((next >= 97 && next <= 122) || (next >= 128 && isWordUnit(next))) {
        h ^= 39;
        h = Math.imul(h, 0x01000193);
        length++;
        continue;
      }
    }
    if (inWord) {
      if (length === 0) h = 0x811c9dc5;
      h ^= c;
      h = Math.imul(h, 0x01000193);
      length++;
    } else if (length > 0) {
      if (count === out.length) {
        const grown = new Uint32Array(out.length * 2);
        grown.set(out);
        out = grown;
      }
      out[count++] = fmix32(h ^ length);
      length = 0;
    }
  }
  return out.subarray(0, count);
}

/**
 * The distinct hashes of the text's word `size`-shingles, in order of first
 * occurrence. A text
 * shorter than `size` words gives one shingle of all its words (or none).
 */
export function shingleHashes(text: string, size = 3, seed = 0): Uint32Array {
  const hashes = wordHashes(text);
  if (hashes.length === 0) return new Uint32Array(0);
  const span = Math.min(size, hashes.length);
  const count = hashes.length - span + 1;
  const out = new Uint32Array(count);
  // distinct values through an open-addressing set: sorting a typed array costs several times more
  const mask = (1 << (32 - Math.clz32(count * 2))) - 1;
  const table = new Uint32Array(mask + 1);
  let hasZero = false;
  let unique = 0;
  for (let i = 0; i < count; i++) {
    const h = combine(hashes, i, span, seed);
    if (h === 0) {
      if (!hasZero) (hasZero = true), (out[unique++] = 0);
      continue;
    }
    let slot = h & mask;
    for (;;) {
      const t = table[slot];
      if (t === 0) {
        table[slot] = h;
        out[unique++] = h;
        break;
      }
      if (t === h) break;
      slot = (slot + 1) & mask;
    }
  }
  return out.subarray(0, unique);
}
