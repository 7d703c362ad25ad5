/**
 * Offsets inside the process are UTF-16 indices (what JavaScript strings use);
 * offsets outside it are Unicode code points into the exact input text, the
 * convention of the SemEval and PolNeAR data. This module is the one place
 * where the two meet.
 */

const SURROGATE = /[\uD800-\uDFFF]/;

/** Converts offsets of one text between UTF-16 indices and code points. */
export interface OffsetMap {
  /** Length of the text in code points. */
  readonly codePointLength: number;
  /** Length of the text in UTF-16 code units. */
  readonly utf16Length: number;
  /** True when every code point is one UTF-16 unit, so both offsets agree. */
  readonly identity: boolean;
  toCodePoint(utf16Index: number): number;
  toUtf16(codePointIndex: number): number;
}

function isHigh(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
function isLow(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

function checkRange(index: number, max: number, unit: string): void {
  if (!Number.isInteger(index) || index < 0 || index > max) {
    throw new RangeError(`offset ${index} is outside the text (0..${max} ${unit})`);
  }
}

class IdentityMap implements OffsetMap {
  readonly identity = true;
  constructor(readonly utf16Length: number) {}
  get codePointLength(): number {
    return this.utf16Length;
  }
  toCodePoint(i: number): number {
    checkRange(i, this.utf16Length, 'UTF-16 units');
    return i;
  }
  toUtf16(i: number): number {
    checkRange(i, this.utf16Length, 'code points');
    return i;
  }
}

class SurrogateMap implements OffsetMap {
  readonly identity = false;
  readonly utf16Length: number;
  readonly codePointLength: number;
  /** cpAt[u] = code point index of UTF-16 index u; -1 inside a surrogate pair. */
  private readonly cpAt: Int32Array;
  /** u16At[c] = UTF-16 index of code point c. */
  private readonly u16At: Int32Array;

  constructor(text: string) {
    const n = text.length;
    this.utf16Length = n;
    const cpAt = new Int32Array(n + 1);
    const u16At = new Int32Array(n + 1);
    let cp = 0;
    for (let u = 0; u < n; u++) {
      const code = text.charCodeAt(u);
      cpAt[u] = cp;
      u16At[cp] = u;
      // A lone surrogate counts as one code point, as it does in Python.
      if (isHigh(code) && u + 1 < n && isLow(text.charCodeAt(u + 1))) {
        cpAt[u + 1] = -1;
        u++;
      }
      cp++;
    }
    cpAt[n] = cp;
    u16At[cp] = n;
    this.cpAt = cpAt;
    this.u16At = u16At.subarray(0, cp + 1);
    this.codePointLength = cp;
  }

  toCodePoint(i: number): number {
    checkRange(i, this.utf16Length, 'UTF-16 units');
    const cp = this.cpAt[i]!;
    if (cp < 0) throw new RangeError(`UTF-16 offset ${i} falls inside a surrogate pair`);
    return cp;
  }

  toUtf16(i: number): number {
    checkRange(i, this.codePointLength, 'code points');
    return this.u16At[i]!;
  }
}

/** Builds the offset map of a text; costs one scan when the text has no astral characters. */
export function offsetMap(text: string): OffsetMap {
  return SURROGATE.test(text) ? new SurrogateMap(text) : new IdentityMap(text.length);
}

/** Length of a string in code points. */
export function codePointLength(text: string): number {
  return offsetMap(text).codePointLength;
}

/** Slices a text by code-point offsets; build it once per text, call it for every span. */
export function codePointSlicer(text: string): (start: number, end: number) => string {
  const map = offsetMap(text);
  return (start, end) => text.slice(map.toUtf16(start), map.toUtf16(end));
}

/** The text of the code-point span [start, end). */
export function sliceCodePoints(text: string, start: number, end: number): string {
  return codePointSlicer(text)(start, end);
}
