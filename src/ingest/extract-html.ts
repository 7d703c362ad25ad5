/**
 * Article text from an HTML page: Mozilla Readability finds the article body
 * (on linkedom, which parses several times faster than jsdom), then block
 * elements become blank-line-separated paragraphs so that paragraph and
 * sentence offsets mean something. The headline leads the text, as it does in
 * the SemEval article files.
 */
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { InputError } from './decode-text.ts';

export interface ExtractedArticle {
  title?: string;
  byline?: string;
  siteName?: string;
  publishedTime?: string;
  lang?: string;
  /** Headline, blank line, then the body's paragraphs separated by blank lines. */
  text: string;
}

const BLOCK = new Set([
  'address', 'article', 'aside', 'blockquote', 'dd', 'details', 'div', 'dl', 'dt', 'figcaption', 'figure',
  'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'li', 'main', 'nav', 'ol', 'p', 'pre',
  'section', 'summary', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'ul',
]);
const SKIP = new Set(['script', 'style', 'noscript', 'template', 'svg', 'iframe', 'button', 'select', 'textarea']);

interface NodeLike {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  childNodes: ArrayLike<NodeLike>;
}

/** Text of `root` with one paragraph per block element and collapsed inline whitespace. */
export function blocksToText(root: NodeLike): string {
  const paragraphs: string[] = [];
  let current = '';
  const flush = () => {
    const p = current.replace(/[ \t\r\n\f\u00a0]+/g, ' ').trim();
    if (p) paragraphs.push(p);
    current = '';
  };
  const walk = (node: NodeLike) => {
    if (node.nodeType === 3) {
      current += node.textContent ?? '';
      return;
    }
    if (node.nodeType !== 1) return;
    const tag = node.nodeName.toLowerCase();
    if (SKIP.has(tag)) return;
    if (tag === 'br') {
      current += ' ';
      return;
    }
    const block = BLOCK.has(tag);
    if (block) flush();
    for (let i = 0; i < node.childNodes.length; i++) walk(node.childNodes[i]!);
    if (block) flush();
  };
  walk(root);
  flush();
  return paragraphs.join('\n\n');
}

export function extractArticle(html: string, url?: string): ExtractedArticle {
  const { document } = parseHTML(html);
  const lang = document.documentElement?.getAttribute('lang') ?? undefined;
  // Readability edits the tree it reads; the fallback below needs the untouched body
  const fallbackText = document.body ? blocksToText(document.body as unknown as NodeLike) : '';
  const parsed = new Readability(document as unknown as ConstructorParameters<typeof Readability>[0], { keepClasses: false }).parse();
  let body = '';
  if (parsed?.content) {
    const { document: content } = parseHTML(`<!doctype html><html><body>${parsed.content}</body></html>`);
    body = blocksToText(content.body as unknown as NodeLike);
  }
  if (!body) body = fallbackText;
  const title = (parsed?.title ?? document.title ?? '').replace(/\s+/g, ' ').trim() || undefined;
  if (!body.trim()) throw new InputError(`${url ?? 'HTML input'}: no article text found in the page`);
  const text = title && !body.startsWith(title) ? `${title}\n\n${body}` : body;
  const out: ExtractedArticle = { text };
  if (title) out.title = title;
  if (parsed?.byline) out.byline = parsed.byline;
  if (parsed?.siteName) out.siteName = parsed.siteName;
  if (parsed?.publishedTime) out.publishedTime = parsed.publishedTime;
  const language = parsed?.lang || lang;
  if (language) out.lang = language;
  return out;
}
