/** Finding copies: canonical URLs, exact text hashes, near-duplicates (MinHash + LSH, SimHash). */
export { contentHash, normalizeForHash } from './content-hash.ts';
export { DuplicateIndex, type DocumentInput, type DuplicateIndexOptions, type DuplicateMatch, type LeadOptions } from './duplicate-index.ts';
export { LshIndex } from './lsh.ts';
export { estimateJaccard, minhashSignature } from './minhash.ts';
export { shingleHashes, words } from './shingles.ts';
export { hamming, simhash64 } from './simhash.ts';
export { canonicalizeUrl, hostKey } from './url.ts';
