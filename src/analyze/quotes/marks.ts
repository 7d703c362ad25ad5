/**
 * Finds direct-quote spans: pairs of quote marks, in every style (" " “ ” ‘ ’
 * « » „ “ ‚ ‘ ‹ ›, straight single quotes, and the doubled apostrophes '' … ''
 * that NYT archive text uses for double quotes), with apostrophes (Putin's,
 * don't, ’90s, 'em, leaders') never taken as marks. Only outermost quotes are
 * returned; quotes nested inside them are skipped. Offsets are UTF-16.
 *
 * Wire style: a paragraph that ends inside a quote without a closing mark
 * goes on in the next paragraph when that one opens with a quote mark; the
 * quote then spans both (and more, in the same way). An unclosed quote that
 * does not go on ends at its paragraph's end (`closed: false`).
 */
import { splitParagraphs, type Range } from '../../text/paragraphs.ts';

export interface QuoteMarks {
  /** The opening mark. */
  start: number;
  /** After the closing mark (or the paragraph end when unclosed). */
  end: number;
  /** The quoted text without marks. */
  innerStart: number;
  innerEnd: number;
  closed: boolean;
  /** Single marks (‘ ’, ', ‹ ›, ‚). */
  single: boolean;
  /** Paragraph breaks crossed. */
  paragraphs: number;
}

