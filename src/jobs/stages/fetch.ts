/** `fetch`: a URL → its page, for `extract`. Failures that retrying cannot fix go straight to the dead letters. */
import { InputError } from '../../ingest/decode-text.ts';
import { jobKey } from '../ids.ts';
import { PermanentJobError, type FetchJob, type StageOutcome } from '../types.ts';
import type { StageContext } from './context.ts';

const PAGE_TYPES = new Set(['', 'text/html', 'application/xhtml+xml', 'text/plain']);

/**
 * The fetcher has already retried what a retry can fix within one request
 * (429/5xx, resets); of what remains, a 4xx answer, a robots.txt refusal, the
 * address policy, a size limit or a redirect loop will fail the same way next
 * time. A robots.txt that could not be read ("… try again later") is transient.
 */
export function isPermanentFetchError(message: string): boolean {
  if (/server answered (?!408|425|429)4\d\d/.test(message)) return true;
  if (/blocked by robots\.txt$/.test(message)) return true;
  return /: refused: |larger than the|redirect loop|more than \d+ redirects|redirect to |not a valid URL|only http and https/.test(message);
}

export async function fetchStage(job: FetchJob, ctx: StageContext): Promise<StageOutcome> {
  let page;
  try {
    page = await ctx.fetcher.fetch(job.url);
  } catch (error) {
    if (error instanceof InputError && isPermanentFetchError(error.message)) throw new PermanentJobError(error.message);
    throw error;
  }
  if (!PAGE_TYPES.has(page.contentType)) throw new PermanentJobError(`${page.finalUrl}: not an HTML page (${page.contentType})`);
  return {
    next: [
      {
        stage: 'extract',
        key: jobKey.extract(page.finalUrl, page.fetchedAt),
        data: {
          url: job.url,
          finalUrl: page.finalUrl,
          html: page.text,
          fetchedAt: page.fetchedAt,
          ...(job.feed !== undefined && { feed: job.feed }),
          ...(job.hint !== undefined && { hint: job.hint }),
        },
      },
    ],
    note: `${page.status} ${page.bytes.length} bytes`,
  };
}
