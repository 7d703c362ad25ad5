/**
 * A day range as rollup cells: the whole months inside it (read from month
 * cells) and the days at its ragged ends (read from day cells), so that an
 * aggregation over two years reads 24 month cells plus at most 60 day cells
 * per group instead of 730.
 */

export interface PeriodParts {
  /** Inclusive `YYYY-MM` bounds of the whole months, or null if there are none; unbounded ends are null inside. */
  months: { from: string | null; to: string | null } | null;
  /** Inclusive `YYYY-MM-DD` ranges outside those months. */
  days: { from: string; to: string }[];
}

function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00.000Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

function firstOfNextMonth(day: string): string {
  const d = new Date(`${day.slice(0, 7)}-01T00:00:00.000Z`);
  d.setUTCMonth(d.getUTCMonth() + 1);
  return d.toISOString().slice(0, 10);
}

function lastOfMonth(day: string): string {
  return addDays(firstOfNextMonth(day), -1);
}

export function splitPeriods(fromDay: string | null, toDay: string | null): PeriodParts {
  // first day of the first whole month, last day of the last whole month
  const start = fromDay === null ? null : fromDay.endsWith('-01') ? fromDay : firstOfNextMonth(fromDay);
  const end = toDay === null ? null : lastOfMonth(toDay) === toDay ? toDay : addDays(`${toDay.slice(0, 7)}-01`, -1);
  if (start !== null && end !== null && start > end) {
    // no whole month inside: days only
    return { months: null, days: fromDay !== null && toDay !== null ? [{ from: fromDay, to: toDay }] : [] };
  }
  const days: PeriodParts['days'] = [];
  if (fromDay !== null && start !== null && fromDay < start) days.push({ from: fromDay, to: addDays(start, -1) });
  if (toDay !== null && end !== null && toDay > end) days.push({ from: addDays(end, 1), to: toDay });
  return { months: { from: start?.slice(0, 7) ?? null, to: end?.slice(0, 7) ?? null }, days };
}

/** The exclusive ISO timestamp after a day, for comparing with `dated_at`. */
export function dayEndExclusive(day: string): string {
  return `${addDays(day, 1)}T00:00:00.000Z`;
}
