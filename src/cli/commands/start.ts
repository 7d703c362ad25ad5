import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { createPipeline } from '../../analyze/pipeline.ts';
import { bundledExamples } from '../../examples.ts';
import { readFileInput } from '../../ingest/read-input.ts';
import { toAnalysisJson } from '../../output/analysis-json.ts';
import { renderText } from '../../render/text.ts';
import { parse } from '../args.ts';
import { CommandError, UsageError } from '../errors.ts';
import type { CommandContext } from '../context.ts';
import { SERVE_OPTIONS, runServer, serverOptions, untilSignal } from './serve.ts';

export const startHelp = `Usage: spinscope start [options]

Opens the database (./spinscope.db unless --store says otherwise); when it holds
no article yet, analyses the bundled example articles into it. Creates and
prints a first admin token when there is none, keeps the store's feeds ingested
and analysed in this process, and serves the API and the web app on
http://127.0.0.1:8080 until Ctrl-C.

Options:
  --once, --report    only analyse the examples and print the report of each, then exit
                      (no database, no server)
  --examples DIR      the example articles (.txt) to use instead of the bundled ones
  --feed URL          follow this RSS/Atom/JSON feed or sitemap (repeatable; remembered in the store)
  --no-ingest         serve only: do not poll feeds
  --store, --host, --port, --cors, --rate-limit, --allow-host
                      as for \`spinscope serve\``;

export async function startCommand(args: string[], ctx: CommandContext): Promise<number> {
  const { values } = parse(
    args,
    { ...SERVE_OPTIONS, once: { type: 'boolean' }, report: { type: 'boolean' }, examples: { type: 'string' }, feed: { type: 'string', multiple: true }, 'no-ingest': { type: 'boolean' } },
    false,
  );
  if (values.help) {
    ctx.stdout.write(`${startHelp}\n`);
    return 0;
  }
  const dir = values.examples ?? bundledExamples();
  if (values.once || values.report) return printReports(dir, ctx);
  for (const url of values.feed ?? []) if (!/^https?:\/\//i.test(url)) throw new UsageError(`--feed takes an http(s) URL, not '${url}'`);
  return runServer({ ...serverOptions(values), examples: dir, ingest: !values['no-ingest'], ...(values.feed && { feeds: values.feed }), stderr: ctx.stderr, stop: untilSignal() });
}

/** The examples' text reports on stdout: what `start` did before it served (tests and the README use it). */
async function printReports(dir: string, ctx: CommandContext): Promise<number> {
  const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => n.endsWith('.txt')).sort();
  if (!names.length) throw new CommandError(`${dir}: no example articles (.txt) found`);
  const pipeline = await createPipeline();
  const color = ctx.stdoutIsTTY && !process.env.NO_COLOR;
  const started = performance.now();
  for (const name of names) {
    const doc = pipeline.analyze(await readFileInput(join(dir, name)));
    ctx.stdout.write(`${renderText(toAnalysisJson(doc, { layers: pipeline.requested }), { color, width: ctx.columns })}\n`);
  }
  const ms = performance.now() - started;
  ctx.stderr.write(`start: analysed ${names.length} example articles in ${ms.toFixed(0)} ms (layers: ${pipeline.steps.join(', ')})\n`);
  return 0;
}
