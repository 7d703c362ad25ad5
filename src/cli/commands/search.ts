import { openStore, searchQuerySchema, type SearchQuery } from '../../store/index.ts';
import { parse, positiveInt } from '../args.ts';
import { CommandError, UsageError } from '../errors.ts';
import type { CommandContext } from '../context.ts';

export const searchHelp = `Usage: spinscope search ["query"] [filters] [options]

Full-text search over the stored articles, with filters; prints JSON ({total, items, nextCursor})
or, with --format text, one line per article. The query takes words, "phrases", OR and -excluded.

Filters (repeatable where it makes sense):
  --source DOMAIN      outlet domain            --language CODE
  --technique ID       e.g. Loaded_Language      --category NAME   e.g. "Attack on reputation"
  --frame NAME         e.g. Security_and_defense --genre opinion|reporting|satire
  --actor KEY          e.g. person:vladimir-putin
  --narrative LABEL    a SemEval-2025 narrative
  --from DATE, --to DATE   published between (YYYY-MM-DD or ISO 8601)

Options:
  --sort relevance|date   (default: relevance with a query, else newest first)
  --limit N (default 20), --offset N, --cursor C (from the previous page's nextCursor)
  --facets                add counts by outlet, language and technique
  --format json|text
  --store URL             a SQLite file (default ./spinscope.db) or postgres://…`;

export async function searchCommand(args: string[], ctx: CommandContext): Promise<number> {
  const many = { type: 'string', multiple: true } as const;
  const { values, positionals } = parse(
    args,
    {
      store: { type: 'string' },
      source: many,
      language: many,
      technique: many,
      category: many,
      frame: many,
      genre: many,
      actor: many,
      narrative: many,
      from: { type: 'string' },
      to: { type: 'string' },
      sort: { type: 'string' },
      limit: { type: 'string' },
      offset: { type: 'string' },
      cursor: { type: 'string' },
      facets: { type: 'boolean', default: false },
      format: { type: 'string', default: 'json' },
      help: { type: 'boolean', short: 'h' },
    },
    true,
  );
  if (values.help) {
    ctx.stdout.write(`${searchHelp}\n`);
    return 0;
  }
  if (positionals.length > 1) throw new UsageError('search takes one query (quote it: spinscope search "gas prices")');
  if (values.format !== 'json' && values.format !== 'text') throw new UsageError(`--format must be json or text, not '${values.format}'`);
  const raw: Record<string, unknown> = {
    ...(positionals[0] !== undefined && { q: positionals[0] }),
    limit: positiveInt(values.limit, '--limit', 20),
    ...(values.offset !== undefined && { offset: positiveInt(values.offset, '--offset', 0) }),
    ...(values.cursor !== undefined && { cursor: values.cursor }),
    ...(values.sort !== undefined && { sort: values.sort }),
    ...(values.from !== undefined && { from: values.from }),
    ...(values.to !== undefined && { to: values.to }),
    ...(values.facets && { facets: true }),
  };
  for (const key of ['source', 'language', 'technique', 'category', 'frame', 'genre', 'actor', 'narrative'] as const) if (values[key]) raw[key] = values[key];
  const parsed = searchQuerySchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new UsageError(`--${issue.path.join('.') || 'query'}: ${issue.message}`);
  }
  let store;
  try {
    store = await openStore(values.store);
  } catch (error) {
    throw new CommandError((error as Error).message);
  }
  try {
    const result = await store.search(raw as SearchQuery);
    if (values.format === 'json') ctx.stdout.write(`${JSON.stringify(result)}\n`);
    else {
      ctx.stdout.write(`${result.total} article${result.total === 1 ? '' : 's'}\n`);
      for (const item of result.items) {
        const date = (item.publishedAt ?? item.datedAt).slice(0, 10);
        ctx.stdout.write(`${String(item.id).padStart(6)}  ${date}  ${item.source ?? '-'}  ${item.title ?? '(untitled)'}\n`);
      }
    }
  } catch (error) {
    throw new CommandError((error as Error).message.split('\n')[0]!);
  } finally {
    await store.close();
  }
  return 0;
}
