/**
 * A small, fully known dataset for the store's contract tests: three
 * outlets, six articles over three months in English and Russian, and
 * synthetic analyses whose every count the tests can state exactly.
 */
import { codePointLength } from '../text/offsets.ts';
import { countWords } from './article-row.ts';
import { syntheticAnalysis, type SyntheticSpan } from './synthetic.ts';
import type { AnalysisInput, ArticleInput, SourceInput, Store } from './types.ts';

/** Code-point offsets of the first `phrase` in `text`. */
export function at(text: string, phrase: string, label = 'span'): SyntheticSpan {
  const i = text.indexOf(phrase);
  if (i < 0) throw new Error(`fixture: '${phrase}' is not in the text`);
  const start = codePointLength(text.slice(0, i));
  return { label, start, end: start + codePointLength(phrase) };
}

export const SOURCES: SourceInput[] = [
  { domain: 'alpha.example', name: 'Alpha News', country: 'ru', language: 'ru', tags: ['state-affiliated'] },
  { domain: 'beta.example', name: 'Beta Daily', country: 'GB', language: 'en' },
  { domain: 'gamma.example', name: 'Gamma Wire', language: 'en', tags: ['wire'] },
];

const GRAIN = 'Grain corridor talks resume\n\nDiplomats met in Istanbul to discuss the grain corridor. Ivan Petrov warned of dire consequences for everyone.';

export const TEXTS = {
  a1: 'Sanctions hit energy prices\n\nThe so-called experts lied about sanctions again. Minister Ivan Petrov said: "We will never surrender to blackmail." Energy prices rose sharply 🔥 across Europe.',
  a2: GRAIN,
  a3: 'Песков: санкции бьют по Европе\n\nДмитрий Песков заявил, что санкции бьют прежде всего по самой Европе.\n\nЭкономика России адаптировалась.',
  a4: GRAIN,
  a5: 'Climate summit walkout\n\nDelegates walked out of the climate summit in protest against the draft.',
  a6: 'Harbour strike enters second week\n\nDock workers extended the strike over pay.',
};

export const ARTICLES: Record<keyof typeof TEXTS, ArticleInput> = {
  a1: { id: 'article101', url: 'https://alpha.example/a1', title: 'Sanctions hit energy prices', authors: ['A. Writer'], publishedAt: '2024-01-10T08:00:00Z', lang: 'en', siteName: 'Alpha News', text: TEXTS.a1, fetchedAt: '2024-01-10T09:00:00Z' },
  a2: { id: 'article102', url: 'https://beta.example/b1', canonicalUrl: 'https://beta.example/b1', title: 'Grain corridor talks resume', authors: [], publishedAt: '2024-01-31T23:30:00Z', lang: 'en-GB', text: TEXTS.a2, clusterId: 'c1' },
  a3: { url: 'https://www.alpha.example/a3', title: 'Песков: санкции бьют по Европе', authors: [], publishedAt: '2024-02-15T12:00:00+03:00', lang: 'ru', text: TEXTS.a3 },
  a4: { url: 'https://gamma.example/g1', title: 'Grain corridor talks resume', authors: [], publishedAt: '2024-03-01T06:00:00Z', lang: 'en', text: TEXTS.a4, clusterId: 'c1' },
  a5: { id: 'climate', title: 'Climate summit walkout', authors: [], publishedAt: '2024-03-05T10:00:00Z', lang: 'en', text: TEXTS.a5, source: { kind: 'file', location: 'climate.txt' } },
  a6: { url: 'https://beta.example/b2', title: 'Harbour strike enters second week', authors: [], publishedAt: '2024-02-20T10:00:00Z', lang: 'en', text: TEXTS.a6 },
};

export const MODEL = { name: 'spinscope', version: '0.1.0' };

const petrov = (text: string, ...phrases: string[]) => ({ id: 'person:ivan-petrov', name: 'Ivan Petrov', title: 'Minister', mentions: phrases.map((p) => at(text, p)) });

