/**
 * The headline without the outlet's branding: "Headline | Outlet",
 * "Outlet - Headline" and "Headline — Section — Outlet" lose the parts that
 * name the site (by its name, its host name, or a short trailing "| Brand").
 */

const SEPARATOR = /\s+[|\-–—:·•»/]\s+|\s*[|·•»]\s*/u;

function key(s: string): string {
  return s.toLowerCase().replace(/^the\s+/, '').replace(/^www\./, '').replace(/[^\p{L}\p{N}]+/gu, '');
}

function namesSite(part: string, sites: string[]): boolean {
  const k = key(part);
  if (!k) return false;
  return sites.some((s) => s && (k === s || (k.length >= 4 && s.startsWith(k)) || (s.length >= 4 && k.startsWith(s))));
}

/**
 * `sites`: the site name and the page's host name ("valleyledger" from
 * valleyledger.example), either of which may be missing.
 */
export function cleanTitle(raw: string, sites: string[]): string {
  const title = raw.replace(/[\s\u00a0]+/g, ' ').trim();
  const siteKeys = sites.map(key).filter((s) => s.length >= 3);
  const separators = [...title.matchAll(new RegExp(SEPARATOR.source, 'gu'))];
  if (separators.length === 0) return title;
  const parts: string[] = [];
  let from = 0;
  for (const m of separators) {
    parts.push(title.slice(from, m.index));
    from = m.index! + m[0].length;
  }
  parts.push(title.slice(from));
  let start = 0;
  let end = parts.length;
  while (end - start > 1 && namesSite(parts[end - 1]!, siteKeys)) end--;
  while (end - start > 1 && namesSite(parts[start]!, siteKeys)) start++;
  if (start === 0 && end === parts.length) {
    // unnamed brand and section after pipes ("Headline | Markets | Brand"): short tails, longer headline
    while (end > 1) {
      const last = separators[end - 2]![0].trim();
      const tail = parts[end - 1]!.trim();
      const head = parts.slice(0, end - 1).join(' ');
      if ((last === '|' || last === '·' || last === '•') && tail.split(/\s+/).length <= 4 && head.split(/\s+/).length >= 3) end--;
      else break;
    }
  }
  if (start === 0 && end === parts.length) return title;
  // rebuild from the original text so that the headline keeps its own separators
  const first = start === 0 ? 0 : separators[start - 1]!.index! + separators[start - 1]![0].length;
  const lastSep = separators[end - 1];
  const stop = end === parts.length || !lastSep ? title.length : lastSep.index!;
  return title.slice(first, stop).trim() || title;
}
