/** The stage functions bound to one context: what a runner calls for each job. */
import { analyseStage } from './stages/analyse.ts';
import type { StageContext } from './stages/context.ts';
import { dedupStage } from './stages/dedup.ts';
import { extractStage } from './stages/extract.ts';
import { fetchStage } from './stages/fetch.ts';
import { indexStage } from './stages/index-stage.ts';
import { pollFeedStage, pollSitemapStage } from './stages/poll.ts';
import type { Handlers } from './types.ts';

export function stageHandlers(ctx: StageContext): Handlers {
  return {
    'poll-feed': (data) => pollFeedStage(data, ctx),
    'poll-sitemap': (data) => pollSitemapStage(data, ctx),
    fetch: (data) => fetchStage(data, ctx),
    extract: (data) => extractStage(data, ctx),
    dedup: (data) => dedupStage(data, ctx),
    index: (data) => indexStage(data, ctx),
    analyse: (data) => analyseStage(data, ctx),
  };
}
