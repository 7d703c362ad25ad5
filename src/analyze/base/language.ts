/**
 * Language identification with CLD3 (compiled to WebAssembly, so it runs
 * offline and anywhere Node does). The result is a doc-level label of the
 * `language` layer; `und` when the text has too few letters to tell.
 */
import { loadModule } from 'cld3-asm';
import type { Doc } from '../../text/document.ts';
import type { AnalyzerFactory } from '../component.ts';
import { voteFunctionWords } from './function-words.ts';

export const UNDETERMINED = 'und';

/**
 * CLD3's cost grows with the bytes it reads, and a news lede identifies long
 * before 4 KB: a short sample first, a long one only when the short one is
 * unsure (mixed-language or quote-heavy openings).
 */
const SHORT_SAMPLE = 320;
const LONG_SAMPLE = 3000;
const MAX_BYTES = 4 * LONG_SAMPLE;
const SURE = 0.9;
/** Below this many letters any guess is noise ("12345 !!!" comes back as Japanese otherwise). */
const MIN_LETTERS = 8;
/** CLD3 still uses some pre-2005 ISO 639 codes. */
const RENAMED: Record<string, string> = { iw: 'he', jw: 'jv', in: 'id', ji: 'yi' };

/** Scripts of the languages CLD3 names that are not written in Latin letters. */
const SCRIPT_OF: Record<string, RegExp> = {
  ja: /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u,
  zh: /\p{Script=Han}/u,
  ko: /\p{Script=Hangul}/u,
  th: /\p{Script=Thai}/u,
  ar: /\p{Script=Arabic}/u,
  fa: /\p{Script=Arabic}/u,
  ur: /\p{Script=Arabic}/u,
  he: /\p{Script=Hebrew}/u,
  yi: /\p{Script=Hebrew}/u,
  hi: /\p{Script=Devanagari}/u,
  mr: /\p{Script=Devanagari}/u,
  ne: /\p{Script=Devanagari}/u,
  el: /\p{Script=Greek}/u,
  ru: /\p{Script=Cyrillic}/u,
  uk: /\p{Script=Cyrillic}/u,
  bg: /\p{Script=Cyrillic}/u,
  sr: /\p{Script=Cyrillic}/u,
  mk: /\p{Script=Cyrillic}/u,
  be: /\p{Script=Cyrillic}/u,
  kk: /\p{Script=Cyrillic}/u,
};

/**
 * CLD3 sometimes names a language whose script the text does not even use
 * ("ok ok ok" comes back as Japanese): such an answer is discarded.
 */
function scriptFits(code: string, sample: string): boolean {
  const script = SCRIPT_OF[code];
  if (script) return script.test(sample);
  return /\p{Script=Latin}/u.test(sample);
}

/** Below this many letters, CLD3's answer is checked against function words. */
const LONG_TEXT_LETTERS = 200;

function identified(code: string, probability: number, reliable: boolean, ...evidence: string[]) {
  return { labels: [{ label: code, score: Math.round(probability * 1000) / 1000, attrs: { reliable }, evidence }] };
}

/** The first `size` characters, cut at a space so that no word is split. */
function sampleOf(text: string, size: number): string {
  if (text.length <= size) return text;
  const cut = text.lastIndexOf(' ', size);
  return text.slice(0, cut > size / 2 ? cut : size);
}

function countLetters(text: string, limit: number): number {
  let n = 0;
  for (const m of text.matchAll(/\p{L}/gu)) {
    void m;
    if (++n >= limit) break;
  }
  return n;
}

export const languageLayer: AnalyzerFactory = {
  layer: 'language',
  description: 'language of the document (ISO 639-1), identified by CLD3 or given by the caller',
  requires: [],
  shownByDefault: true,
  async create(settings) {
    const model = { name: 'cld3-asm', version: '4.0.0' }; // the pinned npm package
    if (settings.language) {
      const forced = settings.language;
      return {
        model: { name: 'caller', version: '1' },
        languages: 'all',
        supports: () => true,
        run: () => ({ labels: [{ label: forced, score: 1, evidence: ['language given by the caller'] }] }),
      };
    }
    const cld = await loadModule();
    const identifier = cld.create(0, MAX_BYTES);
    return {
      model,
      languages: 'all',
      supports: () => true,
      run(doc: Doc) {
        if (countLetters(doc.text.slice(0, LONG_SAMPLE), MIN_LETTERS) < MIN_LETTERS) {
          return { labels: [{ label: UNDETERMINED, score: 0, evidence: ['too few letters to identify the language'] }] };
        }
        let sample = sampleOf(doc.text, SHORT_SAMPLE);
        let found = identifier.findLanguage(sample);
        if ((!found.is_reliable || found.probability < SURE) && sample.length < doc.text.length) {
          sample = sampleOf(doc.text, LONG_SAMPLE);
          found = identifier.findLanguage(sample);
        }
        const code = RENAMED[found.language] ?? found.language;
        const fits = scriptFits(code, sample);
        const cld3 = { code: fits ? code : UNDETERMINED, probability: fits ? found.probability : 0, reliable: fits && found.is_reliable };
        const said = fits
          ? `CLD3: ${code} (probability ${found.probability.toFixed(2)}${found.is_reliable ? '' : ', not reliable'})`
          : `CLD3: ${code}, discarded: the text is not in that language's script`;
        const short = countLetters(sample, LONG_TEXT_LETTERS) < LONG_TEXT_LETTERS;
        if (cld3.reliable && cld3.code !== UNDETERMINED && !short) return identified(cld3.code, cld3.probability, true, said);
        // short or unsure: function words decide when they clearly can
        const vote = voteFunctionWords(sample);
        if (vote && (vote.hits.length >= 2 * Math.max(1, vote.runnerUp) || (vote.runnerUp === 0 && !cld3.reliable))) {
          const score = cld3.code === vote.language ? Math.max(cld3.probability, 0.9) : vote.hits.length / (vote.hits.length + vote.runnerUp + 1);
          return identified(vote.language, score, vote.hits.length >= 3 || cld3.code === vote.language, `function words: ${[...new Set(vote.hits)].slice(0, 8).join(', ')}`, said);
        }
        if (cld3.reliable && cld3.code !== UNDETERMINED) return identified(cld3.code, cld3.probability, true, said);
        return { labels: [{ label: UNDETERMINED, score: 0, evidence: [said, 'too little evidence to identify the language'] }] };
      },
    };
  },
};

/** The document's language code, or `und` before the language layer ran or when it could not tell. */
export function docLanguage(doc: Doc): string {
  return doc.layers.language?.labels[0]?.label ?? UNDETERMINED;
}
