/**
 * Per-element text measures in one bottom-up pass: how much text, how much of
 * it sits in links, how many commas, and how much text an element holds
 * directly (text nodes and inline children, not inside child blocks): that
 * direct text is what makes a paragraph, including the bare text runs of
 * `<br>`-separated pages.
 */
import { descendants, type ElementNode } from './dom.ts';
import { BLOCK } from './tags.ts';

export interface TextStats {
  /** Characters of text, whitespace runs counted as one. */
  text: number;
  /** Characters of text inside `<a href>` elements. */
  link: number;
  commas: number;
  /** Characters of text not inside a child block element. */
  direct: number;
  directCommas: number;
  /** Whether any child is a block element. */
  hasBlockChild: boolean;
}

const COMMAS = /[,，、،]/g;

function measure(text: string): number {
  let n = 0;
  let space = true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const ws = c === 32 || c === 10 || c === 9 || c === 13 || c === 12 || c === 160;
    if (ws) {
      if (!space) n++;
      space = true;
    } else {
      n++;
      space = false;
    }
  }
  return n;
}

export function computeStats(root: ElementNode): Map<ElementNode, TextStats> {
  const stats = new Map<ElementNode, TextStats>();
  const order = descendants(root);
  order.unshift(root);
  for (let i = order.length - 1; i >= 0; i--) {
    const el = order[i]!;
    const s: TextStats = { text: 0, link: 0, commas: 0, direct: 0, directCommas: 0, hasBlockChild: false };
    for (const child of el.children) {
      if (child.type === 3) {
        const n = measure(child.text);
        const c = child.text.match(COMMAS)?.length ?? 0;
        s.text += n;
        s.direct += n;
        s.commas += c;
        s.directCommas += c;
        continue;
      }
      const cs = stats.get(child)!;
      s.text += cs.text;
      s.link += cs.link;
      s.commas += cs.commas;
      if (BLOCK.has(child.tag)) s.hasBlockChild = true;
      else {
        s.direct += cs.text;
        s.directCommas += cs.commas;
      }
    }
    if (el.tag === 'a' && el.attrs.href !== undefined) s.link = s.text;
    stats.set(el, s);
  }
  return stats;
}

export function linkDensity(s: TextStats): number {
  return s.text === 0 ? 0 : s.link / s.text;
}
