/**
 * A small, flat-cost HTML tree for extraction, built from htmlparser2's
 * streaming parser. Scripts, styles and other never-text subtrees are dropped
 * while parsing (JSON-LD scripts are kept aside as raw strings), so later
 * passes touch only what can hold article text. Every walk over this tree is
 * iterative: pages nest divs thousands deep and recursion would overflow.
 */
import { Parser } from 'htmlparser2';
import { BLOCK } from './tags.ts';

export interface ElementNode {
  readonly type: 1;
  readonly tag: string;
  readonly attrs: Record<string, string>;
  children: Node[];
  parent: ElementNode | null;
}

export interface TextNode {
  readonly type: 3;
  text: string;
  parent: ElementNode;
}

export type Node = ElementNode | TextNode;

export interface ParsedPage {
  /** Synthetic root above `<html>` (htmlparser2 does not invent html/head/body). */
  root: ElementNode;
  /** Raw bodies of `<script type="application/ld+json">`, in document order. */
  jsonLd: string[];
  /** Deepest element nesting seen; very deep trees skip the recursive fallback. */
  maxDepth: number;
}

/** Subtrees that never hold article text; their content is not even built. */
const DROPPED = new Set([
  'script', 'style', 'noscript', 'template', 'svg', 'math', 'iframe', 'object', 'embed', 'canvas', 'video',
  'audio', 'map', 'head-script', 'select', 'textarea', 'option', 'datalist', 'frameset', 'frame', 'applet',
]);

export function parseHtml(html: string): ParsedPage {
  const root: ElementNode = { type: 1, tag: '#root', attrs: {}, children: [], parent: null };
  const jsonLd: string[] = [];
  // one entry per open element; null marks an element inside a dropped subtree
  const stack: (ElementNode | null)[] = [];
  let current = root;
  let dropped = 0;
  let ldText: string | null = null;
  let maxDepth = 0;

  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (dropped > 0 || DROPPED.has(name)) {
          if (dropped === 0 && name === 'script' && /ld\+json/i.test(attrs.type ?? '')) ldText = '';
          dropped++;
          stack.push(null);
          return;
        }
        const el: ElementNode = { type: 1, tag: name, attrs, children: [], parent: current };
        current.children.push(el);
        stack.push(el);
        current = el;
        if (stack.length > maxDepth) maxDepth = stack.length;
      },
      onclosetag() {
        const top = stack.pop();
        if (top === undefined) return;
        if (top === null) {
          dropped--;
          if (dropped === 0 && ldText !== null) {
            jsonLd.push(ldText);
            ldText = null;
          }
          return;
        }
        current = top.parent ?? root;
      },
      ontext(data) {
        if (dropped > 0) {
          if (ldText !== null) ldText += data;
          return;
        }
        const last = current.children[current.children.length - 1];
        // the tokenizer hands text over in chunks; one node per run keeps later passes simple
        if (last?.type === 3) last.text += data;
        else current.children.push({ type: 3, text: data, parent: current });
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();
  return { root, jsonLd, maxDepth };
}

/** Elements of the subtree under `root` (root excluded) in document order. */
export function descendants(root: ElementNode): ElementNode[] {
  const out: ElementNode[] = [];
  const stack: ElementNode[] = [];
  for (let i = root.children.length - 1; i >= 0; i--) {
    const c = root.children[i]!;
    if (c.type === 1) stack.push(c);
  }
  while (stack.length) {
    const el = stack.pop()!;
    out.push(el);
    for (let i = el.children.length - 1; i >= 0; i--) {
      const c = el.children[i]!;
      if (c.type === 1) stack.push(c);
    }
  }
  return out;
}

/** Concatenated text of the subtree, whitespace collapsed; stops collecting after `limit` characters. */
export function textOf(root: Node, limit = Infinity): string {
  if (root.type === 3) return collapse(root.text);
  let out = '';
  const stack: Node[] = [root];
  while (stack.length && out.length < limit) {
    const node = stack.pop()!;
    if (node.type === 3) {
      out += node.text;
      continue;
    }
    // block boundaries separate words; inline ones (<b>, <a>) do not
    if (node !== root && (BLOCK.has(node.tag) || node.tag === 'br')) out += ' ';
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
  }
  return collapse(out);
}

export function collapse(text: string): string {
  return text.replace(/[\u00ad\u200b\ufeff]/g, '').replace(/[\s\u00a0]+/g, ' ').trim();
}
