/**
 * `spinscope train roles`: the entity-role models of SemEval-2025 Task 10
 * subtask 1 — a softmax over the three main roles and a sigmoid per fine
 * role — on the mention's context window, trained on all five languages
 * with the language as a feature. Measured by k-fold cross-validation
 * (folds by article) in the official metric (exact match ratio); the main
 * model is temperature-scaled and the fine model Platt-scaled on
 * out-of-fold scores, and the threshold for extra fine roles is tuned on
 * the folds not being scored (nested). Deterministic for a seed.
 */
import { BagSink, Vocabulary, type FeatureBag } from '../../learn/features.ts';
import { fitPlatt, fitTemperature } from '../../learn/calibration.ts';
import { logits, sigmoid, softmax, trainLinear, type LinearWeights } from '../../learn/linear.ts';
import { kFolds } from '../../learn/random.ts';
import { writeModelFile, type ModelFile } from '../../learn/model-file.ts';
import { resolveMention, scoreEntityRoles, type EntityRoles, type EntityRoleScore } from '../../benchmarks/semeval2025.ts';
import { sentencesOf } from '../../text/sentences.ts';
import { readTaskDocuments, type TaskDocument } from './data.ts';
import { addMentions, emitMentionFeatures, mentionContext } from './role-features.ts';
import { FINE_ROLES, MAIN_ROLES } from './roles-taxonomy.ts';
import { ROLE_MODEL_NAME, ROLE_MODEL_VERSION, decodeRole, type StoredRoleModel } from './roles.ts';
import { packSparse, quantizeWeights } from './sparse-model.ts';
import { pruneWeights } from './train.ts';

export interface RoleHyperparameters {
  minCount: number;
  main: { epochs: number; learningRate: number };
  fine: { epochs: number; learningRate: number };
  prune: number;
}

export const ROLE_HYPERPARAMETERS: RoleHyperparameters = {
  minCount: 2,
  main: { epochs: 10, learningRate: 0.05 },
  fine: { epochs: 10, learningRate: 0.05 },
  prune: 0.1,
};

const EXTRA_GRID = Array.from({ length: 17 }, (_, i) => 0.1 + i * 0.05);

export interface TrainEntityRolesOptions {
  data: string;
  out?: string;
  seed?: number;
  folds?: number;
  languages?: readonly string[];
  hyperparameters?: Partial<RoleHyperparameters>;
  log?: (message: string) => void;
}

export interface RoleLanguageMetrics extends EntityRoleScore {
  /** Always the most frequent main role with its most frequent fine role in the other folds, for scale. */
  majorityExactMatch: number;
}

export interface RoleMetrics {
  folds: number;
  seed: number;
  extraFine: number;
  /** Mentions whose offsets matched the text only after CRLF expansion or by nearest occurrence. */
  offsets: Record<string, number>;
  perLanguage: Record<string, RoleLanguageMetrics>;
  all: EntityRoleScore;
}

interface MentionExample {
  doc: TaskDocument;
  gold: EntityRoles;
  bag: FeatureBag;
  main: number;
  fine: number[];
}

export function mentionExamples(docs: readonly TaskDocument[]): { examples: MentionExample[]; offsets: Record<string, number> } {
  const examples: MentionExample[] = [];
  const offsets: Record<string, number> = {};
  for (const doc of docs) {
    if (doc.entities.length === 0) continue;
    const ctx = mentionContext(doc.text, doc.tokens, sentencesOf(doc.text, doc.tokens), doc.lang);
    const resolved = doc.entities.map((e) => resolveMention(doc.text, e));
    for (const r of resolved) offsets[r.how] = (offsets[r.how] ?? 0) + 1;
    addMentions(ctx, resolved.filter((r) => r.how !== 'unresolved'));
    doc.entities.forEach((gold, i) => {
      const r = resolved[i]!;
      const sink = new BagSink();
      if (r.how !== 'unresolved') emitMentionFeatures(ctx, r.start, r.end, sink);
      examples.push({
        doc,
        gold,
        bag: sink.bag,
        main: MAIN_ROLES.indexOf(gold.mainRole as never),
        fine: gold.fineRoles.map((f) => FINE_ROLES.indexOf(f)).filter((f) => f >= 0),
      });
    });
  }
  return { examples, offsets };
}

