/**
 * Links that come from article data (an article's URL, a debunk's URL) are
 * untrusted: only absolute http(s) URLs become links, so a `javascript:` or
 * `data:` URL can never be clicked.
 */
export function safeHref(url: unknown): string | null {
  if (typeof url !== 'string' || url.length === 0 || url.length > 4096) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
}
