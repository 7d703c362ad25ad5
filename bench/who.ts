/**
 * `npm run bench` (third part): who said what. Named entities on GUM dev
 * (the minimal-span matching), quotes and speakers on PolNeAR dev
 * (Jaccard ≥ 0.5), when the training data is present beside the checkout;
 * and the speed of the entity, quote and actor layers on one core.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createPipeline, type DocInput } from 'spinscope';
import { EntityModel } from '../src/analyze/entities/model.ts';
import { evaluateEntities } from '../src/analyze/entities/train.ts';
import { readGumSplit } from '../src/benchmarks/gum.ts';
import { evaluatePolnear } from '../src/benchmarks/polnear.ts';
import { defaultDataDir } from '../src/cli/commands/train.ts';
import { generateCorpus } from './corpus.ts';
import { machine, writeSection } from './report.ts';

const f = (x: number) => x.toFixed(3);
const data = defaultDataDir();
const lines: string[] = [];

if (existsSync(join(data, 'gum')) && existsSync(join(data, 'polnear'))) {
  const model = EntityModel.load();
  const gum = evaluateEntities(model, await readGumSplit(join(data, 'gum'), 'dev'));
  const quotes = await evaluatePolnear(join(data, 'polnear', 'dev'));
  const q = quotes.score;
  lines.push(
    '| benchmark (metric) | spinscope | published anchors | target (issue 4) |',
    '|---|---:|---|---:|',
    `| GUM dev named entities, PERSON/ORG/PLACE proper-noun heads (F1) | ${f(gum.all.f1)} (P ${f(gum.all.precision)}, R ${f(gum.all.recall)}; PERSON ${f(gum.byType.PERSON?.f1 ?? 0)}, ORG ${f(gum.byType.ORG?.f1 ?? 0)}, PLACE ${f(gum.byType.PLACE?.f1 ?? 0)}) | — | 0.85 |`,
    `| PolNeAR dev quote content (F1, Jaccard ≥ 0.5) | ${f(q.f1)} (P ${f(q.precision)}, R ${f(q.recall)}; direct ${f(q.byType.direct.f1)}, mixed ${f(q.byType.mixed.f1)}, indirect ${f(q.byType.indirect.f1)}) | GenderGapTracker 0.84 | 0.85 |`,
    `| PolNeAR dev speaker accuracy on matched quotes | ${f(q.speakerAccuracy)} (${q.speakerCorrect}/${q.speakerTotal}) | GenderGapTracker 0.86 | 0.90 |`,
    '',
    `Entities: model \`${model.name}\` ${model.version}, trained on GUM train only (\`spinscope train entities\`), measured on GUM dev (${gum.all.gold} gold names). Quotes: rules (no training), tuned on PolNeAR train, measured on dev (${q.gold} gold attributions, ${quotes.articles} articles).`,
  );
} else {
  lines.push(`(Quality not measured: no GUM or PolNeAR data under ${data}.)`);
}

async function speed(layers: string[], corpus: DocInput[]): Promise<number> {
  const pipeline = await createPipeline({ layers });
  for (const d of corpus.slice(0, 20)) pipeline.analyze(d);
  const started = performance.now();
  for (const d of corpus) pipeline.analyze(d);
  return corpus.length / ((performance.now() - started) / 1000);
}
const corpus = generateCorpus(300, 5 * 1024, 17);
const rate = await speed(['entities', 'quotes', 'actors'], corpus);
writeSection(
  'who',
  `## Who said what: entities, quotes, actors

${lines.join('\n')}

Speed of the entities, quotes and actors layers together (with the base layers they need), one core, ${corpus.length} generated 5 KB English articles, measured ${new Date().toISOString().slice(0, 10)} on ${machine()}: **${rate.toFixed(0)} articles/s** (target ≥ 200).`,
);
process.stderr.write('bench: who-said-what section written to docs/benchmarks.md\n');
process.stdout.write(`who said what: ${rate.toFixed(0)} articles/s on one core\n`);
