/**
 * The technique taxonomy and the category palette, taken from the same
 * modules as the HTML report (both are plain data, safe in a browser), so
 * that a category has one colour everywhere spinscope shows it.
 */
import { CATEGORIES, TECHNIQUES, type Category, type Technique } from '../../../src/analyze/techniques/taxonomy.ts';
import { TECHNIQUE_CATEGORY_COLOURS } from '../../../src/render/highlights.ts';
import { labelText } from './format.ts';

export { CATEGORIES, TECHNIQUES, type Category, type Technique };

const byId = new Map<string, Technique>(TECHNIQUES.map((t) => [t.id, t]));

/** Grey for spans whose category the taxonomy does not know (a newer model's label). */
export const UNKNOWN_COLOUR = '#e4e4e4';

export function technique(id: string): Technique | undefined {
  return byId.get(id);
}

export function techniqueName(id: string): string {
  return byId.get(id)?.name ?? labelText(id);
}

export function isCategory(value: string): value is Category {
  return (CATEGORIES as readonly string[]).includes(value);
}

export function categoryColour(category: string | null | undefined): string {
  return category && isCategory(category) ? TECHNIQUE_CATEGORY_COLOURS[category].colour : UNKNOWN_COLOUR;
}

/** The category of a span: its own when the taxonomy knows it, else the technique's. */
export function categoryOf(technique: string, category?: string | null): string {
  if (category && isCategory(category)) return category;
  return byId.get(technique)?.category ?? category ?? 'unknown';
}

/** Darker shade of each category colour, for lines and text on white (the light ones lack contrast there). */
export const CATEGORY_LINE_COLOURS: Record<Category, string> = {
  'Attack on reputation': '#c0392b',
  Justification: '#1f6fb2',
  Simplification: '#a66a00',
  Distraction: '#7b3fb5',
  Call: '#2e8540',
  'Manipulative wording': '#c2185b',
};

/** The 14 SemEval-2023 frames and the 3 genres, for the search filters. */
export { FRAMES_2023 as FRAMES, GENRES_2023 as GENRES } from '../../../src/analyze/framing/labels.ts';
