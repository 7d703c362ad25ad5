/**
 * A made-up news archive for the web app's tests, screenshots and benchmark:
 * outlets, feeds and articles over a year, each with a synthetic analysis
 * (techniques, quotes, actors, frames, genre, narratives, claims) whose
 * spans point at the phrases that were put into its text. Deterministic for
 * a seed, and fast enough to fill a store with 100,000 articles.
 */
import { syntheticAnalysis, type SyntheticSpan } from '../../src/store/synthetic.ts';
import type { AnalysisInput, ArticleInput, FeedInput, SourceInput, Store } from '../../src/store/types.ts';

export const OUTLETS: SourceInput[] = [
  { domain: 'dailyherald.example', name: 'Daily Herald', country: 'GB', language: 'en', tags: ['tabloid'] },
  { domain: 'morningpost.example', name: 'Morning Post', country: 'GB', language: 'en' },
  { domain: 'capitalwire.example', name: 'Capital Wire', country: 'US', language: 'en', tags: ['wire'] },
  { domain: 'eastern-voice.example', name: 'Eastern Voice', country: 'RU', language: 'en', tags: ['state-affiliated'] },
  { domain: 'truthbeacon.example', name: 'Truth Beacon', country: 'US', language: 'en', tags: ['hyperpartisan'] },
  { domain: 'citizen-journal.example', name: 'Citizen Journal', country: 'IE', language: 'en' },
  { domain: 'harbourtimes.example', name: 'Harbour Times', country: 'GB', language: 'en', tags: ['local'] },
  { domain: 'globalbrief.example', name: 'Global Brief', country: 'DE', language: 'en' },
];

export const FEEDS: FeedInput[] = OUTLETS.slice(0, 5).map((o, i) => ({
  url: `https://${o.domain}/rss.xml`,
  source: o.domain,
  title: `${o.name} — top stories`,
  pollIntervalS: 900 * (i + 1),
  paused: i === 3,
}));

const PEOPLE = [
  ['person:maria-keller', 'Maria Keller', 'opposition leader'],
  ['person:john-hartley', 'John Hartley', 'mayor'],
  ['person:anna-lindqvist', 'Anna Lindqvist', 'regional minister'],
  ['person:viktor-orlov', 'Viktor Orlov', 'foreign ministry spokesman'],
  ['person:grace-mensah', 'Grace Mensah', 'energy analyst'],
  ['person:tom-baines', 'Tom Baines', 'union organiser'],
] as const;

/** Sentences with one technique each: the phrase in [brackets] is the span. */
const LOADED: [string, string][] = [
  ['Critics called the decision a [disgraceful betrayal] of ordinary families.', 'Loaded_Language'],
  ['The [corrupt clique] in the capital has ignored the regions for years.', 'Name_Calling-Labeling'],
  ['Prices will [spiral out of control] if nothing is done.', 'Exaggeration-Minimisation'],
  ['[Either we act now or we lose everything] we have built.', 'False_Dilemma-No_Choice'],
  ['[Every serious economist agrees] that the plan is the only way forward.', 'Appeal_to_Authority'],
  ['[What about the millions they wasted] on the ring road?', 'Whataboutism'],
  ['The reforms are [an attack on our nation and its proud history].', 'Flag_Waving'],
  ['[Millions of people already support] the campaign.', 'Appeal_to_Popularity'],
  ['Opponents warn that [foreign agents are flooding our towns].', 'Appeal_to_Fear-Prejudice'],
  ['[Can we really trust a minister] who has changed his mind so often?', 'Doubt'],
  ['The plan was drawn up by [the same people who backed the failed bailout].', 'Guilt_by_Association'],
  ['[Enough is enough.] The time for talk is over.', 'Conversation_Killer'],
  ['[Stand up for the harbour!]', 'Slogans'],
  ['The sanctions [caused the whole crisis], officials insisted.', 'Causal_Oversimplification'],
];

const NEUTRAL = [
  'The council will meet again on Thursday to discuss the budget.',
  'Figures published on Monday showed inflation at 3.1 per cent.',
  'The ministry said the talks would continue next week.',
  'Local businesses reported a rise in costs over the winter.',
  'A report by the audit office is expected in the spring.',
  'Officials declined to comment on the timing of the vote.',
];

const CLAIMS = [
  'Unemployment in the region fell by 12 per cent last year.',
  'The new pipeline will cut household energy bills by half.',
  'More than 40,000 people signed the petition in a single day.',
];

const TOPICS = ['Harbour sale', 'Energy prices', 'Grain corridor', 'Sanctions', 'Budget vote', 'Climate summit', 'Ring road', 'Pension reform'];
const FRAMES = ['Economic', 'Political', 'Morality', 'Security_and_defense', 'Public_opinion', 'Legality_Constitutionality_and_jurisprudence', 'Quality_of_life', 'Fairness_and_equality'];
const NARRATIVES = [
  'URW: Blaming the war on others rather than the invader',
  'URW: Discrediting the West, Diplomacy',
  'CC: Criticism of climate policies',
  'URW: Speculating war outcomes',
];

/** Small, fast, deterministic PRNG (mulberry32). */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SeedArticle {
  article: ArticleInput;
  analysis: AnalysisInput['analysis'];
}

