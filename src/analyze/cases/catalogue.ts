/**
 * The catalogue of known disinformation cases: EUvsDisinfo's database as two
 * public scrapes have it, plus cases users add from their own JSONL or CSV
 * files. The EUvsDisinfo texts carry no licence that allows redistribution,
 * so they are never shipped: the catalogue is read at run time from the data
 * folder (`euvsdisinfo/` under `../shared/data` or a folder the user gives).
 *
 * The two scrapes: `kalkun-2015-2017/full_dataset.csv` (`;`-separated; claim
 * summary, disproof, keywords, outlet, date; no case URL; its title is
 * mostly the summary again) and `cknabs-2021-02-18/posts.csv` (case URL,
 * the case's short title, countries, keywords, outlets, date; no summary or
 * disproof). A case found in both (same date, a shared keyword and outlet,
 * or a title that is the start of the summary) becomes one case with the
 * URL of the one and the texts of the other.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { csvObjects } from './csv.ts';

export interface KnownCase {
  /** The case URL for EUvsDisinfo cases where known, else a stable `euvsdisinfo:…` or the user's id. */
  id: string;
  /** Short title of the claim (EUvsDisinfo's case title). */
  title?: string;
  /** The claim, as the case summarises it. */
  summary: string;
  /** Why it is false; '' where the source has no disproof. */
  disproof: string;
  url?: string;
  /** ISO date (YYYY-MM-DD). */
  date?: string;
  countries?: string[];
  keywords?: string[];
  /** `euvsdisinfo` or the user's file name. */
  source: string;
}

const EUVSDISINFO = 'euvsdisinfo';

/** `03.10.2017` → `2017-10-03`. */
function isoDate(ddmmyyyy: string): string | undefined {
  const m = /^(\d{2})\.(\d{2})\.(\d{4})$/.exec(ddmmyyyy.trim());
  return m ? `${m[3]}-${m[2]}-${m[1]}` : undefined;
}

const list = (raw: string | undefined, sep: string | RegExp) =>
  (raw ?? '')
    .split(sep)
    .map((s) => s.trim())
    .filter(Boolean);

function words(s: string): Set<string> {
  return new Set(s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);
}

function slug(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 80);
}

/** A title that is the summary cut short ("Petro Poroshenko is selling the Kherson region to Turkey for…"). */
function titleStartsSummary(title: string, summary: string): boolean {
  const t = title.replace(/[….\s]+$/u, '').toLowerCase();
  return t.length >= 20 && summary.toLowerCase().replace(/\s+/g, ' ').startsWith(t.replace(/\s+/g, ' '));
}

/** Trimmed, with CRLF line breaks as LF and zero-width marks dropped. */
function clean(s: string): string {
  return s.replace(/\r\n?/g, '\n').replace(/[\u200b\ufeff]/g, '').trim();
}

interface KalkunRow {
  date?: string;
  summary: string;
  title: string;
  disproof: string;
  keywords: string[];
  countries: string[];
  outlet: string;
}

interface CknabsRow {
  date?: string;
  url: string;
  title: string;
  keywords: string[];
  countries: string[];
  outlets: string;
}

function readKalkun(file: string): KalkunRow[] {
  return csvObjects(readFileSync(file, 'utf8'), ';')
    .map((r) => ({
      ...(isoDate(r.date ?? '') && { date: isoDate(r.date ?? '') }),
      summary: clean(r.summary ?? '') || clean(r.title ?? ''),
      title: clean(r.title ?? ''),
      disproof: clean(r.disproof ?? ''),
      keywords: list(r.keywords, ','),
      countries: list(r.origin, ','),
      outlet: r.outlet ?? '',
    }))
    .filter((r) => r.summary !== '');
}

function readCknabs(file: string): CknabsRow[] {
  return csvObjects(readFileSync(file, 'utf8'), ',')
    .map((r) => ({
      ...(/^\d{4}-\d{2}-\d{2}$/.test(r.date ?? '') && { date: r.date }),
      url: (r.id ?? '').trim(),
      title: clean(r.title ?? ''),
      keywords: list(r.keywords, '+'),
      countries: list(r.countries, '+'),
      outlets: (r.outlets ?? '').replaceAll('+', ' '),
    }))
    .filter((r) => r.title !== '' && r.url !== '');
}

/**
 * The cknabs row that is the same case as a kalkun row: same date, and
 * either the title is the summary cut short, or they share a keyword and
 * most of the outlet's name — and only one row of that day qualifies.
 */
function sameCase(k: KalkunRow, sameDay: readonly CknabsRow[], used: ReadonlySet<CknabsRow>): CknabsRow | undefined {
  const byTitle = sameDay.filter((c) => !used.has(c) && (titleStartsSummary(c.title, k.summary) || c.title.toLowerCase() === k.title.toLowerCase()));
  // the same claim listed twice on one day: the first unused listing
  if (byTitle.length >= 1) return byTitle[0];
  const kw = new Set(k.keywords.map((x) => x.toLowerCase()));
  const outlet = words(k.outlet);
  const matches = sameDay.filter((c) => {
    if (used.has(c)) return false;
    if (!c.keywords.some((x) => kw.has(x.toLowerCase()))) return false;
    const o = words(c.outlets);
    let shared = 0;
    for (const w of outlet) if (o.has(w)) shared++;
    return shared / Math.max(1, new Set([...outlet, ...o]).size) >= 0.3;
  });
  return matches.length === 1 ? matches[0] : undefined;
}

