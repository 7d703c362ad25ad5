/**
 * Feed dates to ISO 8601 UTC. RFC 822 (RSS, with the named US zones and the
 * odd European one), W3C/ISO 8601 (Atom, dc:date, sitemaps) and the
 * "2026-03-01 09:30:00" that CMSs emit. Parsed by hand rather than with
 * Date.parse, whose non-ISO behaviour is implementation-defined and accepts
 * nonsense. Unparseable, future and placeholder (pre-1990) dates give
 * undefined: a wrong date is worse than none.
 */

const MONTH_NAMES = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/** 1-12 for a month name or an abbreviation of at least three letters ("Sept", "Mar."), else undefined. */
function monthNumber(name: string): number | undefined {
  const lower = name.toLowerCase();
  if (lower.length < 3) return undefined;
  const index = MONTH_NAMES.findIndex((full) => full.startsWith(lower));
  return index >= 0 ? index + 1 : undefined;
}

/** Offsets in minutes east of UTC. Ambiguous abbreviations (IST, BST-as-Bangladesh) are deliberately absent or pinned to the common newsroom use. */
const ZONES: Record<string, number> = {
  UT: 0, UTC: 0, GMT: 0, Z: 0, WET: 0,
  EST: -300, EDT: -240, CST: -360, CDT: -300, MST: -420, MDT: -360, PST: -480, PDT: -420,
  AKST: -540, AKDT: -480, HST: -600,
  BST: 60, CET: 60, CEST: 120, MET: 60, MEST: 120, WEST: 60, EET: 120, EEST: 180, MSK: 180,
  JST: 540, KST: 540, AEST: 600, AEDT: 660, ACST: 570, AWST: 480, NZST: 720, NZDT: 780,
};

// Dates before the web had feeds are CMS placeholders (often the Unix epoch)
const EARLIEST = Date.UTC(1990, 0, 1);

function build(y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number, offsetMin: number): number | undefined {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 24 || mi > 59 || s > 60) return undefined;
  if (h === 24 && (mi > 0 || s > 0)) return undefined;
  const probe = new Date(Date.UTC(y, mo - 1, d));
  if (probe.getUTCDate() !== d) return undefined; // 31 April and friends
  return Date.UTC(y, mo - 1, d, h, mi, Math.min(s, 59), ms) - offsetMin * 60_000;
}

function numericOffset(sign: string, hh: string, mm: string): number {
  const minutes = Number(hh) * 60 + Number(mm);
  return sign === '-' ? -minutes : minutes;
}

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T\s](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?|UTC|GMT)?)?$/i;

function parseIso(value: string): number | undefined {
  const m = ISO.exec(value);
  if (!m) {
    const compact = /^(\d{4})(\d{2})(\d{2})$/.exec(value);
    return compact ? build(+compact[1]!, +compact[2]!, +compact[3]!, 0, 0, 0, 0, 0) : undefined;
  }
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '', zone = 'Z'] = m;
  let offset = 0;
  const z = zone.toUpperCase();
  if (z !== 'Z' && z !== 'UTC' && z !== 'GMT') {
    const parts = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone)!;
    offset = numericOffset(parts[1]!, parts[2]!, parts[3] ?? '0');
  }
  const ms = frac ? Math.round(Number(`0.${frac}`) * 1000) : 0;
  return build(+y!, +mo!, +d!, +h, +mi, +s, Math.min(ms, 999), offset);
}

const RFC822 =
  /^(?:[A-Za-z]{2,9}\.?,?\s+)?(\d{1,2})(?:st|nd|rd|th)?[\s-]+([A-Za-z]{3,9})\.?[\s-]+(\d{2,4})(?:,?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*([AaPp][Mm]))?)?(?:\s*([+-]\d{2}:?\d{2}|[A-Za-z]{1,5}(?:[+-]\d{1,2}(?::?\d{2})?)?))?(?:\s*\([^)]*\))?$/;

function parseRfc822(value: string): number | undefined {
  const m = RFC822.exec(value);
  if (!m) return undefined;
  const [, d, monthName, yearText, h = '0', mi = '0', s = '0', ampm, zone] = m;
  const month = monthNumber(monthName!);
  if (!month) return undefined;
  // RFC 822 allowed two-digit years; RFC 2822 reads 00-49 as 20xx
  let year = Number(yearText);
  if (yearText!.length === 2) year += year < 50 ? 2000 : 1900;
  else if (yearText!.length === 3) year += 1900;
  let hour = Number(h);
  if (ampm) {
    if (hour < 1 || hour > 12) return undefined;
    hour = (hour % 12) + (ampm.toLowerCase() === 'pm' ? 12 : 0);
  }
  let offset = 0;
  if (zone) {
    const numeric = /^([+-])(\d{2}):?(\d{2})$/.exec(zone);
    if (numeric) {
      offset = numericOffset(numeric[1]!, numeric[2]!, numeric[3]!);
    } else {
      const named = /^([A-Za-z]+)(?:([+-])(\d{1,2})(?::?(\d{2}))?)?$/.exec(zone)!;
      const base = ZONES[named[1]!.toUpperCase()];
      if (base === undefined) return undefined;
      offset = base + (named[2] ? numericOffset(named[2], named[3]!, named[4] ?? '0') : 0);
    }
  }
  return build(year, month, Number(d), hour, Number(mi), Number(s), 0, offset);
}

/** Alternative order some feeds use: "Sun Mar 01 2026 09:30:00 GMT+0000" (JavaScript's Date#toString) and "Mar 1, 2026". */
const MONTH_FIRST =
  /^(?:[A-Za-z]{2,9},?\s+)?([A-Za-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})(?:,?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?(?:\s*(?:GMT|UTC)?([+-]\d{2}:?\d{2}))?(?:\s*\([^)]*\))?$/;

function parseMonthFirst(value: string): number | undefined {
  const m = MONTH_FIRST.exec(value);
  if (!m) return undefined;
  const [, monthName, d, y, h = '0', mi = '0', s = '0', zone] = m;
  const month = monthNumber(monthName!);
  if (!month) return undefined;
  const offset = zone ? numericOffset(zone[0]!, zone.slice(1, 3), zone.slice(-2)) : 0;
  return build(Number(y), month, Number(d), Number(h), Number(mi), Number(s), 0, offset);
}

/**
 * ISO 8601 UTC for a feed date, or undefined when it is unparseable, before
 * 1990 or later than `now`.
 */
export function parseFeedDate(value: string | undefined, now: Date = new Date()): string | undefined {
  if (value === undefined) return undefined;
  const text = value.replace(/\s+/g, ' ').trim();
  if (text === '' || text.length > 80) return undefined;
  const ms = parseIso(text) ?? parseRfc822(text) ?? parseMonthFirst(text);
  if (ms === undefined || !Number.isFinite(ms) || ms < EARLIEST || ms > now.getTime()) return undefined;
  return new Date(ms).toISOString();
}
