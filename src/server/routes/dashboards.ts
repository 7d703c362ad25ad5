/** The rollups behind the dashboards: technique rates, frame and genre shares, narratives over time, syndication clusters. */
import { z } from 'zod';
import type { AggregateOptions } from '../../store/query.ts';
import { compact } from '../compact.ts';
import { defineRoute } from '../route.ts';
import { clustersQuery, narrativesByQuery, sharesQuery, techniquesQuery } from '../schemas/api.ts';
import { cluster, labelCount, labelShare, techniqueRate } from '../schemas/entities.ts';

function shares(path: string, layer: string, what: string) {
  return defineRoute({
    method: 'get',
    path,
    access: 'read',
    tag: 'dashboards',
    summary: `Share of analysed articles with each ${what}`,
    description: `By outlet, day or month: articles carrying the label over the analysed articles of the group (layer \`${layer}\`).`,
    query: sharesQuery,
    response: z.array(labelShare),
    handle: ({ query, deps }) => deps.store.labelShares({ ...(compact(query) as AggregateOptions), layer }),
  });
}

export function dashboardRoutes() {
  return [
    defineRoute({
      method: 'get',
      path: '/api/dashboards/techniques',
      access: 'read',
      tag: 'dashboards',
      summary: 'Persuasion techniques per 1,000 analysed words',
      description: 'By outlet, day or month; `level=category` adds techniques up by category.',
      query: techniquesQuery,
      response: z.array(techniqueRate),
      handle: ({ query, deps }) => deps.store.techniqueRates(compact(query) as AggregateOptions & { level?: 'technique' | 'category' }),
    }),
    shares('/api/dashboards/frames', 'frames', 'frame'),
    shares('/api/dashboards/genres', 'genre', 'genre (opinion, reporting, satire)'),
    defineRoute({
      method: 'get',
      path: '/api/dashboards/narratives',
      access: 'read',
      tag: 'dashboards',
      summary: 'Narratives over time',
      description: 'Counts of each narrative label by month (default) or day.',
      query: narrativesByQuery,
      response: z.array(labelCount),
      handle: ({ query, deps }) => deps.store.labelCounts({ by: 'month', ...(compact(query) as AggregateOptions), layer: 'narratives' }),
    }),
    defineRoute({
      method: 'get',
      path: '/api/dashboards/clusters',
      access: 'read',
      tag: 'dashboards',
      summary: 'Syndication clusters: the same story in several outlets',
      query: clustersQuery,
      response: z.array(cluster),
      handle: ({ query, deps }) => deps.store.clusters(compact(query)),
    }),
  ];
}
