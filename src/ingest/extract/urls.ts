/** Absolute http(s) URL of `href` against `base`, without its #fragment; undefined when it cannot be made absolute. */
export function absoluteUrl(href: string | undefined, base: string | undefined): string | undefined {
  const value = href?.trim();
  if (!value || value.length > 4096) return undefined;
  let url: URL;
  try {
    url = base ? new URL(value, base) : new URL(value);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  url.hash = '';
  return url.href;
}

const SECOND_LEVEL = new Set(['co', 'com', 'org', 'net', 'gov', 'ac', 'edu', 'ne', 'or', 'go', 'gv']);

/** "valleyledger" for https://www.valleyledger.example/… (and "outlet" for outlet.co.uk): the name a host gives a site. */
export function hostLabel(url: string | undefined): string | undefined {
  if (!url) return undefined;
  let host: string;
  try {
    host = new URL(url).hostname;
  } catch {
    return undefined;
  }
  const labels = host.replace(/^www\d*\./, '').split('.');
  if (labels.length > 1) labels.pop();
  while (labels.length > 1 && SECOND_LEVEL.has(labels[labels.length - 1]!)) labels.pop();
  return labels[labels.length - 1] || undefined;
}
