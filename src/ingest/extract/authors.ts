/**
 * Author names from bylines and metadata: "By A and B" becomes [A, B]; the
 * "By", roles ("Senior correspondent"), dates, URLs, handles and the outlet's
 * own name are dropped.
 */

const LEAD = /^(?:(?:written|reported|text|words|story|posted|published)\s+)?(?:by|from|von|par|por|di|door|av|autor(?:in)?|auteur|author|authors|автор(?:ы)?|автори?|від|текст)\s*[:\-–—]?\s+/iu;
const SEPARATORS = /\s*(?:[,;/&]|\s(?:and|und|et|и|та|і)\s)\s*/iu;
const TAIL = /\s*(?:[|•·]|\s[-–—]\s|(?<=^|\s)(?:updated|published|posted|aktualisiert|mis à jour|publié|обновлено|оновлено)(?=[\s:]|$)).*$/iu;
const ROLES = new Set([
  'staff', 'editor', 'editors', 'editorial', 'board', 'correspondent', 'reporter', 'reporters', 'writer', 'columnist',
  'contributor', 'contributors', 'journalist', 'redaktion', 'redakteur', 'redakteurin', 'rédaction', 'rédacteur',
  'journaliste', 'редакция', 'редакція', 'корреспондент', 'кореспондент', 'журналист', 'журналіст', 'newsroom', 'desk',
  'team', 'admin', 'administrator', 'guest', 'anonymous', 'photographer', 'agency', 'agencies', 'wire', 'wires',
]);

/** Lower-case words that belong inside names. */
const PARTICLES = new Set(['von', 'van', 'de', 'der', 'den', 'da', 'di', 'du', 'la', 'le', 'del', 'della', 'dos', 'das', 'bin', 'al', 'ibn', 'zu', 'ter', 'ten', 'y', 'e']);

function comparable(s: string): string {
  return s.toLowerCase().replace(/^the\s+/, '').replace(/[^\p{L}\p{N}]+/gu, '');
}

function isRole(part: string): boolean {
  const words = part.toLowerCase().split(/\s+/).map((w) => w.replace(/[^\p{L}]/gu, '')).filter(Boolean);
  return words.length > 0 && words.length <= 4 && words.some((w) => ROLES.has(w)) && words.every((w) => ROLES.has(w) || /^(?:senior|chief|deputy|political|health|business|sports?|staff|special|foreign|local|news|science|the|of|and|for|our)$/.test(w));
}

function plausible(name: string, outlets: string[]): boolean {
  if (name.length < 2 || name.length > 80) return false;
  if (/https?:|www\.|@|\.(?:com|org|net|example)\b|\d/i.test(name)) return false;
  if (!/\p{L}/u.test(name)) return false;
  const words = name.split(/\s+/);
  if (words.length > 6) return false;
  if (words.some((w) => ROLES.has(w.toLowerCase().replace(/[^\p{L}]/gu, '')))) return false;
  // names are capitalised in scripts that have case; "covers the environment" is a bio, not a name
  if (words.some((w) => /^\p{Ll}/u.test(w) && !PARTICLES.has(w))) return false;
  const key = comparable(name);
  return !outlets.some((o) => o && (key === o || (key.length >= 4 && (o.includes(key) || key.includes(o)))));
}

/** Splits and cleans raw author strings; `outlets` are names to drop (site name, publisher). */
export function cleanAuthors(raws: string[], outlets: string[]): string[] {
  const outletKeys = outlets.map(comparable).filter(Boolean);
  const out: string[] = [];
  const seen = new Set<string>();
  for (const raw of raws) {
    const line = raw.replace(/[\s\u00a0]+/g, ' ').trim().replace(LEAD, '').replace(TAIL, '');
    for (let part of line.split(SEPARATORS)) {
      part = part.replace(LEAD, '').replace(/^[\s"'“”«»(]+|[\s"'“”«»).:]+$/g, '').trim();
      if (!plausible(part, outletKeys)) continue;
      const key = part.toLowerCase();
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(part);
    }
  }
  return out;
}

/**
 * Names in `text` when the whole of it is a byline ("By A, Staff Writer"),
 * undefined when any part is something else: "By March, the council had
 * agreed" opens with "By" but is a sentence of the story.
 */
export function bylineNames(text: string, outlets: string[]): string[] | undefined {
  const outletKeys = outlets.map(comparable).filter(Boolean);
  const line = text.replace(/[\s\u00a0]+/g, ' ').trim().replace(LEAD, '').replace(TAIL, '');
  const names: string[] = [];
  for (let part of line.split(SEPARATORS)) {
    part = part.replace(/^[\s"'“”«»(]+|[\s"'“”«»).:]+$/g, '').trim();
    if (!part || isRole(part) || outletKeys.includes(comparable(part))) continue;
    if (!plausible(part, outletKeys)) return undefined;
    names.push(part);
  }
  return names.length ? names : undefined;
}
