/**
 * ClaimBuster (two-class split of `utaresearch/claimbuster-spotter`):
 * sentences of US presidential debates, label 1 = check-worthy factual
 * sentence (CFS), 0 = the rest (non-factual or unimportant factual).
 *
 * Data: a JSON array of `{sentence_id, label, text}`. Predictions: JSON
 * lines `{"sentence_id", "score", "label"}`, one per sentence. Metric:
 * precision, recall and F1 of the positive class (CFS).
 */
import { writeFile } from 'node:fs/promises';
import { z } from 'zod';
import { FormatError, lineError, linesOf, prf, readLabelText, type PRF } from './common.ts';

export { FormatError };

export interface ClaimBusterSentence {
  sentence_id: number;
  /** 1 = check-worthy factual sentence. */
  label: 0 | 1;
  text: string;
}

export interface ClaimBusterPrediction {
  sentence_id: number;
  /** Probability that the sentence is check-worthy. */
  score: number;
  label: 0 | 1;
}

const Sentence = z.object({
  sentence_id: z.number().int(),
  label: z.union([z.literal(0), z.literal(1)]),
  text: z.string(),
});

const Prediction = z.object({
  sentence_id: z.number().int(),
  score: z.number().finite(),
  label: z.union([z.literal(0), z.literal(1)]),
});

function describe(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
}

export function parseClaimBuster(content: string, file: string): ClaimBusterSentence[] {
  let raw: unknown;
  try {
    raw = JSON.parse(content);
  } catch (error) {
    throw new FormatError(`${file}: not JSON: ${(error as Error).message}`);
  }
  const parsed = z.array(Sentence).safeParse(raw);
  if (!parsed.success) throw new FormatError(`${file}: not a ClaimBuster sentence array: ${describe(parsed.error)}`);
  const ids = new Set<number>();
  for (const s of parsed.data) {
    if (ids.has(s.sentence_id)) throw new FormatError(`${file}: sentence_id ${s.sentence_id} appears twice`);
    ids.add(s.sentence_id);
  }
  return parsed.data;
}

export async function readClaimBuster(file: string): Promise<ClaimBusterSentence[]> {
  return parseClaimBuster(await readLabelText(file), file);
}

export function formatClaimBusterPredictions(predictions: readonly ClaimBusterPrediction[]): string {
  return predictions.map((p) => `${JSON.stringify({ sentence_id: p.sentence_id, score: p.score, label: p.label })}\n`).join('');
}

export async function writeClaimBusterPredictions(file: string, predictions: readonly ClaimBusterPrediction[]): Promise<void> {
  await writeFile(file, formatClaimBusterPredictions(predictions));
}

export function parseClaimBusterPredictions(content: string, file: string): ClaimBusterPrediction[] {
  const out: ClaimBusterPrediction[] = [];
  for (const { line, text } of linesOf(content)) {
    if (text.trim() === '') continue;
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (error) {
      throw lineError(file, line, `not JSON: ${(error as Error).message}`);
    }
    const parsed = Prediction.safeParse(raw);
    if (!parsed.success) throw lineError(file, line, describe(parsed.error));
    out.push(parsed.data);
  }
  return out;
}

export async function readClaimBusterPredictions(file: string): Promise<ClaimBusterPrediction[]> {
  return parseClaimBusterPredictions(await readLabelText(file), file);
}

export interface ClaimBusterScore extends PRF {
  truePositives: number;
  predictedPositives: number;
  goldPositives: number;
  accuracy: number;
  sentences: number;
}

/**
 * Positive-class precision, recall and F1 over the gold sentences. Every
 * gold sentence needs exactly one prediction; predictions for unknown ids
 * are errors, since they mean the run was made on other data.
 */
export function scoreClaimBuster(gold: readonly ClaimBusterSentence[], predicted: readonly Pick<ClaimBusterPrediction, 'sentence_id' | 'label'>[]): ClaimBusterScore {
  const labelOf = new Map<number, 0 | 1>();
  for (const p of predicted) {
    if (labelOf.has(p.sentence_id)) throw new FormatError(`sentence_id ${p.sentence_id} is predicted twice`);
    labelOf.set(p.sentence_id, p.label);
  }
  const goldIds = new Set(gold.map((g) => g.sentence_id));
  for (const id of labelOf.keys()) if (!goldIds.has(id)) throw new FormatError(`sentence_id ${id} is not in the gold data`);
  let tp = 0;
  let pp = 0;
  let gp = 0;
  let correct = 0;
  for (const g of gold) {
    const p = labelOf.get(g.sentence_id);
    if (p === undefined) throw new FormatError(`no prediction for sentence_id ${g.sentence_id}`);
    if (p === 1) pp++;
    if (g.label === 1) gp++;
    if (p === 1 && g.label === 1) tp++;
    if (p === g.label) correct++;
  }
  return { ...prf(tp, pp, tp, gp), truePositives: tp, predictedPositives: pp, goldPositives: gp, accuracy: gold.length ? correct / gold.length : 0, sentences: gold.length };
}