export function analyses(ids: Record<keyof typeof TEXTS, number>): AnalysisInput[] {
  const t = TEXTS;
  return [
    {
      articleId: ids.a1,
      model: MODEL,
      analysis: syntheticAnalysis(t.a1, {
        techniques: [
          at(t.a1, 'so-called experts', 'Loaded_Language'),
          at(t.a1, 'lied', 'Loaded_Language'),
          at(t.a1, 'never surrender', 'Flag_Waving'),
          // after the emoji, so code points and UTF-16 offsets differ
          at(t.a1, 'across Europe', 'Exaggeration-Minimisation'),
        ],
        actors: [petrov(t.a1, 'Ivan Petrov')],
        quotes: [{ ...at(t.a1, '"We will never surrender to blackmail."'), speaker: at(t.a1, 'Ivan Petrov'), actor: 'person:ivan-petrov' }],
        labels: { frames: [{ label: 'Economic' }, { label: 'Political' }], genre: [{ label: 'opinion' }], narratives: [{ label: 'Sanctions backfire', sublabels: ['Europe suffers'] }] },
        spans: { claims: [at(t.a1, 'Energy prices rose sharply', 'claim')] },
      }),
    },
    {
      articleId: ids.a2,
      model: MODEL,
      analysis: syntheticAnalysis(t.a2, {
        techniques: [at(t.a2, 'dire consequences', 'Appeal_to_Fear-Prejudice')],
        actors: [petrov(t.a2, 'Ivan Petrov')],
        quotes: [],
        labels: { frames: [{ label: 'Political' }], genre: [{ label: 'reporting' }] },
      }),
    },
    {
      articleId: ids.a3,
      model: MODEL,
      analysis: syntheticAnalysis(t.a3, {
        language: 'ru',
        paragraphTechniques: [
          { ...at(t.a3, 'Дмитрий Песков заявил, что санкции бьют прежде всего по самой Европе.', 'Loaded_Language'), paragraph: 3 },
          { ...at(t.a3, 'Дмитрий Песков заявил, что санкции бьют прежде всего по самой Европе.', 'Doubt'), paragraph: 3 },
        ],
        actors: [{ id: 'person:dmitry-peskov', name: 'Дмитрий Песков', mentions: [at(t.a3, 'Дмитрий Песков')] }],
        quotes: [{ ...at(t.a3, 'санкции бьют прежде всего по самой Европе'), type: 'indirect', speaker: at(t.a3, 'Дмитрий Песков'), actor: 'person:dmitry-peskov' }],
        labels: { frames: [{ label: 'Economic' }], narratives: [{ label: 'Sanctions backfire' }] },
      }),
    },
    {
      articleId: ids.a4,
      model: MODEL,
      analysis: syntheticAnalysis(t.a4, {
        techniques: [at(t.a4, 'dire consequences', 'Appeal_to_Fear-Prejudice')],
        actors: [petrov(t.a4, 'Ivan Petrov')],
        quotes: [],
        labels: { frames: [{ label: 'Political' }], genre: [{ label: 'reporting' }] },
      }),
    },
    {
      articleId: ids.a5,
      model: MODEL,
      analysis: syntheticAnalysis(t.a5, { techniques: [], actors: [], quotes: [], labels: { frames: [{ label: 'Environment' }] } }),
    },
  ];
}

export type FixtureIds = Record<keyof typeof TEXTS, number>;

/** Loads the dataset (a6 stays unanalysed) and returns the article ids. */
export async function loadFixture(store: Store): Promise<FixtureIds> {
  await store.upsertSources(SOURCES);
  const keys = Object.keys(ARTICLES) as (keyof typeof TEXTS)[];
  const writes = await store.upsertArticles(keys.map((k) => ARTICLES[k]));
  const ids = Object.fromEntries(keys.map((k, i) => [k, writes[i]!.id])) as FixtureIds;
  await store.saveAnalyses(analyses(ids));
  return ids;
}

export function words(key: keyof typeof TEXTS): number {
  return countWords(TEXTS[key]);
}
