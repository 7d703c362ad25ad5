/** POST /api/analyze: text or a URL in, the analysis out; optionally kept in the store. */
import { pipelineModel } from '../../jobs/analyser.ts';
import { planLayers, type DocInput } from '../../analyze/pipeline.ts';
import { InputError } from '../../ingest/decode-text.ts';
import { readUrlInput } from '../../ingest/read-input.ts';
import type { ArticleInput } from '../../store/types.ts';
import { allows } from '../auth/roles.ts';
import { ApiError } from '../errors.ts';
import { defineRoute } from '../route.ts';
import { analyzeBody, analyzeResponse } from '../schemas/api.ts';

export function analyzeRoutes(gate: { running: number }) {
  return [
    defineRoute({
      method: 'post',
      path: '/api/analyze',
      access: 'read',
      tag: 'analysis',
      summary: 'Analyse a text or a web page',
      description:
        'Exactly one of `text` and `url`. A URL is fetched through the safe fetcher (public addresses only, robots.txt, size and time limits); ' +
        'a page that cannot be fetched answers 422 `fetch_failed` with the reason. `store: true` (write role) also keeps the article and its analysis.',
      body: analyzeBody,
      response: analyzeResponse,
      errors: ['fetch_failed', 'forbidden'],
      analyze: true,
      async handle({ body, caller, deps }) {
        if (body.store && !allows(caller!.role, 'write')) throw new ApiError('forbidden', `store: true needs the write role; the token has ${caller!.role}`);
        // an unknown layer is a 400 before anything is fetched
        planLayers({ ...(body.layers && { layers: body.layers }) });
        if (gate.running >= deps.limits.analyzeQueue) {
          throw new ApiError('rate_limited', `${gate.running} analyses are already running or waiting; try again shortly`, { 'Retry-After': '5' });
        }
        gate.running++;
        try {
          let input: DocInput;
          if (body.url !== undefined) {
            try {
              input = await readUrlInput(body.url, { maxBytes: deps.limits.fetchBytes, timeoutMs: deps.limits.fetchTimeoutMs, allowHosts: deps.allowHosts });
            } catch (error) {
              if (error instanceof InputError) throw new ApiError('fetch_failed', error.message);
              throw error;
            }
          } else {
            input = { text: body.text!, source: { kind: 'text' } };
          }
          if (body.title !== undefined) input.title = body.title;
          const analysis = await deps.analyzer.analyze({ input, ...(body.layers && { layers: body.layers }), ...(body.lang && { language: body.lang }) });
          if (!body.store) return { analysis };
          const url = input.source?.url;
          const article: ArticleInput = {
            text: input.text,
            authors: [],
            lang: analysis.language.code,
            ...(input.title !== undefined && { title: input.title }),
            ...(url !== undefined && { url, fetchedAt: new Date(deps.now()).toISOString() }),
            source: url !== undefined ? { kind: 'url', location: url } : { kind: 'text' },
          };
          const [written] = await deps.store.upsertArticles([article]);
          await deps.store.saveAnalyses([{ articleId: written!.id, analysis, model: pipelineModel(analysis) }]);
          return { analysis, articleId: written!.id };
        } finally {
          gate.running--;
        }
      },
    }),
  ];
}
