/** Health, statistics, and the OpenAPI document. */
import { defineRoute } from '../route.ts';
import { health, openApiDocument } from '../schemas/api.ts';
import { storeStats } from '../schemas/entities.ts';

export function metaRoutes(document: () => object) {
  return [
    defineRoute({
      method: 'get',
      path: '/api/health',
      access: 'public',
      tag: 'meta',
      summary: 'Liveness: version and store dialect',
      response: health,
      handle: ({ deps }) => ({ ok: true, version: deps.version, store: deps.store.dialect }),
    }),
    defineRoute({
      method: 'get',
      path: '/api/openapi.json',
      access: 'public',
      tag: 'meta',
      summary: 'This API as an OpenAPI 3.1 document',
      response: openApiDocument,
      handle: () => document(),
    }),
    defineRoute({
      method: 'get',
      path: '/api/stats',
      access: 'read',
      tag: 'meta',
      summary: 'Rows per table and database size',
      response: storeStats,
      handle: ({ deps }) => deps.store.stats(),
    }),
  ];
}
