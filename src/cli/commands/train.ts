import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defaultTechniqueModelPath } from '../../analyze/techniques/model.ts';
import { trainTechniques } from '../../analyze/techniques/train.ts';
import { defaultEntityModelPath } from '../../analyze/entities/model.ts';
import { trainEntities } from '../../analyze/entities/train.ts';
import { defaultFramingModelPath } from '../../analyze/framing/model.ts';
import { trainFraming } from '../../analyze/framing/train.ts';
import { defaultClaimModelPath } from '../../analyze/claims/model.ts';
import { trainClaims } from '../../analyze/claims/train.ts';
import { defaultNarrativeModelPath } from '../../analyze/narratives/model.ts';
import { trainNarratives } from '../../analyze/narratives/train.ts';
import { defaultRoleModelPath } from '../../analyze/narratives/roles.ts';
import { trainEntityRoles } from '../../analyze/narratives/roles-train.ts';
import { parse, positiveInt } from '../args.ts';
import { CommandError, UsageError } from '../errors.ts';
import type { CommandContext } from '../context.ts';

export const trainHelp = `Usage: spinscope train techniques|entities|framing|claims|narratives|roles [options]

techniques: the persuasion-technique models (span identification, technique
classification, paragraph techniques per language), measured by
cross-validation in each benchmark's official metric.
entities: the named-entity model, trained on GUM train and measured on GUM dev
(person, organisation and place names, minimal-span matching).
framing: genre and frame models per language (SemEval-2023 subtasks 1 and 2),
measured by cross-validation on train in the official metrics.
claims: the check-worthiness model (ClaimBuster sentences, CLEF-2019 debates for the
debate re-ranker), measured by cross-validation (MAP, positive-class F1).
narratives: narratives and sub-narratives (SemEval-2025 Task 10 subtask 2), and
roles: entity framing (subtask 1), both measured by cross-validation on train.
Each writes their model file under models/. CPU only; deterministic for a seed.

Options:
  --data DIR     the training data folder (default: ../shared/data beside the
                 package, or SPINSCOPE_DATA)
  --out FILE     model file to write (default: models/<family>.json.gz)
  --seed N       random seed (default 13 for techniques, 1 for the others)
  --folds K      techniques, framing: cross-validation folds (default 5)
  --lang a,b     techniques, framing: SemEval-2023 languages (default: en,fr,ge,it,po,ru)`;

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
  const family = positionals[0];
  if (!['techniques', 'entities', 'framing', 'claims', 'narratives', 'roles'].includes(family ?? '') || positionals.length !== 1) throw new UsageError('train takes one model family: techniques, entities, framing, claims, narratives or roles (try --help)');
  const data = values.data ?? defaultDataDir();
  if (!existsSync(data)) throw new CommandError(`${data}: no training data folder (pass --data DIR)`);
  if (family === 'entities') {
    const { metrics } = await trainEntities({
      data,
      out: values.out ?? defaultEntityModelPath(),
      seed: positiveInt(values.seed, '--seed', 1),
      log: (m) => ctx.stderr.write(`${m}\n`),
    });
    ctx.stdout.write(`${JSON.stringify(metrics, null, 2)}\n`);
    return 0;
  }
  const folds = positiveInt(values.folds, '--folds', 5);
  if (folds < 2) throw new UsageError('--folds must be at least 2');
  const languages = values.lang?.split(',').map((s) => s.trim()).filter(Boolean);
  if (family === 'narratives' || family === 'roles') {
    const common = { data, seed: positiveInt(values.seed, '--seed', 1), folds, log: (m: string) => ctx.stderr.write(`${m}\n`) };
    const { metrics } =
      family === 'narratives'
        ? await trainNarratives({ ...common, out: values.out ?? defaultNarrativeModelPath() })
        : await trainEntityRoles({ ...common, out: values.out ?? defaultRoleModelPath() });
    ctx.stdout.write(`${JSON.stringify(metrics, null, 2)}\n`);
    return 0;
  }
  if (family === 'claims') {
    const { metrics } = await trainClaims({
      data,
      out: values.out ?? defaultClaimModelPath(),
      seed: positiveInt(values.seed, '--seed', 13),
      log: (m) => ctx.stderr.write(`${m}\n`),
    });
    ctx.stdout.write(`${JSON.stringify(metrics, null, 2)}\n`);
    return 0;
  }
  if (family === 'framing') {
    const { metrics } = await trainFraming({
      data,
      out: values.out ?? defaultFramingModelPath(),
      seed: positiveInt(values.seed, '--seed', 1),
      hyperparameters: { folds },
      ...(languages && { languages }),
      log: (m) => ctx.stderr.write(`${m}\n`),
    });
    ctx.stdout.write(`${JSON.stringify(metrics, null, 2)}\n`);
    return 0;
  }
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
