/** Article search, one article with its analyses, and the export of a search. */
import type { SearchQuery } from '../../store/query.ts';
import { compact } from '../compact.ts';
import { ApiError } from '../errors.ts';
import { exportLines, toByteStream } from '../export-stream.ts';
import { defineRoute } from '../route.ts';
import { articleDetail, exportQuery, searchQuery } from '../schemas/api.ts';
import { searchResult } from '../schemas/entities.ts';
import { idParam } from '../schemas/params.ts';

export function articleRoutes() {
  return [
    defineRoute({
      method: 'get',
      path: '/api/articles',
      access: 'read',
      tag: 'articles',
      summary: 'Search articles',
      description: 'Full-text search with filters on outlet, dates, language and the latest analysis (techniques, frames, genre, actors, narratives). Facets unless `facets=false`.',
      query: searchQuery,
      response: searchResult,
      async handle({ query, deps }) {
        const { facets, ...rest } = query;
        return deps.store.search({ ...compact(rest), facets: facets ?? true } as SearchQuery);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/articles/:id',
      access: 'read',
      tag: 'articles',
      summary: 'One article with its latest analysis and the history of analyses',
      params: idParam,
      response: articleDetail,
      errors: ['not_found'],
      async handle({ params, deps }) {
        const article = await deps.store.getArticle(params.id);
        if (!article) throw new ApiError('not_found', `no article ${params.id}`);
        const [latest, history] = await Promise.all([deps.store.latestAnalysis(params.id), deps.store.analysisHistory(params.id)]);
        return { article, analysis: latest?.analysis ?? null, history };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/export',
      access: 'read',
      tag: 'articles',
      summary: 'Download the articles a search finds',
      description: 'Streams every matching article, newest first: JSON Lines with the latest analysis (what `importJsonl` reads), or CSV with one row per article.',
      query: exportQuery,
      produces: { mediaTypes: ['application/x-ndjson', 'text/csv'], description: 'JSON Lines or CSV, streamed.' },
      async handle({ query, deps }) {
        const { format = 'jsonl', ...filters } = query;
        const search = compact(filters) as SearchQuery;
        // a bad filter is a 400 now rather than a broken download later
        await deps.store.search({ ...search, sort: 'date', limit: 1, facets: false });
        const body = toByteStream(exportLines(deps.store, search, format), (e) => deps.log(`export failed: ${(e as Error).message}`));
        const stamp = new Date(deps.now()).toISOString().slice(0, 10);
        return new Response(body, {
          headers: {
            'Content-Type': format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8',
            'Content-Disposition': `attachment; filename="spinscope-${stamp}.${format}"`,
          },
        });
      },
    }),
  ];
}
