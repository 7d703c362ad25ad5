/**
 * Removes page chrome before the body is scored, so that a long comment
 * thread or a mega-menu cannot win: navigation, headers and footers, shares,
 * newsletter boxes, related lists, ads, captions, bylines, hidden elements and
 * AMP's non-text components. An element that holds the `<main>` or
 * `itemprop=articleBody` element is kept whatever its class says; one that
 * holds most of the page's prose is kept unless a strong word (comments, ads,
 * related…) marks it.
 */
import type { ElementNode, Node } from './dom.ts';
import { hints, isHidden } from './hints.ts';
import type { TextStats } from './stats.ts';
import { AMP_TEXT } from './tags.ts';

/** Chrome by tag alone. */
const CHROME_TAGS = new Set([
  'head', 'title', 'nav', 'aside', 'footer', 'header', 'dialog', 'menu', 'button', 'input', 'label', 'figcaption',
  'meta', 'link', 'base', 'img', 'picture', 'source', 'track', 'hr', 'wbr',
]);

/** Forms wrap the whole page on some CMSs (ASP.NET); below this much prose a form is a sign-up or search box. */
const SMALL_FORM = 1000;

function keyAncestors(root: ElementNode, all: ElementNode[]): Set<ElementNode> {
  const keep = new Set<ElementNode>();
  for (const el of all) {
    if (el.tag !== 'main' && !/\barticleBody\b/i.test(el.attrs.itemprop ?? '') && el.attrs.role !== 'main') continue;
    for (let p: ElementNode | null = el; p && p !== root && !keep.has(p); p = p.parent) keep.add(p);
  }
  return keep;
}

export function pruneChrome(root: ElementNode, all: ElementNode[], stats: Map<ElementNode, TextStats>): void {
  const keep = keyAncestors(root, all);
  const rootStats = stats.get(root)!;
  const prose = Math.max(1, rootStats.text - rootStats.link);
  const mostProse = (el: ElementNode) => {
    const s = stats.get(el)!;
    return (s.text - s.link) / prose > 0.5;
  };
  const drop = (el: ElementNode): boolean => {
    const tag = el.tag;
    if (tag === 'html' || tag === 'body') return false;
    if (isHidden(el)) return true;
    if (tag.startsWith('amp-') && !AMP_TEXT.has(tag)) return true;
    if (CHROME_TAGS.has(tag)) return !keep.has(el) && !(tag !== 'head' && tag !== 'title' && mostProse(el));
    if (tag === 'form') return !keep.has(el) && stats.get(el)!.text - stats.get(el)!.link < SMALL_FORM;
    if (tag === 'main' || tag === 'article') return false;
    const h = hints(el);
    if (!h.boiler) return false;
    if (keep.has(el)) return false;
    return h.strong || !mostProse(el);
  };
  const stack: ElementNode[] = [root];
  while (stack.length) {
    const el = stack.pop()!;
    const kept: Node[] = [];
    for (const child of el.children) if (child.type === 3 || !drop(child)) kept.push(child);
    if (kept.length !== el.children.length) el.children = kept;
    for (const child of kept) if (child.type === 1) stack.push(child);
  }
}