interface FittedRoles {
  vocab: Vocabulary;
  main: LinearWeights;
  fine: LinearWeights;
}

function fitRoles(examples: readonly MentionExample[], h: RoleHyperparameters, seed: number): FittedRoles {
  const usable = examples.filter((e) => e.main >= 0);
  const vocab = Vocabulary.fromCounts(usable.map((e) => e.bag), h.minCount);
  const xs = usable.map((e) => vocab.vectorize(e.bag));
  const main = trainLinear(xs.map((x, i) => ({ x, y: usable[i]!.main })), vocab.size, MAIN_ROLES.length, false, { ...h.main, seed });
  const fine = trainLinear(xs.map((x, i) => ({ x, y: usable[i]!.fine })), vocab.size, FINE_ROLES.length, true, { ...h.fine, seed });
  pruneWeights(main, h.prune);
  pruneWeights(fine, h.prune);
  quantizeWeights(main);
  quantizeWeights(fine);
  return { vocab, main, fine };
}

interface OutOfFold {
  main: Float64Array[];
  fine: Float64Array[];
  fold: Int32Array;
}

function crossValidate(examples: readonly MentionExample[], h: RoleHyperparameters, k: number, seed: number, log: (m: string) => void): OutOfFold {
  const articles = [...new Set(examples.map((e) => e.doc.id))].sort();
  const main: Float64Array[] = new Array(examples.length);
  const fine: Float64Array[] = new Array(examples.length);
  const fold = new Int32Array(examples.length);
  kFolds(articles, k, seed).forEach((part, f) => {
    const test = new Set(part);
    const model = fitRoles(examples.filter((e) => !test.has(e.doc.id)), h, seed);
    examples.forEach((e, i) => {
      if (!test.has(e.doc.id)) return;
      const x = model.vocab.vectorize(e.bag);
      main[i] = logits(model.main, x);
      fine[i] = logits(model.fine, x);
      fold[i] = f;
    });
    log(`train roles: fold ${f + 1}/${k}, ${model.vocab.size} features`);
  });
  return { main, fine, fold };
}

interface Calibration {
  temperature: number;
  platt: { a: number; b: number };
}

function calibrate(oof: OutOfFold, examples: readonly MentionExample[], which: (i: number) => boolean): Calibration {
  const idx = examples.map((_, i) => i).filter((i) => which(i) && examples[i]!.main >= 0);
  const temperature = fitTemperature(idx.map((i) => oof.main[i]!), idx.map((i) => examples[i]!.main));
  const scores: number[] = [];
  const labels: boolean[] = [];
  for (const i of idx) {
    const ys = new Set(examples[i]!.fine);
    oof.fine[i]!.forEach((z, c) => {
      scores.push(z);
      labels.push(ys.has(c));
    });
  }
  return { temperature, platt: fitPlatt(scores, labels) };
}

function predictRows(examples: readonly MentionExample[], idx: readonly number[], oof: OutOfFold, c: Calibration, extraFine: number): EntityRoles[] {
  return idx.map((i) => {
    const mainP = softmax(oof.main[i]!, c.temperature);
    const fineP = Float64Array.from(oof.fine[i]!, (z) => sigmoid(c.platt.a * z + c.platt.b));
    const r = decodeRole(mainP, fineP, FINE_ROLES, extraFine);
    return { ...examples[i]!.gold, mainRole: r.main, fineRoles: r.fine };
  });
}

function tuneExtra(examples: readonly MentionExample[], idx: readonly number[], oof: OutOfFold, c: Calibration): number {
  let best = { t: 1, s: -1 };
  for (const t of EXTRA_GRID) {
    const s = scoreEntityRoles(idx.map((i) => examples[i]!.gold), predictRows(examples, idx, oof, c, t)).exactMatchRatio;
    if (s > best.s + 1e-12) best = { t, s };
  }
  return best.t;
}

