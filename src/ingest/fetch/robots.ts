/**
 * robots.txt as RFC 9309 reads it: user-agent groups (all groups naming our
 * product token are merged, else the `*` groups), Allow/Disallow patterns
 * with `*` and a closing `$`, the longest matching pattern wins and Allow
 * wins a tie. Crawl-delay is not in the RFC but is widely used; it is kept.
 */

export interface RobotsRules {
  /** `pathAndQuery` as in a URL: `/a/b?c=d`. */
  allows(pathAndQuery: string): boolean;
  /** Crawl-delay of the chosen group, in milliseconds. */
  crawlDelayMs?: number;
}

interface Rule {
  allow: boolean;
  pattern: string;
}

interface Group {
  agents: string[];
  rules: Rule[];
  crawlDelayMs?: number;
}

export const ALLOW_ALL: RobotsRules = { allows: () => true };
export const DISALLOW_ALL: RobotsRules = { allows: (path) => path === '/robots.txt' };

/** Percent-escapes the same way on both sides, so `/caf%C3%A9` and `/café` match each other. */
function normalize(path: string): string {
  let out = '';
  for (const ch of path) {
    const code = ch.codePointAt(0)!;
    out += code > 0x7e || code < 0x21 ? encodeURIComponent(ch) : ch;
  }
  return out.replace(/%[0-9a-f]{2}/gi, (m) => m.toUpperCase());
}

/**
 * Wildcard match anchored at the start; `$` at the end anchors the end too.
 * Backtracks only to the last `*`, so patterns full of stars stay linear-ish
 * (a regex would be exponential on `/*a*a*a*a*b`).
 */
export function patternMatches(patternText: string, path: string): boolean {
  const anchored = patternText.endsWith('$');
  const pattern = anchored ? patternText.slice(0, -1) : `${patternText}*`;
  let p = 0;
  let s = 0;
  let star = -1;
  let mark = 0;
  while (s < path.length) {
    if (p < pattern.length && pattern[p] === '*') {
      star = p++;
      mark = s;
    } else if (p < pattern.length && pattern[p] === path[s]) {
      p++;
      s++;
    } else if (star >= 0) {
      p = star + 1;
      s = ++mark;
    } else {
      return false;
    }
  }
  while (p < pattern.length && pattern[p] === '*') p++;
  return p === pattern.length;
}

function agentToken(value: string): string {
  if (value.trim() === '*') return '*';
  return (/^[A-Za-z_-]+/.exec(value.trim())?.[0] ?? '').toLowerCase();
}

function parseGroups(text: string): Group[] {
  const groups: Group[] = [];
  let current: Group | undefined;
  let collectingAgents = false;
  for (const rawLine of text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/)) {
    const line = rawLine.replace(/#.*/, '').trim();
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const key = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (key === 'user-agent') {
      if (!current || !collectingAgents) {
        current = { agents: [], rules: [] };
        groups.push(current);
      }
      current.agents.push(agentToken(value));
      collectingAgents = true;
      continue;
    }
    if (key === 'sitemap') continue; // not part of any group
    collectingAgents = false;
    if (!current) continue; // rules before any user-agent line belong to nobody
    if (key === 'allow' || key === 'disallow') {
      if (value) current.rules.push({ allow: key === 'allow', pattern: normalize(value) });
    } else if (key === 'crawl-delay') {
      const seconds = Number(value);
      if (value && Number.isFinite(seconds) && seconds >= 0) current.crawlDelayMs = seconds * 1000;
    }
  }
  return groups;
}

/** The rules `text` sets for the crawler whose product token is `token` (e.g. "spinscope"). */
export function parseRobots(text: string, token: string): RobotsRules {
  const groups = parseGroups(text);
  const own = token.toLowerCase();
  let chosen = groups.filter((g) => g.agents.includes(own));
  if (chosen.length === 0) chosen = groups.filter((g) => g.agents.includes('*'));
  if (chosen.length === 0) return ALLOW_ALL;
  const rules = chosen.flatMap((g) => g.rules);
  const delays = chosen.map((g) => g.crawlDelayMs).filter((d): d is number => d !== undefined);
  return {
    allows(pathAndQuery: string): boolean {
      const path = normalize(pathAndQuery || '/');
      if (path === '/robots.txt') return true;
      let best: Rule | undefined;
      for (const rule of rules) {
        if (!patternMatches(rule.pattern, path)) continue;
        const longer = !best || rule.pattern.length > best.pattern.length;
        const tieGoesToAllow = best !== undefined && rule.pattern.length === best.pattern.length && rule.allow;
        if (longer || tieGoesToAllow) best = rule;
      }
      return best?.allow ?? true;
    },
    ...(delays.length > 0 && { crawlDelayMs: Math.max(...delays) }),
  };
}
