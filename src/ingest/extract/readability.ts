/**
 * The previous extraction path, kept as the fallback for pages where the fast
 * extractor finds too little and as the benchmark's baseline: Mozilla
 * Readability on linkedom, its article HTML turned into paragraphs.
 */
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { BLOCK } from './tags.ts';

const SKIP = new Set(['script', 'style', 'noscript', 'template', 'svg', 'iframe', 'button', 'select', 'textarea']);

export interface NodeLike {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  childNodes: ArrayLike<NodeLike>;
}

/** Text of a DOM subtree with one paragraph per block element and collapsed inline whitespace. */
export function blocksToText(root: NodeLike): string {
  const paragraphs: string[] = [];
  let current = '';
  const flush = () => {
    const p = current.replace(/[ \t\r\n\f\u00a0]+/g, ' ').trim();
    if (p) paragraphs.push(p);
    current = '';
  };
  // explicit stack: linkedom trees can be as deep as the page's nesting
  const stack: (NodeLike | 'flush')[] = [root];
  while (stack.length) {
    const node = stack.pop()!;
    if (node === 'flush') {
      flush();
      continue;
    }
    if (node.nodeType === 3) {
      current += node.textContent ?? '';
      continue;
    }
    if (node.nodeType !== 1 && node.nodeType !== 9 && node.nodeType !== 11) continue;
    const tag = node.nodeName.toLowerCase();
    if (SKIP.has(tag)) continue;
    if (tag === 'br') {
      current += ' ';
      continue;
    }
    const block = BLOCK.has(tag);
    if (block) {
      flush();
      stack.push('flush');
    }
    for (let i = node.childNodes.length - 1; i >= 0; i--) stack.push(node.childNodes[i]!);
  }
  flush();
  return paragraphs.join('\n\n');
}

export interface ReadabilityResult {
  title?: string;
  /** Body paragraphs only, blank-line separated (no headline). */
  body: string;
}

export function readabilityExtract(html: string): ReadabilityResult {
  const { document } = parseHTML(html);
  const parsed = new Readability(document as unknown as ConstructorParameters<typeof Readability>[0], { keepClasses: false }).parse();
  let body = '';
  if (parsed?.content) {
    const { document: content } = parseHTML(`<!doctype html><html><body>${parsed.content}</body></html>`);
    body = blocksToText(content.body as unknown as NodeLike);
  }
  const title = (parsed?.title ?? '').replace(/\s+/g, ' ').trim();
  return title ? { title, body } : { body };
}
