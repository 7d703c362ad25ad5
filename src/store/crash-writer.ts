/**
 * The writer that crash.test.ts kills: stores batches of articles, then
 * their analyses, each batch in its own transactions, and prints a line
 * after each commit. Usage: node --import tsx crash-writer.ts <store-url> [first batch]
 */
import { openStore } from './open.ts';
import { crashAnalysis, crashArticle, BATCH } from './crash-plan.ts';

const url = process.argv[2];
if (!url) throw new Error('usage: crash-writer.ts <store-url>');
const store = await openStore(url);
for (let b = Number(process.argv[3] ?? 0); ; b++) {
  const writes = await store.upsertArticles(Array.from({ length: BATCH }, (_, i) => crashArticle(b, i)));
  process.stdout.write(`articles ${b}\n`);
  await store.saveAnalyses(writes.map((w, i) => ({ articleId: w.id, analysis: crashAnalysis(b, i), model: { name: 'crash', version: '1' } })));
  process.stdout.write(`analyses ${b}\n`);
}
