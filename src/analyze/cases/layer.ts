/**
 * The known-cases layer: for each claim the `claims` layer found, the known
 * disinformation cases (EUvsDisinfo, plus the user's own case files) that
 * state the same claim, as spans over the claim with the case's id,
 * similarity, summary, disproof and URL. The EUvsDisinfo texts are not
 * shipped (no licence allows it): the catalogue is read when the pipeline is
 * built, from the `euvsdisinfo/` folder of the data folder, and the layer
 * says so when it finds no catalogue at all.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Span } from '../../text/document.ts';
import { layerSpans } from '../../text/document.ts';
import type { AnalyzerFactory, AnalyzerSettings } from '../component.ts';
import { loadEuvsDisinfo, readUserCases, type KnownCase } from './catalogue.ts';
import { CaseIndex } from './matcher.ts';

export interface KnownCasesSettings extends AnalyzerSettings {
  /** The data folder holding `euvsdisinfo/` (default: `../shared/data` beside the package), or `euvsdisinfo/` itself. */
  caseData?: string;
  /** The user's case files (JSONL or CSV: id, claim or summary, disproof, url, date). */
  caseFiles?: readonly string[];
  /** Cases are reported from this similarity (default 0.5). */
  caseThreshold?: number;
}

const MODEL = { name: 'spinscope-known-cases', version: '1.0.0' };
/** At 0.5, about 44% of claims with a case show it first, and about 3% of claims without one show a case anyway (docs/benchmarks.md). */
export const DEFAULT_CASE_THRESHOLD = 0.5;
/** Claims of one article looked up, highest claim score first. */
export const MAX_CLAIMS = 8;
const PER_CLAIM = 3;

export function defaultCaseDataDir(): string {
  return fileURLToPath(new URL('../../../../shared/data/', import.meta.url));
}

/** The EUvsDisinfo folder under `dir`, or `dir` itself when it is one; undefined when there is none. */
export function euvsdisinfoDir(dir: string): string | undefined {
  for (const candidate of [join(dir, 'euvsdisinfo'), dir]) {
    if (existsSync(join(candidate, 'kalkun-2015-2017')) || existsSync(join(candidate, 'cknabs-2021-02-18'))) return candidate;
  }
  return undefined;
}

/** The catalogue the layer uses: EUvsDisinfo from the data folder (when found) and the user's files. */
export function loadCatalogue(settings: KnownCasesSettings): { cases: KnownCase[]; sources: string[] } {
  const cases: KnownCase[] = [];
  const sources: string[] = [];
  const dir = euvsdisinfoDir(settings.caseData ?? defaultCaseDataDir());
  if (dir) {
    const loaded = loadEuvsDisinfo(dir).cases;
    cases.push(...loaded);
    sources.push(`EUvsDisinfo (${loaded.length} cases from ${dir})`);
  }
  for (const file of settings.caseFiles ?? []) {
    const own = readUserCases(file);
    cases.push(...own);
    sources.push(`${file} (${own.length} cases)`);
  }
  return { cases, sources };
}

export const knownCasesLayer: AnalyzerFactory = {
  layer: 'known-cases',
  description: 'claims that match known disinformation cases (EUvsDisinfo from the data folder, and your own case files), with the case, its disproof and a similarity',
  requires: ['claims'],
  shownByDefault: true,
  create(settings) {
    const s = settings as KnownCasesSettings;
    const { cases, sources } = loadCatalogue(s);
    const threshold = s.caseThreshold ?? DEFAULT_CASE_THRESHOLD;
    if (cases.length === 0) {
      const looked = s.caseData ?? defaultCaseDataDir();
      return {
        model: MODEL,
        // the pipeline reports an unsupported layer with this text as its note
        languages: `none: no case catalogue (no euvsdisinfo/ folder in ${looked} and no case files given)`,
        supports: () => false,
        run: () => ({}),
      };
    }
    const index = new CaseIndex(cases);
    return {
      model: { ...MODEL, version: `${MODEL.version}+${cases.length}-cases` },
      languages: `all (the catalogue: ${sources.join('; ')})`,
      supports: () => true,
      run(doc) {
        const spans: Span[] = [];
        // the claims most worth checking: a query costs about a millisecond, and an article can hold dozens of claims
        const claims = layerSpans(doc, 'claims')
          .filter((c) => c.label === 'claim')
          .sort((a, b) => (b.score ?? 0) - (a.score ?? 0) || a.start - b.start)
          .slice(0, MAX_CLAIMS);
        for (const claim of claims) {
          for (const m of index.match(doc.text.slice(claim.start, claim.end), PER_CLAIM, threshold)) {
            spans.push({
              start: claim.start,
              end: claim.end,
              label: 'known-case',
              score: m.similarity,
              evidence: [`states the claim of case “${m.title ?? m.summary}”${m.date ? ` (${m.date})` : ''}`],
              attrs: {
                caseId: m.caseId,
                similarity: m.similarity,
                summary: m.summary,
                disproof: m.disproof,
                url: m.url ?? null,
                ...(m.title && { title: m.title }),
                ...(m.date && { date: m.date }),
              },
            });
          }
        }
        return { spans: spans.sort((a, b) => a.start - b.start || (b.score ?? 0) - (a.score ?? 0)) };
      },
    };
  },
};
