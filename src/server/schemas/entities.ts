/**
 * What the store returns, described for the OpenAPI document and for the
 * tests that check responses against it. Objects are open (`looseObject`):
 * the store may add fields, and clients must ignore what they do not know.
 * The analysis document itself is described by docs/schema/analysis-v1.schema.json;
 * `analysisJson` stands for it here (openapi.ts puts the real schema in its place).
 */
import { z } from 'zod';

const iso = z.string().describe('ISO 8601 timestamp, UTC');
const model = z.looseObject({ name: z.string(), version: z.string() });

export const analysisJson = z
  .looseObject({ schema: z.string(), text: z.string(), length: z.number(), language: z.looseObject({ code: z.string() }), layers: z.record(z.string(), z.unknown()) })
  .describe('An analysis document (docs/schema/analysis-v1.schema.json); offsets are code points into `text`.');

export const storedArticle = z.looseObject({
  id: z.number().int(),
  externalId: z.string().nullable(),
  url: z.string().nullable(),
  canonicalUrl: z.string().nullable(),
  contentHash: z.string(),
  clusterId: z.string().nullable(),
  title: z.string().nullable(),
  text: z.string(),
  authors: z.array(z.string()),
  publishedAt: iso.nullable(),
  modifiedAt: iso.nullable(),
  datedAt: iso.describe('What date filters and sorting use: published, else fetched, else first stored.'),
  language: z.string().nullable(),
  siteName: z.string().nullable(),
  description: z.string().nullable(),
  image: z.string().nullable(),
  source: z.string().nullable().describe('Outlet domain.'),
  origin: z.looseObject({ kind: z.string() }).nullable(),
  fetchedAt: iso.nullable(),
  wordCount: z.number().int(),
  createdAt: iso,
  updatedAt: iso,
  latestAnalysisId: z.number().int().nullable(),
  needsAnalysis: z.boolean(),
});

export const analysisSummary = z.looseObject({
  id: z.number().int(),
  articleId: z.number().int(),
  model,
  createdAt: iso,
  latest: z.boolean(),
  language: z.string().nullable(),
  wordCount: z.number().int(),
  counts: z.record(z.string(), z.number()).describe('Spans per layer.'),
});

const highlighted = z.looseObject({ text: z.string(), highlights: z.array(z.looseObject({ start: z.number().int(), end: z.number().int() })) });
const facetCount = z.looseObject({ value: z.string(), count: z.number().int() });

export const searchItem = z.looseObject({
  id: z.number().int(),
  title: z.string().nullable(),
  url: z.string().nullable(),
  source: z.string().nullable(),
  publishedAt: iso.nullable(),
  datedAt: iso,
  language: z.string().nullable(),
  snippet: highlighted,
  counts: z.record(z.string(), z.number()),
});

export const searchResult = z.looseObject({
  total: z.number().int(),
  items: z.array(searchItem),
  nextCursor: z.string().nullable().describe('Pass back as `cursor` for the next page; null on the last page.'),
  facets: z.looseObject({ source: z.array(facetCount), language: z.array(facetCount), technique: z.array(facetCount) }).optional(),
});

const groupKey = z.string().describe('Outlet domain, `YYYY-MM-DD`, `YYYY-MM`, or `all`.');

export const techniqueRate = z.looseObject({
  key: groupKey,
  technique: z.string(),
  spans: z.number().int(),
  articles: z.number().int(),
  words: z.number().int(),
  per1000Words: z.number(),
});

export const labelShare = z.looseObject({
  key: groupKey,
  label: z.string(),
  articles: z.number().int(),
  total: z.number().int(),
  share: z.number(),
});

export const labelCount = z.looseObject({
  key: groupKey,
  label: z.string(),
  count: z.number().int(),
  articles: z.number().int(),
  analysed: z.number().int(),
  words: z.number().int(),
});

export const actorCount = z.looseObject({
  key: z.string(),
  name: z.string(),
  type: z.string(),
  articles: z.number().int(),
  mentions: z.number().int(),
  quotes: z.number().int(),
});

export const actorQuote = z.looseObject({
  id: z.number().int(),
  articleId: z.number().int(),
  title: z.string().nullable(),
  url: z.string().nullable(),
  source: z.string().nullable(),
  publishedAt: iso.nullable(),
  datedAt: iso,
  text: z.string(),
  type: z.string(),
  start: z.number().int(),
  end: z.number().int(),
  speaker: z.string().nullable(),
  techniques: z.array(
    z.looseObject({ technique: z.string(), category: z.string().nullable(), start: z.number().int(), end: z.number().int(), score: z.number().nullable() }),
  ),
});

export const cluster = z.looseObject({
  clusterId: z.string(),
  articles: z.number().int(),
  outlets: z.number().int(),
  first: iso,
  last: iso,
  items: z.array(z.looseObject({ id: z.number().int(), title: z.string().nullable(), source: z.string().nullable(), datedAt: iso })),
});

export const source = z.looseObject({
  id: z.number().int(),
  domain: z.string(),
  name: z.string().nullable(),
  country: z.string().nullable(),
  language: z.string().nullable(),
  tags: z.array(z.string()),
  createdAt: iso,
});

export const feed = z.looseObject({
  id: z.number().int(),
  url: z.string(),
  source: z.string().nullable(),
  title: z.string().nullable(),
  etag: z.string().nullable(),
  lastModified: z.string().nullable(),
  pollIntervalS: z.number().int(),
  paused: z.boolean(),
  lastPolledAt: iso.nullable(),
  lastOkAt: iso.nullable(),
  lastError: z.string().nullable(),
  failures: z.number().int(),
  createdAt: iso,
});

export const storeStats = z.looseObject({
  dialect: z.enum(['sqlite', 'postgres']),
  tables: z.record(z.string(), z.number().int()).describe('Rows per table.'),
  bytes: z.number().describe('Size of the database on disk.'),
});