const WORD = /[\p{L}\p{N}]/u;
const SPACE = /\s/u;
const OPEN_CONTEXT = /[\s([{\u2014\u2013\-/:;,“"‘'«„‚]/u;
const ELISION = /^(?:em|til|n|cause|bout|tis|twas|round|s|cos)\b|^\d\d(?:s|\b)/iu;

type Kind = 'double' | 'single';
interface Open {
  pos: number;
  kind: Kind;
  /** The mark that closes it, or '' for either style. */
  closer: string;
  /** Characters in the opening mark: 2 for a doubled apostrophe (''). */
  width: number;
}

function isWord(ch: string | undefined): boolean {
  return ch !== undefined && WORD.test(ch);
}

/** Two straight apostrophes used as one double quote mark (not a third one's part). */
function isDoubledApostrophe(text: string, i: number): boolean {
  return text[i] === "'" && text[i + 1] === "'";
}

/** Whether the mark at `i` can open a quote: it follows a space/opening context and precedes a non-space. */
function canOpen(text: string, i: number, lo: number): boolean {
  const prev = i > lo ? text[i - 1]! : ' ';
  const next = text[i + 1];
  return OPEN_CONTEXT.test(prev) && next !== undefined && !SPACE.test(next);
}

function canClose(text: string, i: number, lo: number): boolean {
  const prev = i > lo ? text[i - 1] : undefined;
  return prev !== undefined && !SPACE.test(prev) && !isWord(text[i + 1]);
}

export function findQuoteMarks(text: string, paragraphs: readonly Range[] = splitParagraphs(text)): QuoteMarks[] {
  const out: QuoteMarks[] = [];
  let carried: { open: Open; paragraphs: number } | null = null;
  for (let p = 0; p < paragraphs.length; p++) {
    const { start: lo, end: hi } = paragraphs[p]!;
    const stack: Open[] = [];
    let i = lo;
    if (carried) {
      // the previous paragraph ended inside a quote: go on only if this one opens with a mark
      const ch = text[lo]!;
      if ('"“«„‘\''.includes(ch) && canOpen(text, lo, lo)) {
        stack.push(carried.open);
        carried.paragraphs++;
        i = lo + (isDoubledApostrophe(text, lo) ? 2 : 1);
      } else {
        const o = carried.open;
        out.push({ start: o.pos, end: paragraphs[p - 1]!.end, innerStart: o.pos + o.width, innerEnd: paragraphs[p - 1]!.end, closed: false, single: o.kind === 'single', paragraphs: carried.paragraphs });
        carried = null;
      }
    }
    const crossed: number = carried ? (carried as { paragraphs: number }).paragraphs : 0;
    carried = null;
    const close = (o: Open, at: number, width = 1) => {
      // outermost when nothing is left open, or only single marks (stray apostrophes) under a double quote
      if (stack.length === 0 || (o.kind === 'double' && stack.every((s) => s.kind === 'single'))) {
        stack.length = 0;
        out.push({ start: o.pos, end: at + width, innerStart: o.pos + o.width, innerEnd: at, closed: true, single: o.kind === 'single', paragraphs: crossed });
      }
    };
    for (; i < hi; i++) {
      const ch = text[i]!;
      let role: 'open' | 'close' | null = null;
      let kind: Kind = 'double';
      let width = 1;
      if (isDoubledApostrophe(text, i)) {
        // NYT style: two apostrophes make a double mark (''We will,'' he said)
        width = 2;
        const closes = i > lo && !SPACE.test(text[i - 1]!) && !isWord(text[i + 2]);
        const opens = (i === lo || OPEN_CONTEXT.test(text[i - 1]!)) && text[i + 2] !== undefined && !SPACE.test(text[i + 2]!);
        if (stack.some((o) => o.kind === 'double') && closes) role = 'close';
        else if (opens) role = 'open';
        else if (closes) role = 'close';
      } else switch (ch) {
        case '"':
          kind = 'double';
          if (stack.some((o) => o.kind === 'double') && canClose(text, i, lo)) role = 'close';
          else if (canOpen(text, i, lo)) role = 'open';
          else if (canClose(text, i, lo)) role = 'close';
          break;
        case '“':
          kind = 'double';
          // „ … “ (German) closes with “
          if (stack.length > 0 && stack[stack.length - 1]!.closer === '“' && canClose(text, i, lo)) role = 'close';
          else role = canOpen(text, i, lo) || !canClose(text, i, lo) ? 'open' : 'close';
          break;
        case '„':
        case '«':
          kind = 'double';
          role = 'open';
          break;
        case '”':
        case '»':
          kind = 'double';
          role = 'close';
          break;
        case '‹':
        case '‚':
          kind = 'single';
          role = 'open';
          break;
        case '›':
          kind = 'single';
          role = 'close';
          break;
        case '‘':
          kind = 'single';
          if (ELISION.test(text.slice(i + 1, i + 6))) break;
          if (stack.length > 0 && stack[stack.length - 1]!.closer === '‘' && canClose(text, i, lo)) role = 'close';
          else if (canOpen(text, i, lo)) role = 'open';
          break;
        case '’':
        case "'": {
          kind = 'single';
          const prev = i > lo ? text[i - 1] : undefined;
          const next = text[i + 1];
          if (isWord(prev) && isWord(next)) break; // don't, Putin's
          const openSingle = stack.some((o) => o.kind === 'single');
          if (openSingle && canClose(text, i, lo)) role = 'close';
          else if (canOpen(text, i, lo) && !ELISION.test(text.slice(i + 1, i + 6)) && isWord(next) && (ch === "'" || !isWord(prev))) {
            role = 'open';
          }
          // otherwise an apostrophe: leaders' votes, ’90s
          break;
        }
        default:
          continue;
      }
      if (role === 'open') {
        const closer = ch === '„' ? '“' : ch === '‚' ? '‘' : ch === '«' ? '»' : ch === '‹' ? '›' : '';
        stack.push({ pos: i, kind, closer, width });
      } else if (role === 'close') {
        // close the innermost open quote of the same kind, dropping unclosed ones above it
        let k = stack.length - 1;
        while (k >= 0 && stack[k]!.kind !== kind) k--;
        if (k < 0) continue;
        const o = stack[k]!;
        stack.length = k;
        close(o, i, width);
      }
      i += width - 1;
    }
    while (stack.length > 0 && stack[0]!.kind === 'single') stack.shift(); // an unclosed single mark was an apostrophe
    if (stack.length > 0) {
      const outer = stack[0]!;
      if (outer.kind === 'double' && p + 1 < paragraphs.length) {
        carried = { open: outer, paragraphs: crossed };
      } else {
        out.push({ start: outer.pos, end: hi, innerStart: outer.pos + outer.width, innerEnd: hi, closed: false, single: outer.kind === 'single', paragraphs: crossed });
      }
    }
  }
  if (carried) {
    const last = paragraphs[paragraphs.length - 1]!;
    out.push({ start: carried.open.pos, end: last.end, innerStart: carried.open.pos + carried.open.width, innerEnd: last.end, closed: false, single: carried.open.kind === 'single', paragraphs: carried.paragraphs });
  }
  return out.sort((a, b) => a.start - b.start);
}
