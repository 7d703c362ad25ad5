/**
 * Reads one document from a file, a URL or standard input, with a size cap,
 * and turns it into the exact text to analyse. HTML (by extension or content
 * type) goes through article extraction; everything else is text as is.
 */
import { open, stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import type { DocInput } from '../analyze/pipeline.ts';
import { InputError, decodeText } from './decode-text.ts';
import { extractArticle } from './extract-html.ts';

export const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;

export interface ReadOptions {
  maxBytes?: number;
  /** Milliseconds before a URL fetch gives up. */
  timeoutMs?: number;
  /** Standard input, replaceable in tests. */
  stdin?: AsyncIterable<Uint8Array>;
}

const HTML_EXTENSIONS = new Set(['.html', '.htm', '.xhtml']);
const MAX_REDIRECTS = 5;

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
  const max = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const timeoutMs = options.timeoutMs ?? 30_000;
  let current = url;
  let response: Response | undefined;
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    const parsed = new URL(current);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
      throw new InputError(`${url}: only http and https URLs can be fetched`);
    }
    try {
      response = await fetch(current, {
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
        headers: { 'user-agent': 'spinscope/0.1 (+https://github.com/spinscope/spinscope)', accept: 'text/html,text/plain;q=0.9,*/*;q=0.1' },
      });
    } catch (error) {
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      const reason = (error as Error).name === 'TimeoutError' ? `no answer within ${timeoutMs / 1000} s` : (cause?.code ?? cause?.message ?? (error as Error).message);
      throw new InputError(`${url}: cannot fetch (${reason})`);
    }
    if (response.status >= 300 && response.status < 400 && response.headers.get('location')) {
      current = new URL(response.headers.get('location')!, current).href;
      await response.body?.cancel();
      if (hop === MAX_REDIRECTS) throw new InputError(`${url}: more than ${MAX_REDIRECTS} redirects`);
      continue;
    }
    break;
  }
  if (!response) throw new InputError(`${url}: no response`);
  if (!response.ok) {
    await response.body?.cancel();
    throw new InputError(`${url}: server answered ${response.status} ${response.statusText}`.trim());
  }
  const declared = Number(response.headers.get('content-length') ?? 0);
  if (declared > max) {
    await response.body?.cancel();
    throw tooLarge(url, max);
  }
  const bytes = response.body ? await readCapped(response.body as unknown as AsyncIterable<Uint8Array>, url, max) : new Uint8Array();
  const contentType = response.headers.get('content-type') ?? '';
  const html = /html|xml/i.test(contentType) || (!contentType && /^\s*<(?:!doctype|html)/i.test(Buffer.from(bytes.subarray(0, 512)).toString('latin1')));
  const charset = /charset\s*=\s*"?([\w.:-]+)/i.exec(contentType)?.[1];
  return fromBytes(bytes, url, html, { source: { kind: 'url', url: current, ...(contentType && { contentType }) } }, charset);
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
