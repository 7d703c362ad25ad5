/**
 * Small HTML helpers for feed fields: entity decoding, undoing the double
 * escaping some publishers apply to descriptions, and HTML to paragraphs.
 * All streaming (htmlparser2), so deeply nested or broken markup from a feed
 * can neither throw nor overflow the stack.
 */
import { Parser } from 'htmlparser2';

// Only entities closed by ';' are decoded: HTML's legacy rules would turn "&copy2026" into "©2026"
const LOOSE_AMPERSAND = /&(?!#[0-9]{1,7};|#[xX][0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]{1,31};)/g;

/** Decodes HTML character references (named and numeric) in plain text. */
export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  let out = '';
  const parser = new Parser({ ontext: (chunk) => (out += chunk) }, { decodeEntities: true });
  parser.end(text.replace(LOOSE_AMPERSAND, '&amp;').replace(/</g, '&lt;'));
  return out;
}

const REAL_TAG = /<\/?[A-Za-z][A-Za-z0-9]*[\s/>]/;
const ESCAPED_TAG = /&lt;\/?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]{0,500}?)?\/?&gt;/;

/**
 * HTML that was escaped once too often (`&amp;lt;p&amp;gt;` in the XML) reaches
 * us as `&lt;p&gt;`: with no real tag but escaped ones, it gets one more decode.
 */
export function unescapeDoubleEscaped(html: string): string {
  return !REAL_TAG.test(html) && ESCAPED_TAG.test(html) ? decodeEntities(html) : html;
}

const BLOCK = new Set([
  'address', 'article', 'aside', 'blockquote', 'dd', 'details', 'div', 'dl', 'dt', 'figcaption', 'figure',
  'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'li', 'main', 'nav', 'ol', 'p', 'pre',
  'section', 'summary', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'ul', 'body', 'html',
]);
const SKIP = new Set(['script', 'style', 'noscript', 'template', 'svg', 'iframe', 'button', 'select', 'textarea', 'head', 'object']);

export function collapseSpace(text: string): string {
  return text.replace(/[\s\u00a0\u200b\ufeff]+/g, ' ').trim();
}

/** Paragraphs of an HTML fragment: one per block element, inline whitespace collapsed. */
export function htmlToParagraphs(html: string): string[] {
  const paragraphs: string[] = [];
  let current = '';
  let skipDepth = 0;
  const flush = () => {
    const p = collapseSpace(current);
    if (p) paragraphs.push(p);
    current = '';
  };
  const parser = new Parser(
    {
      onopentag(name) {
        if (SKIP.has(name)) skipDepth++;
        else if (skipDepth === 0 && BLOCK.has(name)) flush();
        else if (skipDepth === 0 && (name === 'br' || name === 'img')) current += ' ';
      },
      onclosetag(name) {
        if (SKIP.has(name)) skipDepth = Math.max(0, skipDepth - 1);
        else if (skipDepth === 0 && BLOCK.has(name)) flush();
      },
      ontext(text) {
        if (skipDepth === 0) current += text;
      },
    },
    { decodeEntities: true },
  );
  parser.end(html);
  flush();
  return paragraphs;
}

/** Plain text of an HTML fragment, paragraphs separated by blank lines. */
export function htmlToText(html: string): string {
  return htmlToParagraphs(html).join('\n\n');
}
