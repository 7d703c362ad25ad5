/**
 * Snippets with matched terms. The databases mark matches with two
 * private-use characters; they are turned into offsets here, so that callers
 * never receive markup built from article text (which could carry its own
 * HTML) and can render highlights however they like.
 */
import type { Highlighted } from './types.ts';

export const MARK_START = '\uE000';
export const MARK_END = '\uE001';

/** Text with markers → text without them plus code-point ranges of what they enclosed. */
export function parseMarked(marked: string): Highlighted {
  let text = '';
  let length = 0;
  let open = -1;
  const highlights: Highlighted['highlights'] = [];
  for (const ch of marked) {
    if (ch === MARK_START) {
      open = length;
    } else if (ch === MARK_END) {
      if (open >= 0 && length > open) highlights.push({ start: open, end: length });
      open = -1;
    } else {
      text += ch;
      length++;
    }
  }
  return { text, highlights };
}

/** The start of the text, cut at a word boundary, for results without a query. */
export function leadSnippet(text: string, max = 200): Highlighted {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return { text: flat, highlights: [] };
  const cut = flat.lastIndexOf(' ', max);
  return { text: `${flat.slice(0, cut > max / 2 ? cut : max)} …`, highlights: [] };
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Escaped HTML with `<mark>` around each highlight. */
export function highlightHtml(snippet: Highlighted): string {
  const chars = [...snippet.text];
  let out = '';
  let at = 0;
  for (const h of snippet.highlights) {
    out += escapeHtml(chars.slice(at, h.start).join(''));
    out += `<mark>${escapeHtml(chars.slice(h.start, h.end).join(''))}</mark>`;
    at = h.end;
  }
  return out + escapeHtml(chars.slice(at).join(''));
}
