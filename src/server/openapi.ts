/**
 * The OpenAPI 3.1 document, written from the same route descriptions and
 * zod schemas that the app validates with. Shared shapes become components;
 * the analysis document is the project's published JSON Schema
 * (docs/schema/analysis-v1.schema.json), so the two cannot disagree.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { SESSION_COOKIE, CSRF_HEADER } from './auth/sessions.ts';
import { ERROR_STATUS, type ErrorCode } from './errors.ts';
import { routeErrors, type Route } from './route.ts';
import { errorBody, tokenInfo } from './schemas/api.ts';
import * as entities from './schemas/entities.ts';

type Json = Record<string, unknown>;

const COMPONENTS: Record<string, z.ZodType> = {
  AnalysisJson: entities.analysisJson,
  StoredArticle: entities.storedArticle,
  AnalysisSummary: entities.analysisSummary,
  SearchItem: entities.searchItem,
  SearchResult: entities.searchResult,
  TechniqueRate: entities.techniqueRate,
  LabelShare: entities.labelShare,
  LabelCount: entities.labelCount,
  ActorCount: entities.actorCount,
  ActorQuote: entities.actorQuote,
  Cluster: entities.cluster,
  Source: entities.source,
  Feed: entities.feed,
  StoreStats: entities.storeStats,
  TokenInfo: tokenInfo,
  Error: errorBody,
};

const REF = (id: string) => `#/components/schemas/${id}`;

/** The published analysis schema, or undefined where the package ships without docs/. */
export function loadAnalysisSchema(): Json | undefined {
  try {
    return JSON.parse(readFileSync(new URL('../../docs/schema/analysis-v1.schema.json', import.meta.url), 'utf8')) as Json;
  } catch {
    return undefined;
  }
}

function withoutMeta(schema: Json): Json {
  const { $schema: _s, $id: _i, ...rest } = schema;
  return rest;
}

/** Every schema of one direction in one pass, so that shared shapes turn into $refs. */
function generate(named: Record<string, z.ZodType>, extra: Map<string, z.ZodType>, io: 'input' | 'output'): Record<string, Json> {
  const registry = z.registry<{ id: string }>();
  const ids = new Map<z.ZodType, string>();
  for (const [id, schema] of Object.entries(named)) {
    registry.add(schema, { id });
    ids.set(schema, id);
  }
  for (const [id, schema] of extra) if (!ids.has(schema)) registry.add(schema, { id });
  const out = z.toJSONSchema(registry, { uri: REF, io, unrepresentable: 'any' }) as { schemas: Record<string, Json> };
  const schemas: Record<string, Json> = {};
  for (const [id, s] of Object.entries(out.schemas)) schemas[id] = withoutMeta(s);
  // a route whose schema is a component itself points at it
  for (const [id, schema] of extra) if (ids.has(schema)) schemas[id] = { $ref: REF(ids.get(schema)!) };
  return schemas;
}

function openApiPath(path: string): string {
  return path.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, '{$1}');
}

function operationId(route: Route): string {
  const words = route.path.replace(/^\/api\//, '').split(/[/.]/).map((w) => w.replace(/^:/, 'by-'));
  return [route.method, ...words].join('-').replace(/-([a-z0-9])/g, (_m, ch: string) => ch.toUpperCase());
}

function errorResponse(code: ErrorCode): Json {
  const headers: Json = {};
  if (code === 'rate_limited') headers['Retry-After'] = { description: 'Seconds until a request can succeed.', schema: { type: 'integer' } };
  if (code === 'unauthorized') headers['WWW-Authenticate'] = { schema: { type: 'string' } };
  return {
    description: `\`${code}\``,
    ...(Object.keys(headers).length && { headers }),
    content: { 'application/json': { schema: { $ref: REF('Error') } } },
  };
}

function parameters(location: 'query' | 'path', schema: Json | undefined): Json[] {
  if (!schema) return [];
  const properties = (schema.properties ?? {}) as Record<string, Json>;
  const required = new Set((schema.required ?? []) as string[]);
  return Object.entries(properties).map(([name, s]) => {
    const { description, ...rest } = s;
    const list = Array.isArray(rest.anyOf) && (rest.anyOf as Json[]).some((a) => a.type === 'array');
    return {
      name,
      in: location,
      required: location === 'path' || required.has(name),
      ...(typeof description === 'string' && { description }),
      // a list parameter is the same name repeated: ?source=a&source=b
      ...(list && { style: 'form', explode: true }),
      schema: rest,
    };
  });
}

export interface OpenApiInfo {
  version: string;
  analysisSchema?: Json | undefined;
}

export function buildOpenApi(routes: readonly Route[], info: OpenApiInfo): Json {
  const inputs = new Map<string, z.ZodType>();
  const outputs = new Map<string, z.ZodType>();
  routes.forEach((r, i) => {
    if (r.query) inputs.set(`__${i}_query`, r.query);
    if (r.params) inputs.set(`__${i}_params`, r.params);
    if (r.body) inputs.set(`__${i}_body`, r.body);
    if (r.response) outputs.set(`__${i}_response`, r.response);
  });
  const ins = generate({}, inputs, 'input');
  const outs = generate(COMPONENTS, outputs, 'output');
  const components: Record<string, Json> = {};
  for (const id of Object.keys(COMPONENTS)) components[id] = outs[id]!;
  if (info.analysisSchema) {
    // its $id stays: the schema's own `#/$defs/…` references resolve against it
    const { $schema: _s, ...published } = info.analysisSchema;
    components.AnalysisJson = published;
  }

  const paths: Record<string, Record<string, Json>> = {};
  routes.forEach((r, i) => {
    const responses: Json = {};
    const status = String(r.status ?? 200);
    if (r.produces) {
      responses[status] = { description: r.produces.description, content: Object.fromEntries(r.produces.mediaTypes.map((m) => [m, { schema: { type: 'string' } }])) };
    } else {
      responses[status] = { description: r.summary, content: { 'application/json': { schema: outs[`__${i}_response`] ?? {} } } };
    }
    for (const code of routeErrors(r)) responses[String(ERROR_STATUS[code])] = errorResponse(code);
    const operation: Json = {
      operationId: operationId(r),
      tags: [r.tag],
      summary: r.summary,
      ...(r.description && { description: r.description }),
      'x-required-role': r.access,
      security: r.access === 'public' ? [] : [{ bearerAuth: [] }, { sessionCookie: [] }],
      parameters: [...parameters('path', ins[`__${i}_params`]), ...parameters('query', ins[`__${i}_query`])],
      ...(r.body && { requestBody: { required: true, content: { 'application/json': { schema: ins[`__${i}_body`] } } } }),
      responses,
    };
    (paths[openApiPath(r.path)] ??= {})[r.method] = operation;
  });

  return {
    openapi: '3.1.0',
    info: {
      title: 'spinscope API',
      version: info.version,
      description:
        'News analysis: persuasion techniques, actors and quotes, frames, genre, narratives. Authenticate with `Authorization: Bearer <token>` ' +
        `or the session cookie from POST /api/session (then send ${CSRF_HEADER} with every request that changes something). ` +
        'Roles: read < write < admin. Errors are `{"error": {"code", "message"}}`. Offsets are Unicode code points.',
    },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    servers: [{ url: '/' }],
    tags: [...new Set(routes.map((r) => r.tag))].map((name) => ({ name })),
    paths,
    components: {
      schemas: components,
      securitySchemes: {
        bearerAuth: { type: 'http', scheme: 'bearer', description: 'An API token (spn_…).' },
        sessionCookie: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE, description: 'Set by POST /api/session.' },
      },
    },
  };
}
