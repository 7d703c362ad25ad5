/**
 * Physical lines of a text file with their 1-based numbers, decoded one by
 * one so a line of invalid UTF-8 is reported by number and skipped rather
 * than ending the import (or being decoded with replacement characters).
 * A UTF-8 BOM is dropped; UTF-16 (with a BOM, as spreadsheets export "Unicode
 * text") is decoded.
 */
import { InputError } from '../decode-text.ts';
import { describeSize } from '../warc/parser.ts';

export type Line = { line: number; text: string } | { line: number; error: string };

export interface LineOptions {
  /** A longer line is reported and skipped without being buffered (default 64 MB). */
  maxLineBytes?: number;
}

export const DEFAULT_MAX_LINE_BYTES = 64 * 1024 * 1024;

export async function* readLines(bytes: AsyncIterable<Uint8Array>, origin: string, options: LineOptions = {}): AsyncGenerator<Line> {
  const max = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
  let carry: Uint8Array[] = [];
  let carried = 0;
  let line = 1;
  let overlong = false;
  let first = true;
  let utf16: InstanceType<typeof TextDecoder> | undefined;
  let textCarry = '';

  const decode = (parts: Uint8Array[], length: number): Line => {
    const number = line++;
    if (overlong) {
      overlong = false;
      return { line: number, error: `${origin} line ${number}: longer than the ${describeSize(max)} line limit; skipped` };
    }
    let raw = parts.length === 1 ? parts[0]! : Buffer.concat(parts, length);
    if (raw[raw.length - 1] === 0x0d) raw = raw.subarray(0, raw.length - 1);
    try {
      // the decoder drops a leading BOM, which only the first line can carry
      return { line: number, text: utf8.decode(raw) };
    } catch {
      return { line: number, error: `${origin} line ${number}: not valid UTF-8; convert the file to UTF-8` };
    }
  };

  for await (const chunk of bytes) {
    if (first) {
      first = false;
      if ((chunk[0] === 0xff && chunk[1] === 0xfe) || (chunk[0] === 0xfe && chunk[1] === 0xff)) {
        utf16 = new TextDecoder(chunk[0] === 0xff ? 'utf-16le' : 'utf-16be', { fatal: true });
      }
    }
    if (utf16) {
      try {
        textCarry += utf16.decode(chunk, { stream: true });
      } catch {
        throw new InputError(`${origin}: invalid UTF-16 text near line ${line}`);
      }
      let nl: number;
      while ((nl = textCarry.indexOf('\n')) >= 0) {
        yield { line: line++, text: textCarry.slice(0, nl).replace(/\r$/, '') };
        textCarry = textCarry.slice(nl + 1);
      }
      if (textCarry.length * 2 > max) throw new InputError(`${origin} line ${line}: longer than the ${describeSize(max)} line limit`);
      continue;
    }
    let start = 0;
    for (;;) {
      const nl = chunk.indexOf(0x0a, start);
      const end = nl < 0 ? chunk.length : nl;
      if (!overlong) {
        if (carried + end - start > max) {
          overlong = true;
          carry = [];
          carried = 0;
        } else if (end > start) {
          carry.push(chunk.subarray(start, end));
          carried += end - start;
        }
      }
      if (nl < 0) break;
      yield decode(carry, carried);
      carry = [];
      carried = 0;
      start = nl + 1;
    }
  }
  if (utf16) {
    if (textCarry) yield { line: line++, text: textCarry.replace(/\r$/, '') };
    return;
  }
  if (carried > 0 || overlong) yield decode(carry, carried);
}
