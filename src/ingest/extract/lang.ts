/** Language tags as BCP 47: "en_US" → "en-US", "EN" → "en", "zh-hant-tw" → "zh-Hant-TW". */
export function normaliseLang(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  const first = raw.split(/[,;]/)[0]!.trim().replace(/_/g, '-');
  if (!/^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$/.test(first)) return undefined;
  const [language, ...rest] = first.split('-');
  const subtags = rest.map((t) => (t.length === 2 ? t.toUpperCase() : t.length === 4 ? t[0]!.toUpperCase() + t.slice(1).toLowerCase() : t.toLowerCase()));
  return [language!.toLowerCase(), ...subtags].join('-');
}
