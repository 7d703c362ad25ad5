/**
 * Which character set a fetched body is in, and the body as a string. The
 * order is the browsers': a byte order mark beats everything (it cannot be
 * there by accident), then the Content-Type header, then what the document
 * says about itself in its first bytes, then UTF-8.
 */

export type CharsetSource = 'bom' | 'header' | 'meta' | 'xml' | 'default';

export interface CharsetChoice {
  /** WHATWG encoding name, e.g. "utf-8", "windows-1251", "shift_jis". */
  charset: string;
  source: CharsetSource;
}

/** The WHATWG name for a label (`latin1` → windows-1252, `cp1251` → windows-1251), or undefined if unknown. */
export function canonicalCharset(label: string | undefined): string | undefined {
  if (!label) return undefined;
  try {
    return new TextDecoder(label.trim().replace(/^["']|["']$/g, '')).encoding;
  } catch {
    return undefined;
  }
}

/** `text/html; charset=utf-8` → `text/html`. */
export function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase();
}

export function charsetParameter(contentType: string | undefined): string | undefined {
  return /;\s*charset\s*=\s*("?)([^";\s]+)\1/i.exec(contentType ?? '')?.[2];
}

function bomCharset(bytes: Uint8Array): string | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return undefined;
}

function head(bytes: Uint8Array, length: number): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, length)).toString('latin1');
}

function attribute(tag: string, name: string): string | undefined {
  const m = new RegExp(`[\\s/]${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s"'>/]+))`, 'i').exec(tag);
  return m ? (m[1] ?? m[2] ?? m[3]) : undefined;
}

/** `<meta charset>` or `<meta http-equiv=content-type content="…; charset=…">` in the first 1024 bytes. */
export function sniffMetaCharset(bytes: Uint8Array): string | undefined {
  const text = head(bytes, 1024).replace(/<!--[\s\S]*?-->/g, '');
  for (const [tag] of text.matchAll(/<meta[\s/][^>]*>/gi)) {
    const direct = attribute(tag, 'charset');
    const equiv = attribute(tag, 'http-equiv')?.toLowerCase() === 'content-type' ? charsetParameter(`;${attribute(tag, 'content') ?? ''}`) : undefined;
    const charset = canonicalCharset(direct ?? equiv);
    if (!charset) continue;
    // a document that is really UTF-16 has a BOM; one that claims it without one is ASCII-compatible (HTML spec)
    if (charset.startsWith('utf-16')) return 'utf-8';
    return charset === 'x-user-defined' ? 'windows-1252' : charset;
  }
  return undefined;
}

export function sniffXmlCharset(bytes: Uint8Array): string | undefined {
  const m = /^\s*<\?xml[^>]*?\sencoding\s*=\s*["']([^"']+)["']/.exec(head(bytes, 1024));
  return canonicalCharset(m?.[1]);
}

export function isHtml(type: string, bytes: Uint8Array): boolean {
  if (type) return type === 'text/html' || type === 'application/xhtml+xml';
  return /^\s*<(?:!doctype\s+html|html[\s>]|head[\s>])/i.test(head(bytes, 512));
}

export function isXml(type: string, bytes: Uint8Array): boolean {
  if (type) return type.endsWith('/xml') || type.endsWith('+xml');
  return /^\s*<\?xml\s/.test(head(bytes, 512));
}

export function chooseCharset(bytes: Uint8Array, contentType: string | undefined): CharsetChoice {
  const bom = bomCharset(bytes);
  if (bom) return { charset: bom, source: 'bom' };
  const header = canonicalCharset(charsetParameter(contentType));
  if (header) return { charset: header, source: 'header' };
  const type = mediaType(contentType);
  if (isHtml(type, bytes)) {
    const meta = sniffMetaCharset(bytes);
    if (meta) return { charset: meta, source: 'meta' };
  }
  if (isXml(type, bytes)) {
    const xml = sniffXmlCharset(bytes);
    if (xml) return { charset: xml, source: 'xml' };
  }
  return { charset: 'utf-8', source: 'default' };
}

/**
 * Web pages with a stray invalid byte are common; a page decodes with U+FFFD
 * for those rather than failing (the raw bytes stay on the result for
 * callers who must be exact). A leading BOM is dropped, as browsers do.
 */
export function decodeBody(bytes: Uint8Array, charset: string): string {
  return new TextDecoder(charset, { fatal: false, ignoreBOM: false }).decode(bytes);
}