export interface EuvsDisinfoCatalogue {
  cases: KnownCase[];
  /** Cases of the 2015–2017 scrape matched to a case URL (and title) of the 2021 scrape. */
  joined: number;
}

/** Reads both scrapes under `dir` (the `euvsdisinfo/` folder); either may be missing. */
export function loadEuvsDisinfo(dir: string): EuvsDisinfoCatalogue {
  const kalkunFile = join(dir, 'kalkun-2015-2017', 'full_dataset.csv');
  const cknabsFile = join(dir, 'cknabs-2021-02-18', 'posts.csv');
  const kalkun = existsSync(kalkunFile) ? readKalkun(kalkunFile) : [];
  const cknabs = existsSync(cknabsFile) ? readCknabs(cknabsFile) : [];
  const byDay = new Map<string, CknabsRow[]>();
  for (const c of cknabs) {
    if (!c.date) continue;
    const day = byDay.get(c.date);
    if (day) day.push(c);
    else byDay.set(c.date, [c]);
  }
  const used = new Set<CknabsRow>();
  const cases: KnownCase[] = [];
  const ids = new Set<string>();
  const uniqueId = (base: string) => {
    let id = base;
    for (let n = 2; ids.has(id); n++) id = `${base}-${n}`;
    ids.add(id);
    return id;
  };
  let joined = 0;
  for (const k of kalkun) {
    const match = k.date ? sameCase(k, byDay.get(k.date) ?? [], used) : undefined;
    const c = match;
    if (c) {
      used.add(c);
      joined++;
    }
    const id = uniqueId(c?.url ?? `${EUVSDISINFO}:${k.date ?? 'undated'}:${slug(k.title || k.summary)}`);
    cases.push({
      id,
      title: c?.title ?? k.title,
      summary: k.summary,
      disproof: k.disproof,
      ...(c && { url: c.url }),
      ...(k.date && { date: k.date }),
      countries: c?.countries.length ? c.countries : k.countries,
      keywords: k.keywords.length ? k.keywords : (c?.keywords ?? []),
      source: EUVSDISINFO,
    });
  }
  for (const c of cknabs) {
    if (used.has(c)) continue;
    cases.push({
      id: uniqueId(c.url),
      title: c.title,
      summary: c.title,
      disproof: '',
      url: c.url,
      ...(c.date && { date: c.date }),
      countries: c.countries,
      keywords: c.keywords,
      source: EUVSDISINFO,
    });
  }
  return { cases, joined };
}

const UserCase = z
  .object({
    id: z.union([z.string().min(1), z.number()]).transform(String),
    claim: z.string().optional(),
    summary: z.string().optional(),
    title: z.string().optional(),
    disproof: z.string().optional().default(''),
    url: z.string().optional(),
    date: z.string().optional(),
    countries: z.union([z.array(z.string()), z.string()]).optional(),
    keywords: z.union([z.array(z.string()), z.string()]).optional(),
  })
  .refine((c) => (c.claim ?? c.summary ?? c.title ?? '').trim() !== '', { message: 'a case needs a claim, summary or title' });

function asList(v: string[] | string | undefined): string[] | undefined {
  if (v === undefined) return undefined;
  return Array.isArray(v) ? v : list(v, /[;+,]/);
}

/**
 * Cases from a user's file: JSONL (one object per line) or CSV with a header,
 * fields `id`, `claim` or `summary` (or `title`), `disproof`, and optionally
 * `url`, `date`, `countries`, `keywords`. Errors name the file and line.
 */
export function readUserCases(file: string, text = readFileSync(file, 'utf8')): KnownCase[] {
  const rows: { line: number; value: unknown }[] = [];
  const trimmed = text.replace(/^\uFEFF/, '').trimStart();
  if (/\.jsonl?$/i.test(file) || trimmed.startsWith('{')) {
    text.split(/\r?\n/).forEach((l, i) => {
      if (l.trim() === '') return;
      try {
        rows.push({ line: i + 1, value: JSON.parse(l) });
      } catch (error) {
        throw new Error(`${file}:${i + 1}: not JSON: ${(error as Error).message}`);
      }
    });
  } else {
    const firstLine = trimmed.split(/\r?\n/, 1)[0] ?? '';
    const delimiter = firstLine.includes('\t') ? '\t' : firstLine.split(';').length > firstLine.split(',').length ? ';' : ',';
    csvObjects(text, delimiter).forEach((value, i) => rows.push({ line: i + 2, value }));
  }
  return rows.map(({ line, value }) => {
    const parsed = UserCase.safeParse(value);
    if (!parsed.success) throw new Error(`${file}:${line}: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'case'}: ${i.message}`).join('; ')}`);
    const c = parsed.data;
    const countries = asList(c.countries);
    const keywords = asList(c.keywords);
    return {
      id: c.id,
      ...(c.title && { title: c.title.trim() }),
      summary: (c.claim ?? c.summary ?? c.title ?? '').trim(),
      disproof: c.disproof.trim(),
      ...(c.url && { url: c.url }),
      ...(c.date && { date: c.date }),
      ...(countries && { countries }),
      ...(keywords && { keywords }),
      source: file.split(/[\\/]/).pop() ?? file,
    };
  });
}
