/** Outlets and the feeds polled for them. */
import { z } from 'zod';
import type { FeedInput, SourceInput } from '../../store/types.ts';
import { compact } from '../compact.ts';
import { ApiError } from '../errors.ts';
import { defineRoute } from '../route.ts';
import { feedInput, sourceInput } from '../schemas/api.ts';
import { feed, source } from '../schemas/entities.ts';
import { idParam } from '../schemas/params.ts';

function pauseRoute(action: 'pause' | 'resume') {
  return defineRoute({
    method: 'post',
    path: `/api/feeds/:id/${action}`,
    access: 'write',
    tag: 'sources',
    summary: action === 'pause' ? 'Stop polling a feed' : 'Poll a paused feed again',
    params: idParam,
    response: feed,
    errors: ['not_found'],
    async handle({ params, deps }) {
      const found = (await deps.store.listFeeds({ includePaused: true })).find((f) => f.id === params.id);
      if (!found) throw new ApiError('not_found', `no feed ${params.id}`);
      await deps.store.upsertFeeds([{ url: found.url, paused: action === 'pause' }]);
      return (await deps.store.listFeeds({ includePaused: true })).find((f) => f.id === params.id)!;
    },
  });
}

export function sourceRoutes() {
  return [
    defineRoute({
      method: 'get',
      path: '/api/sources',
      access: 'read',
      tag: 'sources',
      summary: 'Outlets',
      response: z.array(source),
      handle: ({ deps }) => deps.store.listSources(),
    }),
    defineRoute({
      method: 'post',
      path: '/api/sources',
      access: 'write',
      tag: 'sources',
      summary: 'Add an outlet, or update the one with that domain',
      body: sourceInput,
      response: source,
      async handle({ body, deps }) {
        const [id] = await deps.store.upsertSources([compact(body) as SourceInput]);
        return (await deps.store.listSources()).find((s) => s.id === id)!;
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/feeds',
      access: 'read',
      tag: 'sources',
      summary: 'Feeds, paused ones included, with their polling health',
      response: z.array(feed),
      handle: ({ deps }) => deps.store.listFeeds({ includePaused: true }),
    }),
    defineRoute({
      method: 'post',
      path: '/api/feeds',
      access: 'write',
      tag: 'sources',
      summary: 'Add a feed, or update the one with that URL',
      body: feedInput,
      response: feed,
      async handle({ body, deps }) {
        const [id] = await deps.store.upsertFeeds([compact(body) as FeedInput]);
        return (await deps.store.listFeeds({ includePaused: true })).find((f) => f.id === id)!;
      },
    }),
    pauseRoute('pause'),
    pauseRoute('resume'),
  ];
}
