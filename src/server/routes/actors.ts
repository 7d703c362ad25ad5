/** Who is talked about and who is quoted, and the narratives overall. */
import { z } from 'zod';
import type { AggregateOptions } from '../../store/query.ts';
import { compact } from '../compact.ts';
import { defineRoute } from '../route.ts';
import { actorParams, actorsQuery, narrativesQuery, quotesQuery } from '../schemas/api.ts';
import { actorCount, actorQuote, labelCount } from '../schemas/entities.ts';

export function actorRoutes() {
  return [
    defineRoute({
      method: 'get',
      path: '/api/actors',
      access: 'read',
      tag: 'actors',
      summary: 'The most mentioned people, organisations and places',
      query: actorsQuery,
      response: z.array(actorCount),
      handle: ({ query, deps }) => deps.store.topActors(compact(query)),
    }),
    defineRoute({
      method: 'get',
      path: '/api/actors/:key/quotes',
      access: 'read',
      tag: 'actors',
      summary: 'What an actor is quoted as saying, newest first',
      description: 'Each quote with the persuasion techniques found inside it.',
      params: actorParams,
      query: quotesQuery,
      response: z.array(actorQuote),
      handle: ({ params, query, deps }) => deps.store.actorQuotes(params.key, compact(query)),
    }),
    defineRoute({
      method: 'get',
      path: '/api/narratives',
      access: 'read',
      tag: 'narratives',
      summary: 'Narrative labels over all analysed articles',
      query: narrativesQuery,
      response: z.array(labelCount),
      handle: ({ query, deps }) => deps.store.labelCounts({ ...(compact(query) as AggregateOptions), by: 'total', layer: 'narratives' }),
    }),
  ];
}
