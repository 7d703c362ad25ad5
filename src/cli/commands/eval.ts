import { basename, join } from 'node:path';
import * as clef2019 from '../../benchmarks/clef2019.ts';
import * as semeval2025 from '../../benchmarks/semeval2025.ts';
import * as claimbuster from '../../benchmarks/claimbuster.ts';
import * as semeval2020 from '../../benchmarks/semeval2020.ts';
import * as semeval2021 from '../../benchmarks/semeval2021.ts';
import * as semeval2023 from '../../benchmarks/semeval2023.ts';
import { parse } from '../args.ts';
import { CommandError, UsageError } from '../errors.ts';
import type { CommandContext } from '../context.ts';
import { BENCHMARKS } from './predict.ts';

export const evalHelp = `Usage: spinscope eval <benchmark> --gold FILE|DIR --pred FILE

Scores predictions with the benchmark's official metric and prints the scores as JSON.
Benchmarks: ${BENCHMARKS.join(', ')}.

  semeval2020-si   precision, recall and F1 with partial credit for overlapping spans
  semeval2020-tc   micro-F1 (the official ranking metric), macro-F1, per technique
  semeval2023-st1  macro-F1 (official), micro-F1 and per genre
  semeval2023-st2  micro-F1 (official) and macro-F1 over frames
  semeval2023-st3  micro-F1 (official) and macro-F1 over paragraphs
  semeval2021-st1  micro-F1 (official) and macro-F1 over memes
  semeval2021-st2  F1 with partial credit, per technique
  clef2019         MAP (official), R-Precision, reciprocal rank, P@k (--gold DIR --pred DIR)
  claimbuster      positive-class precision, recall and F1 (--gold train.json --pred FILE.jsonl)
  semeval2025-st2  samples-F1 (official) on narratives and on sub-narratives`;

function round(value: unknown): unknown {
  if (typeof value === 'number') return Math.round(value * 10000) / 10000;
  if (value instanceof Map) return Object.fromEntries([...value].map(([k, v]) => [k, round(v)]));
  if (Array.isArray(value)) return value.map(round);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, round(v)]));
  return value;
}

export async function evalCommand(args: string[], ctx: CommandContext): Promise<number> {
  const { values, positionals } = parse(args, { gold: { type: 'string' }, pred: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, true);
  if (values.help) {
    ctx.stdout.write(`${evalHelp}\n`);
    return 0;
  }
  const benchmark = positionals[0];
  if (!benchmark || !(BENCHMARKS as readonly string[]).includes(benchmark) || positionals.length > 1) {
    throw new UsageError(`eval needs one benchmark: ${BENCHMARKS.join(', ')}`);
  }
  if (!values.gold || !values.pred) throw new UsageError('eval needs --gold and --pred');
  const { gold, pred } = values;
  let result: unknown;
  try {
    if (benchmark === 'semeval2020-si') {
      result = semeval2020.scoreSi(await semeval2020.readSiLabels(gold), await semeval2020.readSiLabels(pred));
    } else if (benchmark === 'semeval2020-tc') {
      result = semeval2020.scoreTc(await semeval2020.readTcLabels(gold), await semeval2020.readTcLabels(pred));
    } else if (benchmark === 'clef2019') {
      const debates = await clef2019.readClefDebates(gold);
      const runs = [];
      for (const debate of debates) runs.push({ debate, predictions: await clef2019.readClefPredictions(join(pred, basename(debate.file))) });
      const score = clef2019.scoreClef(runs);
      result = { ...score, debates: score.debates.length };
    } else if (benchmark === 'semeval2025-st2') {
      result = semeval2025.scoreNarratives(await semeval2025.readNarrativeLabels(gold), await semeval2025.readNarrativeLabels(pred));
    } else if (benchmark === 'claimbuster') {
      result = claimbuster.scoreClaimBuster(await claimbuster.readClaimBuster(gold), await claimbuster.readClaimBusterPredictions(pred));
    } else if (benchmark === 'semeval2023-st1') {
      result = semeval2023.scoreSt1(await semeval2023.readGenreLabels(gold), await semeval2023.readGenreLabels(pred));
    } else if (benchmark === 'semeval2023-st2') {
      const frames = semeval2023.FRAMES_2023;
      result = semeval2023.scoreMultiLabel(await semeval2023.readFrameLabels(gold), await semeval2023.readFrameLabels(pred, { frames }), frames);
    } else if (benchmark === 'semeval2023-st3') {
      const techniques = semeval2023.TECHNIQUES_2023;
      result = semeval2023.scoreMultiLabel(await semeval2023.readParagraphLabels(gold), await semeval2023.readParagraphLabels(pred, { techniques }), techniques);
    } else if (benchmark === 'semeval2021-st1') {
      result = semeval2021.scoreTask1(await semeval2021.readTask1(gold), await semeval2021.readTask1(pred, { predictions: true }));
    } else {
      result = semeval2021.scoreTask2(await semeval2021.readTask2(gold), await semeval2021.readTask2(pred, { predictions: true }), { techniques: semeval2021.TECHNIQUES_2021 });
    }
  } catch (error) {
    throw new CommandError((error as Error).message);
  }
  ctx.stdout.write(`${JSON.stringify(round(result), null, 2)}\n`);
  return 0;
}
