/**
 * Absolute web URLs from feed references. Only http(s) survives: a feed that
 * links to javascript: or data: has nothing an analyst can fetch.
 */

function tryUrl(ref: string, base?: string): URL | undefined {
  try {
    return new URL(ref, base);
  } catch {
    return undefined;
  }
}

/**
 * Resolves `ref` against each base in turn, innermost last (xml:base chain
 * after the document URL). Returns an absolute http(s) URL or undefined.
 */
export function resolveUrl(ref: string | undefined, ...bases: (string | undefined)[]): string | undefined {
  if (ref === undefined) return undefined;
  const cleaned = ref.replace(/[\t\n\r]/g, '').trim();
  if (cleaned === '' || cleaned.length > 4096) return undefined;
  let base: string | undefined;
  for (const candidate of bases) {
    if (candidate === undefined || candidate.trim() === '') continue;
    const next = tryUrl(candidate.trim(), base);
    if (next) base = next.href;
  }
  const url = tryUrl(cleaned, base);
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) return undefined;
  return url.href;
}
