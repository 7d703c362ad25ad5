/**
 * Finds the element(s) that hold the article body, in the manner of
 * Readability: every paragraph-sized run of text scores its container and,
 * less and less, the containers above; class names and link density adjust
 * the scores; the best container may climb to a parent that scores as well,
 * and siblings that look like more of the same article join it.
 */
import { textOf, type ElementNode } from './dom.ts';
import { hints } from './hints.ts';
import { linkDensity, type TextStats } from './stats.ts';
import { BLOCK, HEADING, PARAGRAPH_LIKE } from './tags.ts';

/** Shorter text runs than this do not score (Readability's threshold). */
const MIN_PARAGRAPH = 25;
const ANCESTOR_LEVELS = 5;

const TAG_WEIGHT: Record<string, number> = {
  div: 5, article: 8, main: 5, section: 3, pre: 3, td: 3, blockquote: 3,
  address: -3, ol: -3, ul: -3, dl: -3, dd: -3, dt: -3, li: -3, form: -3,
  h1: -5, h2: -5, h3: -5, h4: -5, h5: -5, h6: -5, th: -5,
};

export interface ContentChoice {
  /** Elements whose text is the article, in document order. */
  roots: ElementNode[];
  score: number;
}

export function findContent(all: ElementNode[], stats: Map<ElementNode, TextStats>): ContentChoice | undefined {
  const scores = new Map<ElementNode, number>();
  const base = new Map<ElementNode, number>();
  const touch = (el: ElementNode): number => {
    let s = scores.get(el);
    if (s === undefined) {
      s = (TAG_WEIGHT[el.tag] ?? 0) + hints(el).weight;
      scores.set(el, s);
      base.set(el, s);
    }
    return s;
  };
  /** What an element earned from its own text, without the tag and class bonuses. */
  const earned = (el: ElementNode): number | undefined => {
    const s = scores.get(el);
    return s === undefined ? undefined : (s - Math.max(0, base.get(el)!)) * (1 - linkDensity(stats.get(el)!));
  };
  for (const el of all) {
    const s = stats.get(el)!;
    // inline elements' text is already direct text of the block around them
    if (s.direct < MIN_PARAGRAPH || HEADING.has(el.tag) || !BLOCK.has(el.tag)) continue;
    const unit = 1 + s.directCommas + Math.min(Math.floor(s.direct / 100), 3);
    // a <p> scores the element around it; bare text runs score the element they sit in
    let container: ElementNode | null = PARAGRAPH_LIKE.has(el.tag) ? el.parent : el;
    for (let level = 0; container && container.tag !== '#root' && level < ANCESTOR_LEVELS; level++) {
      const divider = level === 0 ? 1 : level === 1 ? 2 : level * 3;
      scores.set(container, touch(container) + unit / divider);
      container = container.parent;
    }
  }
  if (scores.size === 0) return undefined;
  const final = new Map<ElementNode, number>();
  for (const [el, s] of scores) final.set(el, s * (1 - linkDensity(stats.get(el)!)));
  const ranked = [...final].sort((a, b) => b[1] - a[1]);
  let [top, topScore] = ranked[0]!;
  if (topScore <= 0) return undefined;

  // near-best candidates beside the best one: a body split into blocks, whose common ancestor is the article
  const near = ranked.slice(1, 5).filter(([el, s]) => s / topScore >= 0.75 && !isAncestor(el, top) && !isAncestor(top, el)).map(([el]) => el);
  if (near.length >= 2) {
    // ancestor sets once, not a walk per step: trees can be thousands of levels deep
    const lines = near.map(ancestors);
    for (let p = top.parent; p && p.tag !== 'body' && p.tag !== '#root'; p = p.parent) {
      let holders = 0;
      for (const line of lines) if (line.has(p)) holders++;
      if (holders >= 2) {
        top = p;
        topScore = Math.max(topScore, final.get(p) ?? 0);
        break;
      }
    }
  }
  // a parent that scores higher than its best child wraps more of the article
  let last = topScore;
  const threshold = topScore / 3;
  for (let p = top.parent; p && p.tag !== 'body' && p.tag !== '#root'; p = p.parent) {
    const ps = final.get(p);
    if (ps === undefined) continue;
    if (ps < threshold) break;
    // a class bonus alone ("page", "main") does not make a parent the article
    if (ps > last && ps - (hints(p).weight > 0 ? hints(p).weight : 0) > last) {
      top = p;
      topScore = ps;
      break;
    }
    last = ps;
  }
  while (top.parent && top.parent.tag !== 'body' && top.parent.tag !== '#root' && onlyElementChild(top)) {
    top = top.parent;
    topScore = Math.max(topScore, final.get(top) ?? 0);
  }

  const parent = top.parent;
  if (!parent || parent.tag === '#root') return { roots: [top], score: topScore };
  // an <article> or articleBody element is the whole article by definition; what sits beside it is not
  if (top.tag === 'article' || /\barticleBody\b/i.test(top.attrs.itemprop ?? '')) return { roots: [top], score: topScore };
  const roots: ElementNode[] = [];
  // siblings are judged on text they earned, not on class bonuses, so the bar is the top's earned score
  const siblingThreshold = Math.max(3, (earned(top) ?? topScore) * 0.2);
  const topClass = top.attrs.class;
  for (const sib of parent.children) {
    if (sib.type !== 1) continue;
    if (sib === top) {
      roots.push(sib);
      continue;
    }
    const bonus = topClass && sib.attrs.class === topClass ? topScore * 0.2 : 0;
    // judged on its own text: "story-top" earns a class bonus without holding any of the story
    const ss = earned(sib);
    if (ss !== undefined && ss + bonus >= siblingThreshold) {
      roots.push(sib);
      continue;
    }
    if (sib.tag === 'p') {
      const st = stats.get(sib)!;
      const ld = linkDensity(st);
      if ((st.text > 80 && ld < 0.25) || (st.text > 0 && st.text <= 80 && ld === 0 && endsSentence(sib))) roots.push(sib);
    }
  }
  return { roots, score: topScore };
}

function ancestors(el: ElementNode): Set<ElementNode> {
  const out = new Set<ElementNode>();
  for (let p = el.parent; p; p = p.parent) out.add(p);
  return out;
}

function isAncestor(a: ElementNode, b: ElementNode): boolean {
  for (let p = b.parent; p; p = p.parent) if (p === a) return true;
  return false;
}

function onlyElementChild(el: ElementNode): boolean {
  let elements = 0;
  for (const c of el.parent!.children) {
    if (c.type === 1) elements++;
    else if (c.text.trim()) return false;
  }
  return elements === 1;
}

function endsSentence(el: ElementNode): boolean {
  return /[.!?…»"”]$/.test(textOf(el, 2000));
}