function majority(examples: readonly MentionExample[], train: readonly number[], test: readonly number[]): number {
  const counts = new Map<string, number>();
  for (const i of train) {
    const g = examples[i]!.gold;
    const key = `${g.mainRole}\t${g.fineRoles.join('\t')}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const top = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '';
  return test.filter((i) => {
    const g = examples[i]!.gold;
    return `${g.mainRole}\t${g.fineRoles.join('\t')}` === top;
  }).length / Math.max(1, test.length);
}

export async function trainEntityRoles(options: TrainEntityRolesOptions): Promise<{ model: ModelFile<StoredRoleModel>; metrics: RoleMetrics }> {
  const log = options.log ?? (() => {});
  const seed = options.seed ?? 19;
  const k = options.folds ?? 5;
  const h: RoleHyperparameters = { ...ROLE_HYPERPARAMETERS, ...options.hyperparameters };
  const started = performance.now();
  const elapsed = () => `${((performance.now() - started) / 1000).toFixed(0)} s`;
  const docs = await readTaskDocuments(options.data, options.languages);
  const { examples, offsets } = mentionExamples(docs);
  log(`train roles: ${examples.length} mentions in ${new Set(examples.map((e) => e.doc.id)).size} articles; offsets ${JSON.stringify(offsets)}; ${k}-fold cross-validation, seed ${seed}`);
  const oof = crossValidate(examples, h, k, seed, (m) => log(`${m} (${elapsed()})`));

  // nested: each fold decoded with calibration and threshold from the other folds
  const predicted: EntityRoles[] = new Array(examples.length);
  for (let f = 0; f < k; f++) {
    const rest = examples.map((_, i) => i).filter((i) => oof.fold[i] !== f);
    const c = calibrate(oof, examples, (i) => oof.fold[i] !== f);
    const t = tuneExtra(examples, rest, oof, c);
    const mine = examples.map((_, i) => i).filter((i) => oof.fold[i] === f);
    predictRows(examples, mine, oof, c, t).forEach((row, j) => (predicted[mine[j]!] = row));
  }
  const languages = [...new Set(examples.map((e) => e.doc.lang))].sort();
  const perLanguage: Record<string, RoleLanguageMetrics> = {};
  for (const lang of languages) {
    const idx = examples.map((_, i) => i).filter((i) => examples[i]!.doc.lang === lang);
    const s = scoreEntityRoles(idx.map((i) => examples[i]!.gold), idx.map((i) => predicted[i]!));
    let maj = 0;
    for (let f = 0; f < k; f++) {
      const test = idx.filter((i) => oof.fold[i] === f);
      maj += majority(examples, idx.filter((i) => oof.fold[i] !== f), test) * test.length;
    }
    perLanguage[lang] = { ...s, majorityExactMatch: maj / idx.length };
    log(`train roles: ${lang}: exact match ${s.exactMatchRatio.toFixed(3)}, main-role accuracy ${s.mainRoleAccuracy.toFixed(3)}, fine micro-F1 ${s.microF1.toFixed(3)} over ${s.mentions} mentions`);
  }
  const all = scoreEntityRoles(examples.map((e) => e.gold), predicted);
  const calibration = calibrate(oof, examples, () => true);
  const extraFine = tuneExtra(examples, examples.map((_, i) => i), oof, calibration);
  const final = fitRoles(examples, h, seed);
  log(`train roles: final models fitted (${elapsed()})`);
  const metrics: RoleMetrics = { folds: k, seed, extraFine, offsets, perLanguage, all };
  const model: ModelFile<StoredRoleModel> = {
    format: 'spinscope-model/1',
    name: ROLE_MODEL_NAME,
    version: ROLE_MODEL_VERSION,
    created: new Date().toISOString(),
    training: { data: [`semeval2025-task10 train subtask 1 (${languages.join(', ')}; ${examples.length} mentions)`], seed, folds: k, hyperparameters: h },
    metrics: metrics as unknown as Record<string, unknown>,
    model: {
      linear: packSparse(
        [
          { model: final.main, classes: [...MAIN_ROLES] },
          { model: final.fine, classes: [...FINE_ROLES] },
        ],
        final.vocab.names,
      ),
      temperature: calibration.temperature,
      platt: calibration.platt,
      extraFine,
      languages,
    },
  };
  if (options.out) {
    writeModelFile(options.out, model);
    log(`train roles: wrote ${options.out} (${elapsed()})`);
  }
  return { model, metrics };
}
