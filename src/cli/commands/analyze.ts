import { createPipeline, planLayers } from '../../analyze/pipeline.ts';
import { parseAllowEntry } from '../../ingest/fetch/allow-list.ts';
import { readInput } from '../../ingest/read-input.ts';
import { toAnalysisJson } from '../../output/analysis-json.ts';
import { renderHtml } from '../../render/html.ts';
import { renderText } from '../../render/text.ts';
import { byteSize, languageCode, layerList, parse } from '../args.ts';
import { UsageError } from '../errors.ts';
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
      color: { type: 'boolean' },
      'no-color': { type: 'boolean' },
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
  const pipeline = await createPipeline({ ...(layers && { layers }), ...(language && { language }) });
  const doc = pipeline.analyze(input);
  const analysis = toAnalysisJson(doc, { layers: pipeline.requested });
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
