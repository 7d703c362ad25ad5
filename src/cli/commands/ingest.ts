import type { Article } from '../../ingest/article.ts';
import { canonicalizeUrl, DuplicateIndex } from '../../ingest/dedup/index.ts';
import { parseAllowEntry } from '../../ingest/fetch/allow-list.ts';
import { Fetcher } from '../../ingest/fetch/index.ts';
import { readSources } from '../../ingest/sources.ts';
import { parseColumnMapping } from '../../ingest/tabular/index.ts';
import { createPipeline, type Pipeline } from '../../analyze/pipeline.ts';
import { toAnalysisJson } from '../../output/analysis-json.ts';
import { pipelineModel } from '../../jobs/analyser.ts';
import { openStore, type Store } from '../../store/index.ts';
import { allowHostList, byteSize, parse } from '../args.ts';
import { CommandError, UsageError } from '../errors.ts';
import { openAtomic, type AtomicFile } from '../output-file.ts';
import type { CommandContext } from '../context.ts';

export const ingestHelp = `Usage: spinscope ingest <source…> [options]

Turns sources into clean, de-duplicated articles and stores them (default: the SQLite store
./spinscope.db), or writes them as JSONL with --out. A source is an http(s) URL (a page, an
RSS/Atom/JSON feed, an OPML list of feeds, a sitemap or sitemap index), a file (.html,
.html.gz, .txt, .warc, .warc.gz, .jsonl, .csv, .opml, .xml/.rss/.atom/.json feeds and
sitemaps) or a folder of such files. Feed items with only a summary have their page fetched.
Exact copies (same canonical URL or normalised text) are skipped; near-duplicates (wire copy
syndicated by many outlets) are kept and share a cluster id. Bad items are reported at the
end; the exit code is non-zero only if nothing could be read.

Options:
  --store URL          the store: a SQLite file (default ./spinscope.db) or postgres://…
  --out FILE.jsonl     write articles as JSON lines instead of storing them
  --analyse            also analyse each new or changed article into the store
  --mapping SPEC       JSONL/CSV column mapping, e.g. text=body,title=headline,publishedAt=date
  --recursive          read sub-folders of a folder
  --no-page-fetch      keep feed summaries instead of fetching article pages
  --max-bytes SIZE     largest page or file read whole (default 10MB)
  --allow-host HOST_OR_CIDR
                       let fetches reach this non-public host or range; repeatable
  --ignore-robots      fetch even where robots.txt disallows (for sources you may read)`;

interface Sink {
  write(article: Article & { clusterId?: string }): Promise<'inserted' | 'updated' | 'unchanged' | 'written'>;
  close(ok: boolean): Promise<void>;
}

function jsonlSink(file: AtomicFile): Sink {
  return {
    async write(article) {
      await file.write(`${JSON.stringify(article)}\n`);
      return 'written';
    },
    close: (ok) => (ok ? file.commit() : file.abort()),
  };
}

/** Writes through to the store in batches (one transaction each), analysing what changed when asked. */
function storeSink(store: Store, pipeline: Pipeline | undefined): Sink {
  let batch: (Article & { clusterId?: string })[] = [];
  let waiting: ((s: 'inserted' | 'updated' | 'unchanged') => void)[] = [];
  const flush = async () => {
    if (!batch.length) return;
    const [articles, resolves] = [batch, waiting];
    batch = [];
    waiting = [];
    const writes = await store.upsertArticles(articles);
    if (pipeline) {
      const changed = writes.map((w, i) => ({ w, a: articles[i]! })).filter(({ w }) => w.status !== 'unchanged');
      const analyses = changed.map(({ w, a }) => {
        const analysis = toAnalysisJson(pipeline.analyze({ text: a.text, ...(a.id !== undefined && { id: a.id }), ...(a.title !== undefined && { title: a.title }) }), { layers: pipeline.requested });
        // the same model identity as the workers give, so that re-analysis sees these as current
        return { articleId: w.id, analysis, model: pipelineModel(analysis) };
      });
      if (analyses.length) await store.saveAnalyses(analyses);
    }
    writes.forEach((w, i) => resolves[i]!(w.status));
  };
  return {
    write(article) {
      const done = new Promise<'inserted' | 'updated' | 'unchanged'>((resolve) => waiting.push(resolve));
      batch.push(article);
      return batch.length >= 100 ? flush().then(() => done) : Promise.resolve('written' as const);
    },
    async close(ok) {
      if (ok) await flush();
      await store.close();
    },
  };
}

