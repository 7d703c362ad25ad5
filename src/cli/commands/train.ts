import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defaultTechniqueModelPath } from '../../analyze/techniques/model.ts';
import { trainTechniques } from '../../analyze/techniques/train.ts';
import { parse, positiveInt } from '../args.ts';
import { CommandError, UsageError } from '../errors.ts';
import type { CommandContext } from '../context.ts';

export const trainHelp = `Usage: spinscope train techniques [options]

Trains the persuasion-technique models (span identification, technique
classification, paragraph techniques per language) on the shared training
data, measures each by cross-validation in its benchmark's official metric,
and writes the model file. CPU only; deterministic for a seed.

Options:
  --data DIR     the training data folder (default: ../shared/data beside the
                 package, or SPINSCOPE_DATA)
  --out FILE     model file to write (default: models/techniques.json.gz)
  --seed N       random seed (default 13)
  --folds K      cross-validation folds (default 5)
  --lang a,b     SemEval-2023 languages for paragraph models (default: en,fr,ge,it,po,ru)`;

export function defaultDataDir(): string {
  return process.env.SPINSCOPE_DATA ?? fileURLToPath(new URL('../../../../shared/data/', import.meta.url));
}

export async function trainCommand(args: string[], ctx: CommandContext): Promise<number> {
  const { values, positionals } = parse(
    args,
    {
      data: { type: 'string' },
      out: { type: 'string' },
      seed: { type: 'string' },
      folds: { type: 'string' },
      lang: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    true,
  );
  if (values.help) {
    ctx.stdout.write(`${trainHelp}\n`);
    return 0;
  }
  if (positionals[0] !== 'techniques' || positionals.length !== 1) throw new UsageError('train takes one model family: techniques (try --help)');
  const data = values.data ?? defaultDataDir();
  if (!existsSync(data)) throw new CommandError(`${data}: no training data folder (pass --data DIR)`);
  const folds = positiveInt(values.folds, '--folds', 5);
  if (folds < 2) throw new UsageError('--folds must be at least 2');
  const languages = values.lang?.split(',').map((s) => s.trim()).filter(Boolean);
  const { metrics } = await trainTechniques({
    data,
    out: values.out ?? defaultTechniqueModelPath(),
    seed: positiveInt(values.seed, '--seed', 13),
    folds,
    ...(languages && { languages }),
    log: (m) => ctx.stderr.write(`${m}\n`),
  });
  ctx.stdout.write(`${JSON.stringify(metrics, null, 2)}\n`);
  return 0;
}
