/**
 * Word classes from public lexicons, as features that generalise to words a
 * training set never showed: emotional valence (VADER, MIT), opinion words
 * (Hu & Liu, CC BY 4.0), hedges and weasel words (retext, MIT). Read from
 * the training data folder when a model is trained, then stored inside the
 * model file, so analysis needs nothing but the model.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export class Lexicons {
  private readonly classes: Map<string, string[]>;

  constructor(entries: Record<string, string[]> | Map<string, string[]>) {
    this.classes = entries instanceof Map ? entries : new Map(Object.entries(entries));
  }

  classesOf(word: string): readonly string[] {
    return this.classes.get(word) ?? NONE;
  }

  get size(): number {
    return this.classes.size;
  }

  toJSON(): Record<string, string[]> {
    return Object.fromEntries([...this.classes].sort(([a], [b]) => (a < b ? -1 : 1)));
  }
}

const NONE: readonly string[] = [];

function lines(path: string): string[] {
  return readFileSync(path, 'utf8')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith(';') && !l.startsWith('%'));
}

/** Reads the lexicons from `../shared/data/lexicons` (training time only). */
export function readLexicons(lexiconDir: string): Lexicons {
  const map = new Map<string, string[]>();
  const add = (word: string, cls: string) => {
    const w = word.toLowerCase();
    if (!/^[\p{L}'’-]+$/u.test(w)) return;
    const list = map.get(w) ?? [];
    if (!list.includes(cls)) list.push(cls);
    map.set(w, list);
  };
  const need = (path: string) => {
    if (!existsSync(path)) throw new Error(`lexicon file missing: ${path}`);
    return path;
  };
  for (const line of lines(need(join(lexiconDir, 'vader/vader_lexicon.txt')))) {
    const [word, mean] = line.split('\t');
    const v = Number(mean);
    if (!word || !Number.isFinite(v)) continue;
    if (v <= -2) add(word, 'strongly negative (VADER)');
    else if (v <= -1) add(word, 'negative (VADER)');
    else if (v >= 2) add(word, 'strongly positive (VADER)');
    else if (v >= 1) add(word, 'positive (VADER)');
  }
  for (const w of lines(need(join(lexiconDir, 'hu-liu-opinion-lexicon/negative-words.txt')))) add(w, 'negative opinion word (Hu & Liu)');
  for (const w of lines(need(join(lexiconDir, 'hu-liu-opinion-lexicon/positive-words.txt')))) add(w, 'positive opinion word (Hu & Liu)');
  for (const w of lines(need(join(lexiconDir, 'hedges-weasels-wooorm/hedges.txt')))) if (!w.includes(' ')) add(w, 'hedge');
  for (const w of lines(need(join(lexiconDir, 'hedges-weasels-wooorm/weasels.txt')))) if (!w.includes(' ')) add(w, 'weasel word');
  return new Lexicons(map);
}