export async function ingestCommand(args: string[], ctx: CommandContext): Promise<number> {
  const { values, positionals } = parse(
    args,
    {
      store: { type: 'string' },
      out: { type: 'string' },
      analyse: { type: 'boolean', default: false },
      analyze: { type: 'boolean', default: false },
      mapping: { type: 'string' },
      recursive: { type: 'boolean', default: false },
      'no-page-fetch': { type: 'boolean', default: false },
      'max-bytes': { type: 'string' },
      'allow-host': { type: 'string', multiple: true },
      'ignore-robots': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h' },
    },
    true,
  );
  if (values.help) {
    ctx.stdout.write(`${ingestHelp}\n`);
    return 0;
  }
  if (!positionals.length) throw new UsageError('ingest needs at least one source: a URL, a file or a folder (try --help)');
  if (values.out && values.store) throw new UsageError('ingest writes either to --store or to --out, not both');
  const analyse = values.analyse || values.analyze;
  if (values.out && analyse) throw new UsageError('--analyse stores analyses: it needs the store, not --out');
  let mapping;
  try {
    mapping = values.mapping ? parseColumnMapping(values.mapping) : undefined;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const maxBytes = byteSize(values['max-bytes']);
  const allow = allowHostList(values['allow-host'], parseAllowEntry);
  const fetcher = new Fetcher({ maxBytes, ...(allow && { allow }), ...(values['ignore-robots'] && { ignoreRobots: true }) });

  let sink: Sink;
  if (values.out) sink = jsonlSink(await openAtomic(values.out));
  else {
    let store: Store;
    try {
      store = await openStore(values.store);
    } catch (error) {
      throw new CommandError((error as Error).message);
    }
    sink = storeSink(store, analyse ? await createPipeline() : undefined);
  }

  const dedup = new DuplicateIndex();
  const seen = new Map<string, string>();
  const errors: string[] = [];
  const counts = { read: 0, written: 0, inserted: 0, updated: 0, unchanged: 0, duplicates: 0, clustered: 0 };
  const started = performance.now();
  let lastReport = 0;
  const report = (force = false) => {
    const now = performance.now();
    if (!force && now - lastReport < 2000) return;
    lastReport = now;
    const rate = counts.read / ((now - started) / 1000 || 1);
    ctx.stderr.write(`ingest: ${counts.read} articles read, ${counts.duplicates} copies skipped, ${errors.length} failed (${rate.toFixed(1)}/s)\n`);
  };
  let ok = false;
  try {
    for await (const item of readSources(positionals, { fetcher, maxBytes, recursive: values.recursive, fetchPages: !values['no-page-fetch'], ...(mapping && { mapping }) })) {
      if ('error' in item) {
        errors.push(item.error);
        report();
        continue;
      }
      counts.read++;
      const article: Article & { clusterId?: string } = { ...item.article };
      if (article.canonicalUrl) article.canonicalUrl = safeCanonical(article.canonicalUrl);
      const key = `n${counts.read}`;
      const match = dedup.add(key, { ...(article.canonicalUrl ?? article.url ? { url: article.canonicalUrl ?? article.url } : {}), text: article.text });
      if (match.exactOf || match.urlOf) {
        counts.duplicates++;
        continue;
      }
      if (match.nearOf) counts.clustered++;
      const cluster = seen.get(match.clusterId) ?? match.clusterId;
      seen.set(key, cluster);
      article.clusterId = `c-${cluster}`;
      const status = await sink.write(article);
      counts[status]++;
      report();
    }
    ok = counts.read > 0 || errors.length === 0;
  } finally {
    await sink.close(ok);
  }
  report(true);
  const where = values.out ?? values.store ?? 'spinscope.db';
  ctx.stderr.write(`ingest: ${counts.read - counts.duplicates} articles to ${where} (${counts.clustered} near-duplicates clustered, ${counts.duplicates} exact copies skipped)\n`);
  for (const e of errors) ctx.stderr.write(`  failed ${e}\n`);
  if (counts.read === 0 && errors.length) throw new CommandError(`ingest: nothing could be read (${errors.length} failures; first: ${errors[0]})`);
  return 0;
}

function safeCanonical(url: string): string {
  try {
    return canonicalizeUrl(url);
  } catch {
    return url;
  }
}
