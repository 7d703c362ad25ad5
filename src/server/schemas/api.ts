/** Requests and responses of the API's own making (the store's entities are in entities.ts). */
import { z } from 'zod';
import { ERROR_STATUS } from '../errors.ts';
import { roleSchema } from '../auth/roles.ts';
import { analysisJson, analysisSummary, storedArticle } from './entities.ts';
import { boolParam, byParam, dateParam, intParam, listParam, searchFilters } from './params.ts';

export const errorBody = z.strictObject({
  error: z.strictObject({
    code: z.enum(Object.keys(ERROR_STATUS) as [keyof typeof ERROR_STATUS, ...(keyof typeof ERROR_STATUS)[]]),
    message: z.string().describe('One line, for people.'),
  }),
});

export const health = z.strictObject({ ok: z.literal(true), version: z.string(), store: z.enum(['sqlite', 'postgres']) });

const layerName = z.string().regex(/^[a-z][a-z0-9-]*$/, 'expected a layer name such as techniques');

export const analyzeBody = z
  .strictObject({
    text: z.string().min(1).optional().describe('The text to analyse, exactly as it should be counted.'),
    url: z.url({ protocol: /^https?$/ }).optional().describe('An http(s) page to fetch (through the safe fetcher) and analyse.'),
    title: z.string().max(1000).optional(),
    layers: z.array(layerName).min(1).max(32).optional().describe('Layers to produce; default: all shown by default.'),
    lang: z.string().regex(/^[a-z]{2,3}(?:-[A-Za-z]{2,4})?$/, 'expected a language code such as en or ru').optional().describe('Skip language identification.'),
    store: z.boolean().optional().describe('Also keep the article and its analysis (write role).'),
  })
  .refine((b) => (b.text === undefined) !== (b.url === undefined), { message: 'give exactly one of text and url' });

export const analyzeResponse = z.strictObject({
  analysis: analysisJson,
  articleId: z.number().int().optional().describe('With `store: true`: the stored article.'),
});

export const searchQuery = z.strictObject({
  ...searchFilters,
  sort: z.enum(['relevance', 'date']).optional().describe('Default: relevance with q, else date (newest first).'),
  limit: intParam(1, 500).optional().describe('Default 20.'),
  offset: intParam(0, 100_000).optional(),
  cursor: z.string().optional().describe('`nextCursor` of the previous page.'),
  facets: boolParam.optional().describe('Counts by source, language and technique (default true).'),
});

export const exportQuery = z.strictObject({
  ...searchFilters,
  format: z.enum(['jsonl', 'csv']).optional().describe('jsonl (default): one article per line with its latest analysis; csv: one row per article.'),
});

export const articleDetail = z.strictObject({
  article: storedArticle,
  analysis: analysisJson.nullable().describe('The latest analysis, or null before the first.'),
  history: z.array(analysisSummary).describe('All analyses, newest first.'),
});

const aggregateCommon = {
  from: dateParam.optional(),
  to: dateParam.optional(),
  source: listParam('Only this outlet (domain).').optional(),
};

export const techniquesQuery = z.strictObject({
  by: byParam,
  level: z.enum(['technique', 'category']).optional().describe('Count techniques (default) or their categories.'),
  labels: listParam('Only these techniques (or categories).').optional(),
  ...aggregateCommon,
});

export const sharesQuery = z.strictObject({ by: byParam, labels: listParam('Only these labels.').optional(), ...aggregateCommon });

export const narrativesByQuery = z.strictObject({
  by: z.enum(['day', 'month', 'source', 'total']).optional().describe('Default: month.'),
  labels: listParam('Only these narratives.').optional(),
  ...aggregateCommon,
});

export const narrativesQuery = z.strictObject({ labels: listParam('Only these narratives.').optional(), ...aggregateCommon });

export const clustersQuery = z.strictObject({
  from: dateParam.optional(),
  to: dateParam.optional(),
  minSize: intParam(1, 10_000).optional().describe('Smallest cluster to list (default 2).'),
  limit: intParam(1, 500).optional(),
});

export const actorsQuery = z.strictObject({
  type: z.string().min(1).optional().describe('PERSON, ORG, GPE …'),
  limit: intParam(1, 500).optional(),
  ...aggregateCommon,
});

export const actorParams = z.strictObject({ key: z.string().min(1).max(300).describe('Actor key, e.g. person:vladimir-putin.') });

export const quotesQuery = z.strictObject({
  limit: intParam(1, 500).optional(),
  offset: intParam(0, 100_000).optional(),
  from: dateParam.optional(),
  to: dateParam.optional(),
});

export const sourceInput = z.strictObject({
  domain: z.string().min(1).max(253),
  name: z.string().max(300).optional(),
  country: z.string().regex(/^[A-Za-z]{2}$/, 'expected an ISO 3166-1 alpha-2 code').optional(),
  language: z.string().max(35).optional(),
  tags: z.array(z.string().min(1).max(100)).max(50).optional().describe('e.g. state-affiliated, wire, tabloid.'),
});

export const feedInput = z.strictObject({
  url: z.url({ protocol: /^https?$/ }),
  source: z.string().min(1).max(253).optional().describe('Outlet domain; default: the feed URL’s host.'),
  title: z.string().max(1000).optional(),
  pollIntervalS: z.number().int().min(60).max(7 * 86_400).optional(),
  paused: z.boolean().optional(),
});

export const tokenInfo = z.strictObject({
  id: z.number().int(),
  name: z.string(),
  role: roleSchema,
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
});

export const tokenCreate = z.strictObject({ name: z.string().trim().min(1).max(100), role: roleSchema });

export const tokenCreated = z.strictObject({
  token: z.string().describe('The token: shown this once, only its hash is kept.'),
  info: tokenInfo,
});

export const sessionCreate = z.strictObject({ token: z.string().min(1).max(200) });

export const sessionInfo = z.strictObject({
  role: roleSchema,
  csrfToken: z.string().describe('Send as X-CSRF-Token with every state-changing request made with the session cookie.'),
});

export const okBody = z.strictObject({ ok: z.literal(true) });

export const openApiDocument = z.looseObject({ openapi: z.string(), info: z.looseObject({}), paths: z.record(z.string(), z.unknown()) });
