/**
 * Publication dates as pages write them, normalised to ISO 8601 UTC. Offsets
 * are applied ("…T22:30-05:00" is 03:30Z the next day); a date without a
 * zone is read as UTC, never as the local time of the machine that happens to
 * run the extraction. Impossible dates (31 February, hour 25) are refused.
 */

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
};

/** Zone abbreviations that US and European outlets print; anything else must be numeric. */
const ZONES: Record<string, number> = {
  z: 0, utc: 0, gmt: 0, ut: 0, est: -300, edt: -240, cst: -360, cdt: -300, mst: -420, mdt: -360, pst: -480, pdt: -420,
  bst: 60, cet: 60, cest: 120, eet: 120, eest: 180, msk: 180,
};

const ISO =
  /^(\d{4})[-/.]?(\d{1,2})[-/.]?(\d{1,2})(?:[T\s]+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|[A-Za-z]{1,4}|[+\-−]\d{1,2}(?::?\d{2})?)?$/;
const RFC =
  /^(?:[A-Za-z]{3,9},?\s+)?(\d{1,2})\s+([A-Za-z]{3,9})\.?\s+(\d{4})(?:,?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?\s*([A-Za-z]{1,4}|[+-]\d{2}:?\d{2})?$/;
const ENGLISH =
  /^(?:[A-Za-z]{3,9},?\s+)?([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})(?:,?\s+(?:at\s+)?(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([ap]\.?m\.?)?)?\s*([A-Za-z]{1,4}|[+-]\d{2}:?\d{2})?$/i;

function zoneMinutes(zone: string | undefined): number | undefined {
  if (!zone) return 0;
  const z = zone.replace('−', '-');
  const named = ZONES[z.toLowerCase()];
  if (named !== undefined) return named;
  const m = /^([+-])(\d{1,2})(?::?(\d{2}))?$/.exec(z);
  if (!m) return undefined;
  const h = Number(m[2]);
  const min = Number(m[3] ?? 0);
  if (h > 14 || min > 59) return undefined;
  return (m[1] === '-' ? -1 : 1) * (h * 60 + min);
}

function build(y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number, zone: string | undefined): Date | undefined {
  if (y < 1970 || y > 2200 || mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 60) return undefined;
  const daysInMonth = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  if (d > daysInMonth) return undefined;
  const offset = zoneMinutes(zone);
  if (offset === undefined) return undefined;
  return new Date(Date.UTC(y, mo - 1, d, h, mi, Math.min(s, 59), ms) - offset * 60_000);
}

/** Parses one date string; undefined when it is not a date this module understands. */
export function parseDate(raw: string): Date | undefined {
  const text = raw.trim().replace(/\s+/g, ' ');
  if (!text || text.length > 64) return undefined;
  if (/^\d{10}(?:\d{3})?$/.test(text)) {
    const n = Number(text);
    const date = new Date(text.length === 10 ? n * 1000 : n);
    return date.getUTCFullYear() >= 1995 ? date : undefined;
  }
  let m = ISO.exec(text);
  if (m) {
    const ms = m[7] ? Math.round(Number(`0.${m[7]}`) * 1000) : 0;
    return build(Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0), Math.min(ms, 999), m[8]);
  }
  m = RFC.exec(text);
  if (m) {
    const mo = MONTHS[m[2]!.slice(0, 4).toLowerCase()] ?? MONTHS[m[2]!.slice(0, 3).toLowerCase()];
    if (!mo) return undefined;
    return build(Number(m[3]), mo, Number(m[1]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0), 0, m[7]);
  }
  m = ENGLISH.exec(text);
  if (m) {
    const mo = MONTHS[m[1]!.slice(0, 4).toLowerCase()] ?? MONTHS[m[1]!.slice(0, 3).toLowerCase()];
    if (!mo) return undefined;
    let h = Number(m[4] ?? 0);
    const meridiem = m[7]?.replace(/\./g, '').toLowerCase();
    if (meridiem) {
      if (h < 1 || h > 12) return undefined;
      h = (h % 12) + (meridiem === 'pm' ? 12 : 0);
    }
    return build(Number(m[3]), mo, Number(m[2]), h, Number(m[5] ?? 0), Number(m[6] ?? 0), 0, m[8]);
  }
  return undefined;
}

/** `/2026/03/01/` or `/2026-03-01/` in a URL path, as midnight UTC. */
export function dateFromUrl(url: string): Date | undefined {
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    path = url;
  }
  const m = /\/((?:19|20)\d{2})[/-](\d{1,2})[/-](\d{1,2})(?:\/|-|_|$)/.exec(path);
  return m ? build(Number(m[1]), Number(m[2]), Number(m[3]), 0, 0, 0, 0, undefined) : undefined;
}

/** The first candidate that parses and is not later than `now`, as ISO 8601 UTC. */
export function firstDate(candidates: (string | Date | undefined)[], now: Date): string | undefined {
  for (const c of candidates) {
    if (c === undefined) continue;
    const date = typeof c === 'string' ? parseDate(c) : c;
    if (date && !Number.isNaN(date.getTime()) && date.getTime() <= now.getTime()) return date.toISOString();
  }
  return undefined;
}
