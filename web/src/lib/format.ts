/** How numbers and dates read on the page (one place, so every view agrees). */

const integer = new Intl.NumberFormat('en-GB');
const oneDecimal = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 });
const twoDecimals = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 });

export function count(n: number): string {
  return integer.format(n);
}

export function rate(n: number): string {
  return n >= 10 ? oneDecimal.format(n) : twoDecimals.format(n);
}

/** A score in [0, 1] as a percentage. */
export function percent(score: number): string {
  return Number.isFinite(score) ? `${Math.round(score * 100)}%` : '–';
}

/** A date (ISO) as 12 Mar 2024; the input when it is not a date. */
export function day(iso: string | null | undefined): string {
  if (!iso) return '–';
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  return new Date(t).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
}

export function dateTime(iso: string | null | undefined): string {
  if (!iso) return '–';
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  return new Date(t).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }) + ' UTC';
}

/** Snake-case labels of the models (`Legality_Constitutionality_and_jurisprudence`) as words. */
export function labelText(label: string): string {
  return label.replace(/_/g, ' ');
}
