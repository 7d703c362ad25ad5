/** Analyses as callers give them, checked before anything is derived or written (the same for both backends). */
import { InputError } from '../ingest/decode-text.ts';
import type { AnalysisInput } from './types.ts';

export function checkAnalysis(item: AnalysisInput, index: number): AnalysisInput {
  const who = `analysis ${index + 1}`;
  if (!Number.isInteger(item.articleId)) throw new InputError(`${who}: articleId must be an integer`);
  const a = item.analysis as Partial<AnalysisInput['analysis']> | undefined;
  if (!a || typeof a.text !== 'string') throw new InputError(`${who}: analysis.text is missing (expected the JSON that toAnalysisJson gives)`);
  if (typeof a.layers !== 'object' || a.layers === null) throw new InputError(`${who}: analysis.layers is missing`);
  if (!item.model || typeof item.model.name !== 'string' || typeof item.model.version !== 'string') throw new InputError(`${who}: model {name, version} is missing`);
  if (item.createdAt !== undefined && Number.isNaN(Date.parse(item.createdAt))) throw new InputError(`${who}: createdAt '${item.createdAt}' is not an ISO 8601 date`);
  return item;
}
