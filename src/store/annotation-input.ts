/** Human annotations as callers give them → checked rows, the same for both backends. */
import { InputError } from '../ingest/decode-text.ts';
import type { AnnotationInput } from './types.ts';

export interface AnnotationRow {
  articleId: number;
  layer: string;
  label: string;
  start: number | null;
  end: number | null;
  text: string | null;
  author: string | null;
  createdAt: string;
  source: string;
  externalId: string | null;
}

export function checkAnnotation(a: AnnotationInput, index: number): AnnotationRow {
  const who = `annotation ${index + 1}`;
  if (!Number.isInteger(a.articleId)) throw new InputError(`${who}: articleId must be an integer`);
  if (!a.layer || !a.label) throw new InputError(`${who}: layer and label are required`);
  const start = a.start ?? null;
  const end = a.end ?? null;
  if ((start === null) !== (end === null)) throw new InputError(`${who}: give both start and end, or neither for a label of the whole article`);
  if (start !== null && end !== null && (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end < start)) {
    throw new InputError(`${who}: [${start}, ${end}) is not a span`);
  }
  const createdAt = a.createdAt ? Date.parse(a.createdAt) : Date.now();
  if (Number.isNaN(createdAt)) throw new InputError(`${who}: createdAt '${a.createdAt}' is not an ISO 8601 date`);
  return {
    articleId: a.articleId,
    layer: a.layer,
    label: a.label,
    start,
    end,
    text: a.text ?? null,
    author: a.author ?? null,
    createdAt: new Date(createdAt).toISOString(),
    source: a.source ?? 'manual',
    externalId: a.externalId ?? null,
  };
}
