/**
 * What an element's class, id, role and style say about it: page chrome to
 * drop, hidden content, or a likely article body. Class names are split into
 * words ("b-article-body__text" → b, article, body, text; "relatedPosts" →
 * related, posts) so that one word list covers BEM, camelCase and WordPress.
 */
import type { ElementNode } from './dom.ts';

/** Words that mark chrome, even next to a content word ("article-comments", "post-meta"). */
const BOILER_WORDS = new Set([
  'nav', 'navbar', 'navigation', 'menu', 'menubar', 'megamenu', 'breadcrumb', 'breadcrumbs', 'crumbs', 'footer', 'masthead',
  'header', 'sidebar', 'rail', 'widget', 'widgets', 'share', 'shares', 'sharing', 'sharebar', 'sharedaddy', 'social',
  'socials', 'comment', 'comments', 'commentlist', 'disqus', 'respond', 'replies', 'related', 'relatedposts',
  'recommended', 'recommendations', 'recirc', 'recirculation', 'trending', 'popular', 'mostread', 'newsletter',
  'newsletters', 'signup', 'subscribe', 'subscription', 'cookie', 'cookies', 'consent', 'gdpr', 'promo', 'promos',
  'promotion', 'sponsor', 'sponsored', 'advert', 'adverts', 'advertisement', 'advertising', 'ad', 'ads', 'adslot',
  'adunit', 'arcad', 'dfp', 'outbrain', 'taboola', 'caption', 'captions', 'figcaption', 'credit', 'credits', 'byline',
  'bylines', 'author', 'authors', 'bio', 'tags', 'taglist', 'tagcloud', 'keywords', 'meta', 'date', 'time', 'timestamp',
  'toolbar', 'tools', 'print', 'popup', 'modal', 'overlay', 'pagination', 'pager', 'login', 'signin',
  'player', 'feedback', 'survey', 'donate', 'kicker', 'eyebrow', 'ticker', 'skip', 'jump', 'banner', 'subheadline',
  'standfirst', 'dek', 'headline', 'more', 'readmore', 'also', 'signature', 'werbung', 'anzeige', 'pub', 'reklama',
  'kommentare', 'commentaires', 'partage', 'teilen',
]);

/**
 * Chrome words that no amount of text excuses. Layout words (header, sidebar,
 * rail…) are forgiven on an element that holds most of the page's prose: some
 * sites put "has-sidebar" on the wrapper of everything.
 */
const STRONG_WORDS = new Set([
  'comment', 'comments', 'commentlist', 'disqus', 'respond', 'replies', 'related', 'relatedposts', 'recommended',
  'recommendations', 'recirc', 'recirculation', 'newsletter', 'newsletters', 'signup', 'subscribe', 'cookie', 'cookies',
  'consent', 'gdpr', 'advert', 'adverts', 'advertisement', 'advertising', 'ad', 'ads', 'adslot', 'adunit', 'arcad',
  'sponsor', 'sponsored', 'outbrain', 'taboola', 'caption', 'captions', 'figcaption', 'credit', 'credits', 'share',
  'shares', 'sharing', 'sharebar', 'sharedaddy', 'social', 'socials', 'byline', 'bylines', 'bio',
]);

/** Words that mark the article body when no chrome word is in the same class name. */
const CONTENT_WORDS = new Set(['article', 'body', 'content', 'entry', 'post', 'story', 'text', 'main', 'blog', 'hentry', 'articlebody', 'prose', 'copy']);

/** Whole class names that hide an element from sighted readers. */
const HIDDEN_CLASSES = new Set([
  'hidden', 'hide', 'd-none', 'is-hidden', 'visually-hidden', 'visuallyhidden', 'sr-only', 'screen-reader-text',
  'screen-reader-only', 'screenreader-only', 'u-hidden', 'invisible', 'offscreen', 'element-invisible', 'a11y-hidden',
  'js-hidden', 'u-visually-hidden', 'accessibility-hidden',
]);

const CHROME_ROLES = new Set([
  'navigation', 'banner', 'contentinfo', 'complementary', 'search', 'dialog', 'alertdialog', 'menu', 'menubar',
  'toolbar', 'tooltip', 'tablist',
]);

/** Scores like Readability's class weight, on split words rather than raw substrings. */
const POSITIVE_WORDS = new Set(['article', 'body', 'content', 'entry', 'hentry', 'main', 'page', 'post', 'text', 'blog', 'story', 'articlebody', 'prose']);

export function splitWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9\u00c0-\uffff]+/)
    .filter(Boolean);
}

/** Class names, id and component names of an element (attribute values capped: some pages carry megabytes). */
function names(el: ElementNode): string[] {
  const out: string[] = [];
  const cls = el.attrs.class;
  if (cls) for (const c of cls.slice(0, 400).split(/\s+/)) if (c) out.push(c);
  const id = el.attrs.id;
  if (id) out.push(id.slice(0, 200));
  for (const key of ['data-component', 'data-module', 'data-testid']) {
    const v = el.attrs[key];
    if (v) out.push(v.slice(0, 200));
  }
  return out;
}

export interface Hints {
  /** Chrome by class/id/role: navigation, shares, comments, related lists, ads, captions, bylines… */
  boiler: boolean;
  /** Chrome by a word from STRONG_WORDS (comments, ads, related…), never forgiven. */
  strong: boolean;
  /** Marked as the article body by class/id/itemprop. */
  content: boolean;
  /** Readability-style class weight: +25 per positive signal, −25 per chrome signal. */
  weight: number;
}

const cache = new WeakMap<ElementNode, Hints>();

export function hints(el: ElementNode): Hints {
  const known = cache.get(el);
  if (known) return known;
  let boilerNames = 0;
  let contentNames = 0;
  let positive = false;
  let strong = false;
  for (const name of names(el)) {
    const words = splitWords(name).slice(0, 12);
    let chrome = false;
    let content = false;
    let strongName = false;
    // "tag-list", "most-read", "read-more": pairs joined count as one word
    const single = words.length;
    for (let i = 0; i + 1 < single; i++) words.push(words[i]! + words[i + 1]!);
    for (const w of words) {
      if (STRONG_WORDS.has(w)) strongName = true;
      if (BOILER_WORDS.has(w) || STRONG_WORDS.has(w)) chrome = true;
      else if (CONTENT_WORDS.has(w)) content = true;
      if (POSITIVE_WORDS.has(w)) positive = true;
    }
    if (chrome) boilerNames++;
    else if (content) contentNames++;
    if (strongName) strong = true;
  }
  const itemprop = el.attrs.itemprop;
  const articleBody = itemprop !== undefined && /\barticleBody\b/i.test(itemprop);
  const role = el.attrs.role?.toLowerCase();
  const boiler = (boilerNames > 0 && contentNames === 0 && !articleBody) || (role !== undefined && CHROME_ROLES.has(role));
  const result: Hints = {
    boiler,
    strong: boiler && strong,
    content: articleBody || contentNames > 0,
    weight: (positive || articleBody ? 25 : 0) - (boilerNames > 0 ? 25 : 0) + (articleBody ? 25 : 0),
  };
  cache.set(el, result);
  return result;
}

export function isHidden(el: ElementNode): boolean {
  const a = el.attrs;
  if (a.hidden !== undefined) return true;
  if (a['aria-hidden']?.trim().toLowerCase() === 'true') return true;
  const style = a.style;
  if (style && /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)/i.test(style.slice(0, 2000))) return true;
  const cls = a.class;
  if (cls) for (const c of cls.slice(0, 400).split(/\s+/)) if (HIDDEN_CLASSES.has(c.toLowerCase())) return true;
  return false;
}
