/**
 * Building blocks for query-string and path parameters. A query string
 * carries text only: numbers are coerced, booleans spelled true/false, and a
 * repeated parameter (`source=a&source=b`) arrives as a list.
 */
import { z } from 'zod';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export const dateParam = z
  .string()
  .refine((s) => DATE.test(s) || !Number.isNaN(Date.parse(s)), 'expected a date (YYYY-MM-DD) or an ISO 8601 timestamp')
  .describe('A day (YYYY-MM-DD, whole day included) or an ISO 8601 timestamp.');

export function listParam(description: string) {
  return z.union([z.string().trim().min(1), z.array(z.string().trim().min(1)).min(1)]).describe(`${description} Repeat the parameter for several.`);
}

export function intParam(min: number, max: number) {
  return z.coerce.number().int().min(min).max(max);
}

export const boolParam = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

export const idParam = z.object({ id: intParam(1, Number.MAX_SAFE_INTEGER).describe('Numeric id.') });

/** Filters shared by article search and export. */
export const searchFilters = {
  q: z.string().trim().max(500).optional().describe('Words, "phrases", OR, -excluded (web-search syntax).'),
  source: listParam('Outlet domain.').optional(),
  language: listParam('Language code.').optional(),
  technique: listParam('Technique id (e.g. Loaded_Language).').optional(),
  category: listParam('Technique category.').optional(),
  frame: listParam('Frame label.').optional(),
  genre: listParam('Genre label (opinion, reporting, satire).').optional(),
  actor: listParam('Actor key (person:vladimir-putin).').optional(),
  narrative: listParam('Narrative label.').optional(),
  from: dateParam.optional(),
  to: dateParam.optional(),
};

export const byParam = z.enum(['source', 'day', 'month', 'total']).optional().describe('Group by outlet (default), day, month, or not at all.');
