/**
 * Turns the bytes of a text file into the exact text that offsets count in.
 * A UTF-8 BOM is kept as U+FEFF (the SemEval data count it as character 0);
 * UTF-16 with a BOM is decoded; invalid UTF-8 and binary data are refused with
 * a message that says where and why, never decoded with replacement
 * characters (that would shift every offset after it).
 */

export class InputError extends Error {
  override name = 'InputError';
}

const MAGIC: [number[], string][] = [
  [[0x25, 0x50, 0x44, 0x46], 'a PDF document'],
  [[0x50, 0x4b, 0x03, 0x04], 'a ZIP archive (or DOCX/XLSX)'],
  [[0x1f, 0x8b], 'gzip-compressed data'],
  [[0x89, 0x50, 0x4e, 0x47], 'a PNG image'],
  [[0xff, 0xd8, 0xff], 'a JPEG image'],
  [[0x47, 0x49, 0x46, 0x38], 'a GIF image'],
  [[0x7f, 0x45, 0x4c, 0x46], 'an executable'],
];

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return magic.length <= bytes.length && magic.every((b, i) => bytes[i] === b);
}

/** Index of the first byte that is not part of valid UTF-8, or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) (need = 1), (min = 0x80);
    else if (b >= 0xe0 && b <= 0xef) (need = 2), (min = 0x800);
    else if (b >= 0xf0 && b <= 0xf4) (need = 3), (min = 0x10000);
    else return i;
    if (i + need >= n) return i; // truncated sequence at the end
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

/** Control characters other than tab, line feed, carriage return and form feed mark binary data. */
function looksBinary(text: string): boolean {
  const sample = text.length > 65536 ? text.slice(0, 65536) : text;
  if (sample.includes('\u0000')) return true;
  let control = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if (c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) control++;
  }
  return control > 0 && control / sample.length > 0.01;
}

/**
 * Decodes `bytes` from `origin` (named in errors). Throws `InputError` for
 * empty, binary or undecodable input.
 */
export function decodeText(bytes: Uint8Array, origin: string, charset?: string): string {
  if (bytes.length === 0) throw new InputError(`${origin}: input is empty`);
  for (const [magic, what] of MAGIC) {
    if (startsWith(bytes, magic)) throw new InputError(`${origin}: looks like ${what}, not text`);
  }
  let text: string;
  const declared = charset?.trim().toLowerCase();
  if (declared && declared !== 'utf-8' && declared !== 'utf8' && !startsWith(bytes, [0xef, 0xbb, 0xbf])) {
    let decoder: InstanceType<typeof TextDecoder>;
    try {
      decoder = new TextDecoder(declared, { fatal: true, ignoreBOM: true });
    } catch {
      throw new InputError(`${origin}: unknown character set '${charset}'`);
    }
    try {
      text = decoder.decode(bytes);
    } catch {
      throw new InputError(`${origin}: not valid ${charset} text`);
    }
  } else if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) {
    const encoding = bytes[0] === 0xff ? 'utf-16le' : 'utf-16be';
    try {
      text = new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes);
    } catch {
      throw new InputError(`${origin}: invalid ${encoding.toUpperCase()} text`);
    }
  } else {
    const bad = firstInvalidUtf8(bytes);
    if (bad >= 0) {
      if (bytes.subarray(0, Math.min(bytes.length, 8192)).includes(0)) {
        throw new InputError(`${origin}: looks like binary data, not text`);
      }
      const hex = Array.from(bytes.subarray(bad, bad + 4), (b) => b.toString(16).padStart(2, '0')).join(' ');
      throw new InputError(`${origin}: invalid UTF-8 at byte ${bad} (${hex}); convert the file to UTF-8 first`);
    }
    // ignoreBOM keeps a leading BOM as U+FEFF: offsets count it as one character
    text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
  }
  if (looksBinary(text)) throw new InputError(`${origin}: looks like binary data, not text`);
  if (text.replace(/^\uFEFF/, '').trim() === '') throw new InputError(`${origin}: input has no text (only whitespace)`);
  return text;
}
