/** One saved page (`.html`, `.htm` or gzip'd) → its extraction, named by the file. */
import { readFile, stat } from 'node:fs/promises';
import { InputError } from './decode-text.ts';
import { extractArticle } from './extract/index.ts';
import { chooseCharset, decodeBody } from './fetch/charset.ts';
import { maybeGunzip } from './feeds/index.ts';
import { docIdOf } from './doc-id.ts';
import { toExtractJson, type ExtractJson } from './extract-json.ts';

export async function extractFile(path: string, maxBytes: number, url?: string): Promise<ExtractJson> {
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch {
    throw new InputError(`${path}: no such file`);
  }
  if (size > maxBytes) throw new InputError(`${path}: larger than the ${(maxBytes / 1024 / 1024).toFixed(1)} MB limit`);
  let bytes: Uint8Array = await readFile(path);
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = maybeGunzip(bytes, Math.max(maxBytes * 5, 50 * 1024 * 1024), path);
  const html = decodeBody(bytes, chooseCharset(bytes, undefined).charset);
  const article = extractArticle(html, url !== undefined ? { url } : {});
  return toExtractJson(article, docIdOf(path));
}
