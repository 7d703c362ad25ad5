/**
 * SimHash (Charikar): a 64-bit fingerprint whose Hamming distance tracks the
 * cosine distance of the texts' shingle sets. Good at catching near-identical
 * copies (a few words changed) with one small number per document; weak at
 * copies that lost or gained whole paragraphs, which move many bits (see
 * bench/dedup.ts for the measurement and DuplicateIndex for what we use).
 */
import { fmix32, shingleHashes } from './shingles.ts';

/** The fingerprint as two 32-bit halves, the form the arithmetic wants. */
export function simhashParts(hashes: Uint32Array): [hi: number, lo: number] {
  const counts = new Int32Array(64);
  for (let i = 0; i < hashes.length; i++) {
    // two independent 32-bit halves from one shingle hash
    const lo = fmix32(hashes[i]! ^ 0x5bd1e995);
    const hi = fmix32(hashes[i]! ^ 0x27d4eb2f);
    for (let b = 0; b < 32; b++) {
      counts[b]! += (lo >>> b) & 1 ? 1 : -1;
      counts[b + 32]! += (hi >>> b) & 1 ? 1 : -1;
    }
  }
  let lo = 0;
  let hi = 0;
  for (let b = 0; b < 32; b++) {
    if (counts[b]! > 0) lo |= 1 << b;
    if (counts[b + 32]! > 0) hi |= 1 << b;
  }
  return [hi >>> 0, lo >>> 0];
}

export function simhash64(text: string, shingleSize = 3): bigint {
  const [hi, lo] = simhashParts(shingleHashes(text, shingleSize));
  return (BigInt(hi) << 32n) | BigInt(lo);
}

export function popcount32(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

/** Number of differing bits between two 64-bit fingerprints. */
export function hamming(a: bigint, b: bigint): number {
  const x = a ^ b;
  return popcount32(Number(x & 0xffffffffn)) + popcount32(Number((x >> 32n) & 0xffffffffn));
}
