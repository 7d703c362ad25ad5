import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { createPipeline } from '../../analyze/pipeline.ts';
import { bundledExamples } from '../../examples.ts';
import { readFileInput } from '../../ingest/read-input.ts';
import { toAnalysisJson } from '../../output/analysis-json.ts';
import { renderText } from '../../render/text.ts';
import { parse } from '../args.ts';
import { CommandError } from '../errors.ts';
import type { CommandContext } from '../context.ts';

export const startHelp = `Usage: spinscope start [--examples DIR]

The main job on the embedded default: analyses the bundled example articles
and prints the report of each.`;

export async function startCommand(args: string[], ctx: CommandContext): Promise<number> {
  const { values } = parse(args, { examples: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, false);
  if (values.help) {
    ctx.stdout.write(`${startHelp}\n`);
    return 0;
  }
  const dir = values.examples ?? bundledExamples();
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
