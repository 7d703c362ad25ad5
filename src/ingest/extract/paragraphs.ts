/**
 * Turns the chosen body elements into paragraphs: every block element is a
 * paragraph of its own, `<br><br>` splits one, list items and headings stand
 * alone, a data table gives one paragraph per row ("cell | cell"). Leftover
 * chrome inside the body goes on the way: link lists, "Related" and "Read
 * more" blocks, ad labels, share prompts, newsletter pitches.
 */
import { textOf, type ElementNode, type Node } from './dom.ts';
import { linkDensity, type TextStats } from './stats.ts';
import { BLOCK, HEADING } from './tags.ts';

const L = '(?=$|[\\s:.,!—–-])';
/** Headings over lists of other stories, in the languages of the fixtures and a few more. */
const RELATED_HEADING = new RegExp(
  `^(?:related(?: (?:articles|stories|coverage|content|news|reading|posts|links))?|read more|read next|more (?:from|on|in|about|stories|news)\\b.*|more like this|recommended(?: for you)?|you (?:may|might) also like|most (?:read|popular|viewed|shared)|popular(?: now)?|trending(?: now)?|see also|also read|further reading|top stories|latest(?: news| stories)?|editor'?s picks|по теме|читайте также|читайте також|ещё по теме|еще по теме|новости по теме|популярное|самое читаемое|найпопулярніше|більше новин|на цю тему|по темі|à lire aussi|a lire aussi|lire aussi|sur le même sujet|les plus lus|dans la même rubrique|à voir aussi|mehr zum thema|lesen sie auch|das könnte sie auch interessieren|meistgelesen|weitere artikel|auch interessant|mehr aus\\b.*|leer más|más noticias|te puede interesar|lo más leído)\\s*:?$`,
  'iu',
);
/** Headings over reader comments. */
const COMMENTS_HEADING =
  /^(?:\d+\s+)?(?:comments?|responses?|replies|reader comments|what readers are saying|readers respond|your (?:comments|views)|join the (?:conversation|discussion)|leave a (?:comment|reply)|kommentare|leserkommentare|commentaires|réactions|комментарии|коментарі|коментарів)(?=$|[\s:(])/iu;
/** Inline pointers to other stories that sit between body paragraphs. */
const READ_MORE = new RegExp(
  `^(?:read more|read also|also read|see also|related|more|watch|listen|read next|читайте также|читайте також|также читайте|смотрите также|дивіться також|по теме|по темі|lire aussi|à lire aussi|a lire aussi|voir aussi|lesen sie auch|mehr zum thema|auch interessant|leer más|lea también|ver también)${L}`,
  'iu',
);
const AD_LABEL =
  /^(?:advertisement|advertisment|advert|ad|sponsored(?: content)?|paid (?:content|post)|anzeige|werbung|publicité|publicite|реклама|партнерский материал|scroll to continue(?: with content)?|continue reading(?: below)?|(?:story|article) continues below(?: advertisement)?)$/iu;
const SHARE =
  /^(?:share(?: this(?: article| story| page)?)?(?: on \w+)?|share via email|follow us(?: on \w+)?|copy link|link copied|email|print|tweet|поделиться|поділитися|teilen|partager|compartir)$/iu;
const NEWSLETTER = /^(?:sign up|subscribe)\b.{0,80}\bnewsletter/iu;
const COPYRIGHT = /^(?:copyright\b|©|\(c\)\s)|\ball rights reserved\b|^tous droits réservés|^alle rechte vorbehalten|^все права защищены|^усі права захищені/iu;
/** "By Del Harkness, Staff Writer": a byline left inline in the body text. */
const BYLINE = new RegExp(`^(?:by|von|par|por|door|di|автор|автори|авторы|від)${L}`, 'iu');

export interface ParagraphContext {
  stats: Map<ElementNode, TextStats>;
  /** The headline: an `<h1>` in the body that repeats it is left out, and so is the headline opening the first paragraph. */
  title?: string;
  /** Cleans byline text into names: a short paragraph that opens with "By" and names someone is a byline, not body text. */
  names?: (byline: string) => string[];
}

export interface BodyText {
  paragraphs: string[];
  /** Bylines found inline in the body and left out of it. */
  bylines: string[];
}

type Frame = { node: Node; exit?: false } | { node: ElementNode; exit: true } | { node: ElementNode; exit: 'link' };

function isDataTable(table: ElementNode): boolean {
  const stack: ElementNode[] = [table];
  while (stack.length) {
    const el = stack.pop()!;
    for (const c of el.children) {
      if (c.type !== 1) continue;
      if (el !== table && (c.tag === 'table' || (BLOCK.has(c.tag) && !isTablePart(c.tag)))) return false;
      stack.push(c);
    }
  }
  return true;
}

function isTablePart(tag: string): boolean {
  return tag === 'tbody' || tag === 'thead' || tag === 'tfoot' || tag === 'tr' || tag === 'td' || tag === 'th' || tag === 'caption';
}

function tableRows(table: ElementNode): string[] {
  const out: string[] = [];
  const stack: ElementNode[] = [table];
  while (stack.length) {
    const el = stack.pop()!;
    if (el.tag === 'caption') {
      const t = textOf(el);
      if (t) out.push(t);
      continue;
    }
    if (el.tag === 'tr') {
      const cells: string[] = [];
      for (const c of el.children) {
        if (c.type !== 1 || (c.tag !== 'td' && c.tag !== 'th')) continue;
        const t = textOf(c);
        if (t) cells.push(t);
      }
      if (cells.length) out.push(cells.join(' | '));
      continue;
    }
    for (let i = el.children.length - 1; i >= 0; i--) {
      const c = el.children[i]!;
      if (c.type === 1) stack.push(c);
    }
  }
  return out;
}

function normalise(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

/** Text-only judgement of a finished paragraph: chrome that survived as bare text. */
function chromeText(p: string): boolean {
  return p.length <= 300 && (AD_LABEL.test(p) || SHARE.test(p) || NEWSLETTER.test(p) || COPYRIGHT.test(p));
}

export function paragraphsOf(roots: ElementNode[], ctx: ParagraphContext): BodyText {
  const { stats } = ctx;
  const title = ctx.title;
  const titleKey = title ? normalise(title) : '';
  const paragraphs: string[] = [];
  const bylines: string[] = [];
  let buf = '';
  // link text in buf, and how deep inside <a href> the walk is: bare runs of links ("Home | News") are menus
  let bufLink = 0;
  let inLink = 0;
  let pendingBr = false;
  const flush = () => {
    let p = buf.replace(/[\u00ad\u200b\ufeff]/g, '').replace(/[\s\u00a0]+/g, ' ').trim();
    const linky = bufLink > 0 && bufLink / Math.max(1, buf.replace(/\s+/g, '').length) > 0.5;
    buf = '';
    bufLink = 0;
    pendingBr = false;
    if (linky) return;
    // old layouts run headline and byline together before the first <br><br>
    if (paragraphs.length === 0 && title && p.length > title.length && p.startsWith(title) && /\s/.test(p[title.length]!)) {
      p = p.slice(title.length).trim();
    }
    if (!p || chromeText(p)) return;
    if (p.length <= 150 && BYLINE.test(p) && ctx.names && ctx.names(p).length > 0) {
      bylines.push(p);
      return;
    }
    paragraphs.push(p);
  };
  const rootSet = new Set(roots);
  let dropNextLinky = false;

  const leftOut = (el: ElementNode): boolean => {
    if (rootSet.has(el)) return false;
    const s = stats.get(el);
    if (!s) return false;
    const tag = el.tag;
    const ld = linkDensity(s);
    if (dropNextLinky && BLOCK.has(tag)) {
      dropNextLinky = false;
      if (ld > 0.3 || tag === 'ul' || tag === 'ol') return true;
    }
    if (HEADING.has(tag)) {
      const t = textOf(el, 300);
      if (RELATED_HEADING.test(t)) {
        dropNextLinky = true;
        return true;
      }
      if (tag === 'h1' && titleKey && normalise(t) === titleKey && paragraphs.length === 0) return true;
      return false;
    }
    if (!BLOCK.has(tag)) return false;
    // menus, link lists and story cards: blocks that are mostly link text
    if (ld > 0.5) return true;
    if (s.text <= 300) {
      const t = textOf(el, 400);
      if (s.link > 0 && READ_MORE.test(t)) return true;
      if (ld >= 0.9 && s.text <= 120) return true;
    }
    // a box that opens with a "Related" heading is a list of other stories; one under "Comments" is the readers'
    const first = el.children.find((c): c is ElementNode => c.type === 1);
    if (first && HEADING.has(first.tag)) {
      const heading = textOf(first, 300);
      if (COMMENTS_HEADING.test(heading) || (ld > 0.25 && RELATED_HEADING.test(heading))) return true;
    }
    return false;
  };

  for (const root of roots) {
    const stack: Frame[] = [{ node: root }];
    while (stack.length) {
      const frame = stack.pop()!;
      const node = frame.node;
      if (frame.exit === 'link') {
        inLink--;
        continue;
      }
      if (frame.exit) {
        flush();
        continue;
      }
      if (node.type === 3) {
        buf += node.text;
        if (inLink > 0) bufLink += node.text.replace(/\s+/g, '').length;
        if (pendingBr && /\S/.test(node.text)) pendingBr = false;
        continue;
      }
      if (node.tag === 'br') {
        if (pendingBr) flush();
        else {
          buf += ' ';
          pendingBr = true;
        }
        continue;
      }
      if (leftOut(node)) continue;
      const block = BLOCK.has(node.tag);
      if (node.tag === 'table' && isDataTable(node)) {
        flush();
        for (const row of tableRows(node)) paragraphs.push(row);
        continue;
      }
      if (block) {
        flush();
        stack.push({ node, exit: true });
      } else if (node.tag === 'a' && node.attrs.href !== undefined) {
        inLink++;
        stack.push({ node, exit: 'link' });
      }
      for (let i = node.children.length - 1; i >= 0; i--) stack.push({ node: node.children[i]! });
    }
    flush();
  }
  return { paragraphs, bylines };
}
