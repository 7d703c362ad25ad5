/**
 * A generated corpus for benchmarks: the bundled example articles cut into
 * paragraphs and recombined with a seeded generator into documents of a
 * chosen size, so runs are repeatable and nothing from a dataset is used.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DocInput } from '../src/analyze/pipeline.ts';
import { bundledExamples } from '../src/examples.ts';
import { seededRandom } from '../src/learn/random.ts';

export function exampleParagraphs(language: 'en' | 'ru' = 'en'): string[] {
  const dir = bundledExamples();
  return readdirSync(dir)
    .filter((n) => n.endsWith('.txt') && (language === 'ru') === n.startsWith('ru-'))
    .sort()
    .flatMap((n) => readFileSync(join(dir, n), 'utf8').split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean));
}

/** `count` documents of about `bytes` UTF-8 bytes each. */
export function generateCorpus(count: number, bytes: number, seed = 42): DocInput[] {
  const paragraphs = exampleParagraphs();
  const random = seededRandom(seed);
  const docs: DocInput[] = [];
  for (let i = 0; i < count; i++) {
    const parts: string[] = [];
    let size = 0;
    while (size < bytes) {
      const p = paragraphs[Math.floor(random() * paragraphs.length)]!;
      parts.push(p);
      size += Buffer.byteLength(p) + 2;
    }
    docs.push({ id: `gen-${i}`, text: parts.join('\n\n') });
  }
  return docs;
}
