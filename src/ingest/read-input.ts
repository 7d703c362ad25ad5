/**
 * Reads one document from a file, a URL (through the safe fetcher: address
 * policy, robots.txt, limits) or standard input, with a size cap, and turns it
 * into the exact text to analyse. HTML (by extension or content
 * type) goes through article extraction; everything else is text as is.
 */
import { open, stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import type { DocInput } from '../analyze/pipeline.ts';
import { InputError, decodeText } from './decode-text.ts';
import { extractArticle } from './extract-html.ts';
import { isHtml } from './fetch/charset.ts';
import { Fetcher } from './fetch/fetcher.ts';

export const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;

export interface ReadOptions {
  maxBytes?: number;
  /** Milliseconds before a URL fetch gives up. */
  timeoutMs?: number;
  /** Standard input, replaceable in tests. */
  stdin?: AsyncIterable<Uint8Array>;
  /** Non-public hosts, host:port pairs or CIDR ranges a URL may reach (`--allow-host`). */
  allowHosts?: readonly string[];
  /** Fetch even where robots.txt says no; off by default. */
  ignoreRobots?: boolean;
  /** A shared fetcher (robots cache, per-host politeness) for many URLs; the options above are then its own. */
  fetcher?: Fetcher;
}

const HTML_EXTENSIONS = new Set(['.html', '.htm', '.xhtml']);

function describe(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${bytes} bytes`;
}

function tooLarge(origin: string, max: number): InputError {
  return new InputError(`${origin}: larger than the ${describe(max)} limit (raise it with --max-bytes)`);
}

async function readCapped(chunks: AsyncIterable<Uint8Array>, origin: string, max: number): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of chunks) {
    size += chunk.length;
    if (size > max) throw tooLarge(origin, max);
    parts.push(chunk);
  }
  return Buffer.concat(parts, size);
}

function fromBytes(bytes: Uint8Array, origin: string, html: boolean, base: Omit<DocInput, 'text'>, charset?: string): DocInput {
  const decoded = decodeText(bytes, origin, charset);
  if (!html) return { ...base, text: decoded };
  const article = extractArticle(decoded, base.source?.url);
  return { ...base, text: article.text, ...(article.title !== undefined && { title: article.title }) };
}

export async function readFileInput(path: string, options: ReadOptions = {}): Promise<DocInput> {
  const max = options.maxBytes ?? DEFAULT_MAX_BYTES;
  let size: number;
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw new InputError(`${path}: is a directory, not a file`);
    size = info.size;
  } catch (error) {
    if (error instanceof InputError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new InputError(`${path}: no such file`);
    if (code === 'EACCES') throw new InputError(`${path}: permission denied`);
    throw new InputError(`${path}: cannot read (${code ?? (error as Error).message})`);
  }
  if (size > max) throw tooLarge(path, max);
  const handle = await open(path, 'r');
  let bytes: Uint8Array;
  try {
    // a file may grow between stat and read; read through the same cap
    bytes = await readCapped(handle.createReadStream({ autoClose: false }), path, max);
  } finally {
    await handle.close();
  }
  const ext = extname(path).toLowerCase();
  return fromBytes(bytes, path, HTML_EXTENSIONS.has(ext), {
    id: basename(path, extname(path)),
    source: { kind: 'file', path },
  });
}

export async function readUrlInput(url: string, options: ReadOptions = {}): Promise<DocInput> {
  const fetcher =
    options.fetcher ??
    new Fetcher({
      maxBytes: options.maxBytes ?? DEFAULT_MAX_BYTES,
      ...(options.timeoutMs !== undefined && { timeoutMs: options.timeoutMs }),
      ...(options.allowHosts && { allow: options.allowHosts }),
      ...(options.ignoreRobots !== undefined && { ignoreRobots: options.ignoreRobots }),
    });
  const page = await fetcher.fetch(url);
  const contentType = page.headers['content-type'] ?? '';
  const origin = page.url;
  const base = { source: { kind: 'url' as const, url: page.finalUrl, ...(contentType && { contentType }) } };
  const html = /html|xml/i.test(contentType) || (!contentType && isHtml('', page.bytes));
  if (!html) return { ...base, text: decodeText(page.bytes, origin, page.charset) };
  // a web page with a stray bad byte is still worth reading: the fetcher decoded it leniently
  if (page.bytes.length === 0) throw new InputError(`${origin}: input is empty`);
  const article = extractArticle(page.text, page.finalUrl);
  return { ...base, text: article.text, ...(article.title !== undefined && { title: article.title }) };
}

/** `-` reads standard input; `http(s)://…` fetches; anything else is a file path. */
export async function readInput(spec: string, options: ReadOptions = {}): Promise<DocInput> {
  if (spec === '-') {
    const bytes = await readCapped(options.stdin ?? process.stdin, 'standard input', options.maxBytes ?? DEFAULT_MAX_BYTES);
    return fromBytes(bytes, 'standard input', false, { source: { kind: 'stdin' } });
  }
  if (/^https?:\/\//i.test(spec)) return readUrlInput(spec, options);
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(spec)) throw new InputError(`${spec}: only http and https URLs can be fetched`);
  return readFileInput(spec, options);
}
