/**
 * Publication dates from export files, in whatever form the exporter chose,
 * normalised to ISO 8601 UTC. A date without a zone is taken as UTC (Media
 * Cloud and news-please write UTC without saying so). A value that cannot be
 * read for sure (unknown format, 03/04/2025 with day and month ambiguous, a
 * date in the future) gives undefined: a missing date is better than a wrong one.
 */

/** Zone offsets reach +14:00, so a local time written as UTC can be up to this far ahead. */
const FUTURE_SLACK_MS = 14 * 3600 * 1000;
const EARLIEST = Date.UTC(1900, 0, 1);

const ISO_LIKE =
  /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?$/i;
const SLASHED = /^(\d{1,2})[/.](\d{1,2})[/.](\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const HAS_ZONE = /(?:\b(?:UTC|GMT|Z)\b|[+-]\d{2}:?\d{2}\b|\b[ECMP][SD]T\b)/i;

function valid(ms: number, now: number): string | undefined {
  if (!Number.isFinite(ms) || ms < EARLIEST || ms > now + FUTURE_SLACK_MS) return undefined;
  return new Date(ms).toISOString();
}

function fromParts(y: number, mo: number, d: number, h = 0, mi = 0, s = 0, fraction = '', zone = ''): number {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return NaN;
  const ms = Number(`0.${fraction || '0'}`) * 1000;
  let t = Date.UTC(y, mo - 1, d, h, mi, Math.min(s, 59), Math.round(ms));
  // Date.UTC rolls 31 February into March; refuse it instead
  if (new Date(t).getUTCDate() !== d) return NaN;
  const z = zone.toUpperCase();
  if (z && z !== 'Z' && z !== 'UTC' && z !== 'GMT') {
    const m = /^([+-])(\d{2}):?(\d{2})?$/.exec(z)!;
    const offset = (Number(m[2]) * 60 + Number(m[3] ?? 0)) * 60_000;
    t -= m[1] === '+' ? offset : -offset;
  }
  return t;
}

export function normaliseDate(value: unknown, now = Date.now()): string | undefined {
  if (typeof value === 'number') return fromEpoch(value, now);
  if (typeof value !== 'string') return undefined;
  const s = value.trim();
  if (!s) return undefined;
  if (/^\d{9,14}(\.\d+)?$/.test(s)) return fromEpoch(Number(s), now);
  const iso = ISO_LIKE.exec(s);
  if (iso) {
    const [, y, mo, d, h, mi, sec, frac, zone] = iso;
    return valid(fromParts(+y!, +mo!, +d!, +(h ?? 0), +(mi ?? 0), +(sec ?? 0), frac ?? '', zone ?? ''), now);
  }
  const slashed = SLASHED.exec(s);
  if (slashed) {
    const [, a, b, y, h, mi, sec] = slashed;
    // only when one of the two numbers cannot be a month is the order certain
    const first = +a!;
    const second = +b!;
    if (first > 12 && second <= 12) return valid(fromParts(+y!, second, first, +(h ?? 0), +(mi ?? 0), +(sec ?? 0)), now);
    if (second > 12 && first <= 12) return valid(fromParts(+y!, first, second, +(h ?? 0), +(mi ?? 0), +(sec ?? 0)), now);
    return undefined;
  }
  // RFC 2822 ("Tue, 03 Jun 2025 09:15:00 GMT") and spelled-out months ("June 3, 2025"); without a zone, V8 would read local time
  if (!/[a-z]{3}/i.test(s)) return undefined;
  const ms = Date.parse(HAS_ZONE.test(s) ? s : `${s} UTC`);
  return valid(ms, now);
}

function fromEpoch(n: number, now: number): string | undefined {
  if (!Number.isFinite(n) || n <= 0) return undefined;
  // seconds until the year 5138; larger values are milliseconds
  return valid(n < 1e11 ? n * 1000 : n, now);
}
