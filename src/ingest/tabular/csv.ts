/**
 * RFC 4180 CSV over a stream of physical lines: quoted fields may hold
 * delimiters, doubled quotes and line breaks; CRLF or LF; the delimiter is
 * sniffed from the header among comma, semicolon and tab. Lenient where
 * spreadsheets are sloppy (a quote inside an unquoted field is just a
 * character), strict where data would be lost: a quoted field that never
 * closes is reported at the line it opened on, and the lines it swallowed are
 * read again as rows of their own.
 */
import type { Line } from './lines.ts';
import { describeSize } from '../warc/parser.ts';

export type CsvRow = { line: number; fields: string[] } | { line: number; error: string };

export interface CsvOptions {
  /** ',' ';' or '\t'; sniffed from the first line when not given. */
  delimiter?: string;
  /** A row longer than this (an unclosed quote, usually) is reported and re-read from its second line (default 16 MB). */
  maxRowBytes?: number;
}

export const DEFAULT_MAX_ROW_CHARS = 16 * 1024 * 1024;
const CANDIDATES = [',', ';', '\t'];

/** The candidate delimiter that occurs most often outside quotes in `line` (comma on a tie or none). */
export function sniffDelimiter(line: string): string {
  const counts = new Map(CANDIDATES.map((c) => [c, 0]));
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  let best = ',';
  for (const c of CANDIDATES) if (counts.get(c)! > counts.get(best)!) best = c;
  return best;
}

interface Pending {
  fields: string[];
  field: string;
  /** Inside a quoted field that continues on the next line. */
  quoted: boolean;
  startLine: number;
  lines: { line: number; text: string }[];
  chars: number;
}

/**
 * Parses as much of `text` as it can into `state`; returns true when the row
 * is complete at the end of the line.
 */
function parseLine(text: string, delimiter: string, state: Pending): boolean {
  let i = 0;
  const n = text.length;
  if (state.quoted) {
    // continuing a quoted field across a line break
    state.field += '\n';
  }
  for (;;) {
    if (state.quoted) {
      const q = text.indexOf('"', i);
      if (q < 0) {
        state.field += text.slice(i);
        return false;
      }
      state.field += text.slice(i, q);
      if (text[q + 1] === '"') {
        state.field += '"';
        i = q + 2;
        continue;
      }
      state.quoted = false;
      i = q + 1;
      // text between the closing quote and the next delimiter is kept (sloppy writers)
      const d = text.indexOf(delimiter, i);
      const end = d < 0 ? n : d;
      state.field += text.slice(i, end);
      if (d < 0) {
        state.fields.push(state.field);
        state.field = '';
        return true;
      }
      state.fields.push(state.field);
      state.field = '';
      i = d + delimiter.length;
      if (i === n) {
        state.fields.push('');
        return true;
      }
      continue;
    }
    if (text[i] === '"') {
      state.quoted = true;
      i++;
      continue;
    }
    const d = text.indexOf(delimiter, i);
    if (d < 0) {
      state.fields.push(text.slice(i));
      return true;
    }
    state.fields.push(text.slice(i, d));
    i = d + delimiter.length;
    if (i === n) {
      state.fields.push('');
      return true;
    }
  }
}

/**
 * Rows of a CSV stream. The first row is the header like any other; blank
 * lines are skipped; lines that could not be decoded come out as errors.
 */
export async function* readCsvRows(lines: AsyncIterable<Line>, origin: string, options: CsvOptions = {}): AsyncGenerator<CsvRow> {
  const maxChars = options.maxRowBytes ?? DEFAULT_MAX_ROW_CHARS;
  let delimiter = options.delimiter;
  let state: Pending | undefined;
  const queue: { line: number; text: string }[] = [];

  // drives queued lines (a replay after an unclosed quote) through the parser
  function* process(): Generator<CsvRow> {
    while (queue.length > 0) {
      const { line, text } = queue.shift()!;
      if (!state) {
        if (text.trim() === '') continue;
        state = { fields: [], field: '', quoted: false, startLine: line, lines: [], chars: 0 };
      }
      state.lines.push({ line, text });
      state.chars += text.length;
      if (parseLine(text, delimiter!, state)) {
        yield { line: state.startLine, fields: state.fields };
        state = undefined;
      } else if (state.chars > maxChars) {
        yield* unclosed(`a quoted field runs past the ${describeSize(maxChars)} row limit`);
      }
    }
  }

  function* unclosed(why: string): Generator<CsvRow> {
    const bad = state!;
    state = undefined;
    yield { line: bad.startLine, error: `${origin} line ${bad.startLine}: ${why}; a quote opened in this row is never closed, so the row is skipped` };
    queue.unshift(...bad.lines.slice(1));
  }

  for await (const item of lines) {
    if ('error' in item) {
      // a line that cannot be decoded spoils the row it belongs to
      if (state) {
        yield { line: state.startLine, error: `${origin} line ${state.startLine}: row skipped, its line ${item.line} is not valid UTF-8` };
        state = undefined;
      } else {
        yield { ...item };
      }
      continue;
    }
    if (!delimiter) {
      if (item.text.trim() === '') continue;
      delimiter = sniffDelimiter(item.text);
    }
    queue.push(item);
    yield* process();
  }
  while (state) {
    for (const row of unclosed('the file ends inside a quoted field')) yield { ...row };
    for (const row of process()) yield { ...row };
  }
}
