/**
 * `npm run bench` (second part): the technique models' cross-validated
 * quality, read from the shipped model file where `spinscope train
 * techniques` recorded it, beside the published anchors; and the technique
 * layers' speed on one core on generated 5 KB articles.
 */
import { statSync } from 'node:fs';
import { createPipeline, type DocInput } from 'spinscope';
import { TechniqueModel, defaultTechniqueModelPath } from '../src/analyze/techniques/model.ts';
import type { TechniqueMetrics } from '../src/analyze/techniques/train.ts';
import { generateCorpus } from './corpus.ts';
import { machine, writeSection } from './report.ts';

const model = TechniqueModel.load();
const metrics = model.file.metrics as unknown as TechniqueMetrics;
const f = (x: number) => x.toFixed(3);

async function speed(layers: string[], corpus: DocInput[]): Promise<number> {
  const pipeline = await createPipeline({ layers });
  for (const d of corpus.slice(0, 20)) pipeline.analyze(d); // warm the JIT
  const started = performance.now();
  for (const d of corpus) pipeline.analyze(d);
  return corpus.length / ((performance.now() - started) / 1000);
}

const corpus = generateCorpus(Number(process.env.BENCH_TECHNIQUE_DOCS ?? 300), 5 * 1024, 11);
const base = await speed(['sentences'], corpus);
const spans = await speed(['techniques'], corpus);
const paragraphs = await speed(['paragraph-techniques'], corpus);
const both = await speed(['techniques', 'paragraph-techniques'], corpus);
const sizeMb = statSync(defaultTechniqueModelPath()).size / 1024 / 1024;
const st3 = metrics.semeval2023_st3;
const anchorsSt3: Record<string, string> = { en: 'best on test 0.376; organisers’ dev baseline 0.161', ru: 'organisers’ dev baseline 0.253' };

writeSection(
  'techniques',
  `## Persuasion techniques

Model \`${model.name}\` ${model.version} (\`models/techniques.json.gz\`, ${sizeMb.toFixed(1)} MB), trained by \`spinscope train techniques\` with seed ${metrics.seed}.
Quality is ${metrics.folds}-fold cross-validation on the train data (folds by article; calibration and thresholds fitted on out-of-fold scores), in each benchmark's official metric as implemented in \`src/benchmarks/\`. The anchors are published results on the official **test** sets, which we do not have: our numbers are not directly comparable, and the held-out re-measurement is the one that counts.

| benchmark (metric) | spinscope, ${metrics.folds}-fold CV on train | published anchors | target (issue 3) |
|---|---:|---|---:|
| SemEval-2020 T11 span identification (F1 with partial overlap) | ${f(metrics.semeval2020_si.f1)} (P ${f(metrics.semeval2020_si.precision)}, R ${f(metrics.semeval2020_si.recall)}) | best on test 0.5155; organisers’ baseline ≈ 0 | 0.52 |
| SemEval-2020 T11 technique classification (micro-F1) | ${f(metrics.semeval2020_tc.microF1)} (macro-F1 ${f(metrics.semeval2020_tc.macroF1)}) | best on test 0.6207 | 0.63 |
${Object.entries(st3)
  .map(([lang, m]) => `| SemEval-2023 T3 subtask 3, ${lang} paragraphs (micro-F1) | ${f(m.microF1)} (macro-F1 ${f(m.macroF1)}, ${m.paragraphs} paragraphs) | ${anchorsSt3[lang] ?? '—'} | ${lang === 'en' || lang === 'ru' ? '0.40' : '—'} |`)
  .join('\n')}
| SemEval-2023 English spans, canonical 23-technique classifier (accuracy) | ${f(metrics.semeval2023_spans_en.accuracy)} | not an official task | — |

Speed of the technique layers, one core, ${corpus.length} generated 5 KB English articles, measured ${new Date().toISOString().slice(0, 10)} on ${machine()} (target: ≥ 200 articles/s for the technique layer):

| layers | articles/s |
|---|---:|
| base (language, paragraphs, tokens, sentences) | ${base.toFixed(0)} |
| + techniques (spans: identification and classification) | ${spans.toFixed(0)} |
| + paragraph-techniques | ${paragraphs.toFixed(0)} |
| + both | ${both.toFixed(0)} |

Reproduce: \`spinscope train techniques\` (about 3 minutes on 2 cores), then \`npm run bench\`.`,
);
process.stderr.write('bench: technique section written to docs/benchmarks.md\n');
process.stdout.write(`technique layers: spans ${spans.toFixed(0)}/s, paragraphs ${paragraphs.toFixed(0)}/s, both ${both.toFixed(0)}/s on one core\n`);
