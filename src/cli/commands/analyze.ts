import { createPipeline, planLayers } from '../../analyze/pipeline.ts';
import { parseAllowEntry } from '../../ingest/fetch/allow-list.ts';
import { readInput } from '../../ingest/read-input.ts';
import { toAnalysisJson, type AnalysisJson } from '../../output/analysis-json.ts';
import type { DocInput } from '../../analyze/pipeline.ts';
import { pipelineModel } from '../../jobs/analyser.ts';
import { openStore, type Store } from '../../store/index.ts';
import { renderHtml } from '../../render/html.ts';
import { renderText } from '../../render/text.ts';
import { byteSize, checkedCaseFiles, languageCode, layerList, parse } from '../args.ts';
import { CommandError, UsageError } from '../errors.ts';
import { writeFileAtomic } from '../output-file.ts';
import type { CommandContext } from '../context.ts';

export const analyzeHelp = `Usage: spinscope analyze <file|url|-> [options]

Analyses one document: a text or HTML file, an http(s) URL, or - for standard input.

Options:
  --format json|text|html  json (default): the machine format (docs/schema/analysis-v1.schema.json);
                           text: the article in the terminal with highlights and a legend;
                           html: a self-contained report page
  --layers a,b             layers to produce (see \`spinscope layers\`); default: all shown by default
  --lang CODE              skip language identification and treat the text as CODE (en, ru, …)
  --out FILE               write to FILE (whole or not at all) instead of standard output
  --pretty                 indent the JSON
  --max-bytes SIZE         refuse inputs larger than SIZE (default 10MB; env SPINSCOPE_MAX_BYTES)
  --allow-host HOST_OR_CIDR
                           let a URL reach this non-public host, host:port, address or CIDR
                           range (loopback, private networks are refused otherwise); repeatable
  --cases FILE             your own known cases (JSONL or CSV: id, claim or summary, disproof,
                           url, date) beside EUvsDisinfo; repeatable
  --store URL              also keep the article and its analysis in the store (a SQLite file
                           such as spinscope.db, or postgres://…); prints the article id on stderr
  --color / --no-color     force or suppress colours in the text format`;

export async function analyzeCommand(args: string[], ctx: CommandContext): Promise<number> {
  const { values, positionals } = parse(
    args,
    {
      format: { type: 'string', default: 'json' },
      layers: { type: 'string' },
      lang: { type: 'string' },
      out: { type: 'string' },
      pretty: { type: 'boolean', default: false },
      'max-bytes': { type: 'string' },
      'allow-host': { type: 'string', multiple: true },
      store: { type: 'string' },
      color: { type: 'boolean' },
      'no-color': { type: 'boolean' },
      cases: { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h' },
    },
    true,
  );
  if (values.help) {
    ctx.stdout.write(`${analyzeHelp}\n`);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError('analyze takes exactly one input: a file, a URL or - (try --help)');
  const format = values.format;
  if (format !== 'json' && format !== 'text' && format !== 'html') throw new UsageError(`--format must be json, text or html, not '${format}'`);
  const layers = layerList(values.layers);
  const language = languageCode(values.lang);
  const caseFiles = checkedCaseFiles(values.cases);
  const maxBytes = byteSize(values['max-bytes']);
  planLayers({ ...(layers && { layers }) }); // an unknown layer is reported before any input is read
  // bad input fails before the models load
  const allowHosts = values['allow-host'];
  for (const entry of allowHosts ?? []) {
    try {
      parseAllowEntry(entry);
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
  }
  const input = await readInput(positionals[0]!, { maxBytes, stdin: ctx.stdin, ...(allowHosts && { allowHosts }) });
  const pipeline = await createPipeline({ ...(layers && { layers }), ...(language && { language }), ...(caseFiles && { caseFiles }) });
  const doc = pipeline.analyze(input);
  const analysis = toAnalysisJson(doc, { layers: pipeline.requested });
  if (values.store !== undefined) await keep(values.store, input, analysis, ctx);
  let output: string;
  if (format === 'json') output = `${JSON.stringify(analysis, null, values.pretty ? 2 : undefined)}\n`;
  else if (format === 'html') output = renderHtml(analysis);
  else {
    const color = values['no-color'] ? false : (values.color ?? (values.out === undefined && ctx.stdoutIsTTY && !process.env.NO_COLOR));
    output = renderText(analysis, { color, width: ctx.columns });
  }
  if (values.out !== undefined) await writeFileAtomic(values.out, output);
  else ctx.stdout.write(output);
  return 0;
}

/** The article and its analysis into the store, one transaction each. */
async function keep(url: string, input: DocInput, analysis: AnalysisJson, ctx: CommandContext): Promise<void> {
  let store: Store;
  try {
    store = await openStore(url);
  } catch (error) {
    throw new CommandError((error as Error).message);
  }
  try {
    const location = input.source?.url ?? input.source?.path;
    // a text file's first line is its headline, as in the examples and the SemEval articles
    const firstLine = input.text.replace(/^\uFEFF/, '').split('\n', 1)[0]!.trim();
    const title = input.title ?? (firstLine && firstLine.length <= 200 ? firstLine : undefined);
    const [written] = await store.upsertArticles([
      {
        authors: [],
        text: input.text,
        ...(input.id !== undefined && { id: input.id }),
        ...(title !== undefined && { title }),
        ...(input.source?.url !== undefined && { url: input.source.url }),
        ...(location !== undefined && { source: { kind: input.source?.url ? 'url' : 'file', location } }),
        fetchedAt: new Date().toISOString(),
      },
    ]);
    const model = pipelineModel(analysis);
    const latest = written!.status === 'unchanged' ? await store.latestAnalysis(written!.id) : undefined;
    // the same text analysed by the same models again adds nothing to the history
    if (latest?.model.version !== model.version || latest.model.name !== model.name) await store.saveAnalyses([{ articleId: written!.id, analysis, model }]);
    ctx.stderr.write(`analyze: stored as article ${written!.id} (${written!.status}) in ${url}\n`);
  } finally {
    await store.close();
  }
}
