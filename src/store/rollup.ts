/**
 * Dashboard rollups, kept up to date at write time so that aggregations over
 * a million articles read thousands of rows, not millions.
 *
 * Each write adds (or, when it replaces something, subtracts) counts in cells
 * keyed by grain (`d` day, `m` month), outlet (source id, 0 for all outlets)
 * and period. A batch gathers its changes here first, so that a thousand
 * articles of the same month touch that month's cell once.
 *
 *   article_rollup (grain, source_id, period)                 articles, words
 *   label_rollup   (grain, layer, source_id, period, label)   n, articles, words
 *   actor_rollup   (grain, source_id, period, actor_key)      articles, mentions, quotes
 *
 * label_rollup has a row per layer that ran (layer `_layer`, label = the
 * layer's name) whose `words` are the analysed words, the denominator of
 * technique rates. Actors have no per-outlet day cells (too many for their
 * worth); queries fill those from the raw tables (see periods.ts).
 */
import type { Contribution } from './derive.ts';

export const ALL_SOURCES = 0;
export const LAYER_RAN = '_layer';

export type Grain = 'd' | 'm';

/** Where an article counts: its day and outlet. */
export interface Place {
  day: string;
  sourceId: number | null;
}

export interface ArticleCell {
  grain: Grain;
  sourceId: number;
  period: string;
  articles: number;
  words: number;
}

export interface LabelCell {
  grain: Grain;
  layer: string;
  sourceId: number;
  period: string;
  label: string;
  n: number;
  articles: number;
  words: number;
}

export interface ActorCell {
  grain: Grain;
  sourceId: number;
  period: string;
  actorKey: string;
  articles: number;
  mentions: number;
  quotes: number;
}

type Cell = [grain: Grain, sourceId: number, period: string];

function cells(place: Place, perSourceDays: boolean): Cell[] {
  const month = place.day.slice(0, 7);
  const out: Cell[] = [
    ['d', ALL_SOURCES, place.day],
    ['m', ALL_SOURCES, month],
  ];
  if (place.sourceId !== null) {
    if (perSourceDays) out.push(['d', place.sourceId, place.day]);
    out.push(['m', place.sourceId, month]);
  }
  return out;
}

const SEP = '\u0000';

function bump<T extends object>(map: Map<string, T>, key: string, make: () => T, add: (cell: T) => void): void {
  let cell = map.get(key);
  if (!cell) map.set(key, (cell = make()));
  add(cell);
}

export class RollupDeltas {
  private readonly articleCells = new Map<string, ArticleCell>();
  private readonly labelCells = new Map<string, LabelCell>();
  private readonly actorCells = new Map<string, ActorCell>();

  /** An article stored (+1) or removed / moved away (-1). */
  article(place: Place, words: number, sign: 1 | -1): void {
    for (const [grain, sourceId, period] of cells(place, true)) {
      bump(
        this.articleCells,
        `${grain}${SEP}${sourceId}${SEP}${period}`,
        () => ({ grain, sourceId, period, articles: 0, words: 0 }),
        (c) => {
          c.articles += sign;
          c.words += sign * words;
        },
      );
    }
  }

  /** An analysis becoming an article's latest (+1), or ceasing to be (-1). */
  analysis(place: Place, contribution: Contribution, sign: 1 | -1): void {
    // about a hundred cells per analysis: keys are built from a per-cell prefix
    const labelCells = cells(place, true).map((cell) => ({ cell, prefix: `${cell[0]}${SEP}${cell[1]}${SEP}${cell[2]}${SEP}` }));
    const addLabel = (layer: string, label: string, n: number, words: number): void => {
      const suffix = `${layer}${SEP}${label}`;
      for (const { cell, prefix } of labelCells) {
        const key = prefix + suffix;
        let c = this.labelCells.get(key);
        if (!c) this.labelCells.set(key, (c = { grain: cell[0], layer, sourceId: cell[1], period: cell[2], label, n: 0, articles: 0, words: 0 }));
        c.n += sign * n;
        c.articles += sign;
        c.words += sign * words;
      }
    };
    for (const layer of contribution.layers) addLabel(LAYER_RAN, layer, 1, contribution.words);
    for (const [layer, label, n] of contribution.labels) addLabel(layer, label, n, 0);
    const actorCells = cells(place, false).map((cell) => ({ cell, prefix: `${cell[0]}${SEP}${cell[1]}${SEP}${cell[2]}${SEP}` }));
    for (const [actorKey, mentions, quotes] of contribution.actors) {
      for (const { cell, prefix } of actorCells) {
        const key = prefix + actorKey;
        let c = this.actorCells.get(key);
        if (!c) this.actorCells.set(key, (c = { grain: cell[0], sourceId: cell[1], period: cell[2], actorKey, articles: 0, mentions: 0, quotes: 0 }));
        c.articles += sign;
        c.mentions += sign * mentions;
        c.quotes += sign * quotes;
      }
    }
  }

  /**
   * Changed cells. `ordered`: in key order, so that concurrent transactions
   * lock shared cells in the same order (PostgreSQL); a single writer
   * (SQLite) skips the sort.
   */
  changes(ordered = true): { articles: ArticleCell[]; labels: LabelCell[]; actors: ActorCell[] } {
    const pick = <T>(m: Map<string, T>, changed: (c: T) => boolean): T[] => {
      const entries = [...m.entries()].filter(([, c]) => changed(c));
      if (ordered) entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      return entries.map(([, c]) => c);
    };
    return {
      articles: pick(this.articleCells, (c) => c.articles !== 0 || c.words !== 0),
      labels: pick(this.labelCells, (c) => c.articles !== 0 || c.n !== 0 || c.words !== 0),
      actors: pick(this.actorCells, (c) => c.articles !== 0 || c.mentions !== 0 || c.quotes !== 0),
    };
  }
}

/** The day an article counts on: its date's UTC day. */
export function dayOf(datedAt: string): string {
  return datedAt.slice(0, 10);
}