/** One article and its analysis. All text is ASCII, so UTF-16 and code-point offsets agree. */
export function makeArticle(i: number, rnd: () => number, start = Date.UTC(2024, 0, 1), days = 365): SeedArticle {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  // outlets differ in how much they use each technique, so the dashboards have something to show
  const o = Math.floor(Math.pow(rnd(), 1.3) * OUTLETS.length);
  const outlet = OUTLETS[o]!;
  const partisan = o === 3 || o === 4 ? 3 : o === 0 ? 2 : 1;
  const topic = pick(TOPICS);
  const person = pick(PEOPLE);
  const title = `${topic}: ${person[1]} under pressure (${i})`;
  let text = `${title}\n\n`;
  const techniques: SyntheticSpan[] = [];
  const claims: SyntheticSpan[] = [];
  const add = (sentence: string, label?: string) => {
    // a sentence once per article: repeated claims or techniques would read like a bug
    if (text.includes(sentence.replace(/[[\]]/g, ''))) return;
    const open = sentence.indexOf('[');
    if (open >= 0 && label) {
      const close = sentence.indexOf(']');
      const clean = sentence.slice(0, open) + sentence.slice(open + 1, close) + sentence.slice(close + 1);
      techniques.push({ label, start: text.length + open, end: text.length + close - 1, score: 0.3 + rnd() * 0.6 });
      text += clean + ' ';
    } else text += sentence + ' ';
  };
  const sentences = 5 + Math.floor(rnd() * 6);
  for (let s = 0; s < sentences; s++) {
    if (rnd() < 0.22 * partisan) {
      const [sentence, label] = pick(LOADED);
      add(sentence, label);
    } else if (rnd() < 0.15) {
      const c = pick(CLAIMS);
      if (!text.includes(c)) {
        claims.push({ label: 'claim', start: text.length, end: text.length + c.length, score: 0.5 + rnd() * 0.5 });
        add(c);
      }
    } else add(pick(NEUTRAL));
    if (s === 2) text = text.trimEnd() + '\n\n';
  }
  // one quote with its speaker
  const quoteText = `"We will not accept ${rnd() < 0.5 ? 'this shameful deal' : 'the plan as it stands'}," said ${person[1]}, the ${person[2]}.`;
  const qStart = text.length;
  const qEnd = qStart + quoteText.indexOf(',"') + 2;
  const speakerStart = qStart + quoteText.indexOf(person[1]);
  text += quoteText;
  if (quoteText.includes('shameful')) techniques.push({ label: 'Loaded_Language', start: qStart + quoteText.indexOf('shameful deal'), end: qStart + quoteText.indexOf('shameful deal') + 13, score: 0.62 });
  const published = new Date(start + Math.floor(rnd() * days) * 86_400_000 + Math.floor(rnd() * 86_400_000)).toISOString();
  const frames = [pick(FRAMES), ...(rnd() < 0.5 ? [pick(FRAMES)] : [])].filter((f, k, a) => a.indexOf(f) === k);
  const genre = rnd() < 0.15 * partisan + 0.1 ? 'opinion' : rnd() < 0.03 ? 'satire' : 'reporting';
  const narrative = rnd() < 0.1 * partisan ? [{ label: pick(NARRATIVES), score: 0.4 + rnd() * 0.5 }] : [{ label: 'Other', score: 0.8 }];
  const article: ArticleInput = {
    url: `https://${outlet.domain}/${published.slice(0, 4)}/${topic.toLowerCase().replace(/ /g, '-')}-${i}`,
    title,
    authors: [],
    publishedAt: published,
    lang: 'en',
    siteName: outlet.name!,
    text,
  };
  const analysis: AnalysisInput['analysis'] = syntheticAnalysis(text, {
    techniques: techniques.sort((a, b) => a.start - b.start),
    actors: [{ id: person[0], name: person[1], title: person[2], mentions: [{ start: speakerStart, end: speakerStart + person[1].length }] }],
    quotes: [{ start: qStart, end: qEnd, type: 'direct', speaker: { start: speakerStart, end: speakerStart + person[1].length }, actor: person[0] }],
    labels: { frames: frames.map((label) => ({ label, score: 0.5 + rnd() * 0.4 })), genre: [{ label: genre, score: 0.7 }], narratives: narrative },
    spans: { claims },
  });
  // the pipeline claim repeats a known case: the known-cases layer, as the case matcher writes it
  const known = claims.filter((c) => text.slice(c.start, c.end) === CLAIMS[1]);
  if (known.length) {
    analysis.layers['known-cases'] = {
      model: { name: 'synthetic', version: '1.0.0' },
      status: 'ok',
      labels: [],
      spans: known.map((c) => ({
        start: c.start,
        end: c.end,
        label: 'known-case',
        score: 0.71,
        attrs: {
          caseId: 'CASE-1042',
          similarity: 0.71,
          summary: 'A new gas pipeline will halve the energy bills of every household in Europe.',
          disproof: 'Regulators and the pipeline operator put the effect on household bills at 3-5 per cent at most; wholesale prices make up only part of a bill.',
          url: 'https://cases.example/report/1042',
          title: 'Pipeline will halve energy bills',
          date: '2023-11-02',
        },
      })),
    };
  }
  return { article, analysis };
}

const MODEL = { name: 'spinscope', version: '0.1.0' };

/** Fills a store with `n` articles (in batches), their outlets and feeds; returns the article ids. */
export async function seedArchive(store: Store, n: number, options: { seed?: number; batch?: number; onProgress?: (done: number) => void } = {}): Promise<number[]> {
  const rnd = random(options.seed ?? 1);
  const batch = options.batch ?? 1000;
  await store.upsertSources(OUTLETS);
  await store.upsertFeeds(FEEDS);
  const ids: number[] = [];
  for (let from = 0; from < n; from += batch) {
    const items = Array.from({ length: Math.min(batch, n - from) }, (_, k) => makeArticle(from + k, rnd));
    const writes = await store.upsertArticles(items.map((x) => x.article));
    await store.saveAnalyses(writes.map((w, k) => ({ articleId: w.id, analysis: items[k]!.analysis, model: MODEL })));
    ids.push(...writes.map((w) => w.id));
    options.onProgress?.(ids.length);
  }
  return ids;
}
