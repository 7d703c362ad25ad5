/** What the crash writer stores, so that the test knows exactly what each batch must contain. */
import type { AnalysisJson } from '../output/analysis-json.ts';
import { syntheticAnalysis } from './synthetic.ts';
import type { ArticleInput } from './types.ts';

export const BATCH = 50;

const WORDS = ['sanctions', 'grain', 'corridor', 'talks', 'minister', 'warned', 'energy', 'prices', 'summit', 'harbour', 'strike', 'budget'];

export function crashText(b: number, i: number): string {
  const words: string[] = [];
  // a few kilobytes, so that each transaction takes long enough to be killed inside
  for (let k = 0; k < 400; k++) words.push(WORDS[(b * 7 + i * 3 + k) % WORDS.length]!);
  return `Batch ${b} article ${i}\n\n${words.join(' ')}.`;
}

export function crashArticle(b: number, i: number): ArticleInput {
  const day = String(1 + ((b + i) % 28)).padStart(2, '0');
  return { url: `https://outlet${i % 5}.example/b${b}/a${i}`, title: `Batch ${b} article ${i}`, text: crashText(b, i), authors: [], publishedAt: `2024-0${1 + (b % 9)}-${day}T10:00:00Z`, lang: 'en' };
}

/** How many technique spans and quotes article i of batch b gets. */
export function expected(b: number, i: number): { techniques: number; quotes: number } {
  return { techniques: 1 + ((b + i) % 7), quotes: (b * i) % 3 };
}

export function crashAnalysis(b: number, i: number): AnalysisJson {
  const text = crashText(b, i);
  const { techniques, quotes } = expected(b, i);
  const start = text.indexOf('\n\n') + 2;
  return syntheticAnalysis(text, {
    techniques: Array.from({ length: techniques }, (_, k) => ({ label: k % 2 ? 'Doubt' : 'Loaded_Language', start: start + k * 10, end: start + k * 10 + 8 })),
    actors: [{ id: `person:p${i % 4}`, name: `Person ${i % 4}`, mentions: [{ start: 0, end: 5 }] }],
    quotes: Array.from({ length: quotes }, (_, k) => ({ start: start + k * 20, end: start + k * 20 + 15, actor: `person:p${i % 4}` })),
  });
}
