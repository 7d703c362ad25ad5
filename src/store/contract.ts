/**
 * The store's behaviour, as one test suite that every backend must pass:
 * `storeContract('sqlite', open)` and `storeContract('postgres', open)`.
 * Read-only checks share one store loaded with the known dataset
 * (fixtures.ts); checks that write open a store of their own.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { PassThrough, Writable } from 'node:stream';
import { InputError } from '../ingest/decode-text.ts';
import { countWords } from './article-row.ts';
import { StoreError } from './errors.ts';
import { importJsonl, writeJsonl } from './export/jsonl.ts';
import { writeArticlesCsv, writeSpansCsv } from './export/csv.ts';
import { writeSemevalSi, writeSemevalSt3, writeSemevalTc } from './export/semeval.ts';
import { importLabelStudio, writeLabelStudioTasks } from './export/label-studio.ts';
import { trainingSet } from './export/training.ts';
import { ARTICLES, MODEL, TEXTS, analyses, at, loadFixture, words, type FixtureIds } from './fixtures.ts';
import { syntheticAnalysis } from './synthetic.ts';
import type { SearchResult, Store } from './types.ts';

export interface TestStore {
  store: Store;
  dispose(): Promise<void>;
}

export type OpenTestStore = () => Promise<TestStore>;

type Key = keyof FixtureIds;

/** Collects what a writer function writes. */
async function collect(fn: (out: Writable) => Promise<unknown>): Promise<string> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  await fn(out);
  out.end();
  return Buffer.concat(chunks).toString('utf8');
}

function keysOf(ids: FixtureIds, result: SearchResult): Key[] {
  const byId = new Map(Object.entries(ids).map(([k, v]) => [v, k as Key]));
  return result.items.map((i) => byId.get(i.id) ?? (`#${i.id}` as Key));
}

function sorted<T>(list: T[]): T[] {
  return [...list].sort();
}

/** Every dashboard view, to compare rollups kept at write time with rollups rebuilt from scratch. */
async function dashboards(store: Store): Promise<unknown> {
  const out: unknown[] = [];
  for (const by of ['source', 'day', 'month', 'total'] as const) {
    out.push(await store.techniqueRates({ by }));
    out.push(await store.techniqueRates({ by, from: '2024-01-15', to: '2024-03-02' }));
    out.push(await store.labelShares({ layer: 'frames', by }));
    out.push(await store.labelCounts({ layer: 'narratives', by }));
  }
  out.push(await store.articleCounts({ by: 'source' }), await store.articleCounts({ by: 'day' }), await store.articleCounts({ by: 'total', from: '2024-01-20', to: '2024-02-10' }));
  out.push(await store.topActors({}), await store.topActors({ from: '2024-01-15' }), await store.topActors({ source: 'alpha.example', to: '2024-02-20' }));
  return out;
}

export function storeContract(name: string, open: OpenTestStore): void {
  describe(`store contract (${name})`, () => {
    describe('the known dataset', () => {
      let t: TestStore;
      let store: Store;
      let ids: FixtureIds;
      before(async () => {
        t = await open();
        store = t.store;
        ids = await loadFixture(store);
      });
      after(async () => t?.dispose());

      it('stores articles with their outlet, normalised dates and language', async () => {
        const a3 = (await store.getArticle(ids.a3))!;
        assert.equal(a3.source, 'alpha.example');
        assert.equal(a3.publishedAt, '2024-02-15T09:00:00.000Z');
        assert.equal(a3.datedAt, '2024-02-15T09:00:00.000Z');
        assert.equal(a3.language, 'ru');
        const a2 = (await store.getArticle(ids.a2))!;
        assert.equal(a2.language, 'en');
        assert.equal(a2.clusterId, 'c1');
        assert.equal(a2.wordCount, countWords(TEXTS.a2));
        const a5 = (await store.getArticle(ids.a5))!;
        assert.equal(a5.source, null);
        assert.equal(a5.canonicalUrl, null);
        assert.deepEqual(a5.origin, { kind: 'file', location: 'climate.txt' });
        assert.equal(a5.externalId, 'climate');
        const sources = await store.listSources();
        assert.deepEqual(
          sources.map((s) => [s.domain, s.name, s.country, s.tags]),
          [
            ['alpha.example', 'Alpha News', 'RU', ['state-affiliated']],
            ['beta.example', 'Beta Daily', 'GB', []],
            ['gamma.example', 'Gamma Wire', null, ['wire']],
          ],
        );
      });

      it('finds articles by URL, external id and content hash', async () => {
        assert.equal((await store.findArticle({ url: 'https://beta.example/b1' }))?.id, ids.a2);
        assert.equal((await store.findArticle({ externalId: 'climate' }))?.id, ids.a5);
        const a4 = (await store.getArticle(ids.a4))!;
        assert.equal((await store.findArticle({ contentHash: a4.contentHash }))?.id, ids.a2, 'the first of the syndicated copies');
        assert.equal(await store.findArticle({ url: 'https://nowhere.example/' }), undefined);
      });

      it('keeps the analysis JSON exactly and derives counts from it', async () => {
        const input = analyses(ids)[0]!;
        const latest = (await store.latestAnalysis(ids.a1))!;
        assert.deepEqual(latest.analysis, input.analysis);
        assert.deepEqual(latest.model, MODEL);
        assert.equal(latest.latest, true);
        assert.deepEqual(latest.counts, { techniques: 4, quotes: 1, actors: 1, frames: 2, genre: 1, narratives: 1, claims: 1 });
        assert.deepEqual(await store.pendingAnalysis(), [ids.a6]);
      });

      it('searches text, with highlighted snippets and per-layer counts', async () => {
        const r = await store.search({ q: 'sanctions' });
        assert.deepEqual(keysOf(ids, r), ['a1']);
        assert.equal(r.total, 1);
        const item = r.items[0]!;
        assert.equal(item.source, 'alpha.example');
        assert.equal(item.counts.techniques, 4);
        assert.equal(item.counts.quotes, 1);
        assert.ok(item.snippet.highlights.length >= 1);
        for (const h of item.snippet.highlights) assert.match([...item.snippet.text].slice(h.start, h.end).join(''), /^sanctions$/i);
        assert.deepEqual(sorted(keysOf(ids, await store.search({ q: 'grain corridor' }))), ['a2', 'a4']);
        assert.deepEqual(keysOf(ids, await store.search({ q: 'санкции' })), ['a3']);
        assert.deepEqual(keysOf(ids, await store.search({ q: '"energy prices rose"' })), ['a1']);
        assert.deepEqual(keysOf(ids, await store.search({ q: '"prices energy rose"' })), []);
        assert.deepEqual(sorted(keysOf(ids, await store.search({ q: 'walkout OR strike' }))), ['a5', 'a6']);
        assert.deepEqual(keysOf(ids, await store.search({ q: 'grain -Istanbul' })), []);
        assert.deepEqual(keysOf(ids, await store.search({ q: 'clim*' })), ['a5']);
      });

      it('filters by every field', async () => {
        const keys = async (q: Parameters<Store['search']>[0]) => sorted(keysOf(ids, await store.search(q)));
        assert.deepEqual(await keys({ source: 'beta.example' }), ['a2', 'a6']);
        assert.deepEqual(await keys({ source: ['beta.example', 'gamma.example'] }), ['a2', 'a4', 'a6']);
        assert.deepEqual(await keys({ language: 'ru' }), ['a3']);
        assert.deepEqual(await keys({ from: '2024-02-01', to: '2024-02-29' }), ['a3', 'a6']);
        assert.deepEqual(await keys({ from: '2024-01-31T23:30:00Z', to: '2024-01-31T23:30:00Z' }), ['a2']);
        assert.deepEqual(await keys({ technique: 'Flag_Waving' }), ['a1']);
        assert.deepEqual(await keys({ technique: 'Appeal_to_Fear-Prejudice' }), ['a2', 'a4']);
        assert.deepEqual(await keys({ category: 'Attack on reputation' }), ['a3']);
        assert.deepEqual(await keys({ frame: 'Economic' }), ['a1', 'a3']);
        assert.deepEqual(await keys({ genre: 'reporting' }), ['a2', 'a4']);
        assert.deepEqual(await keys({ actor: 'person:dmitry-peskov' }), ['a3']);
        assert.deepEqual(await keys({ narrative: 'Sanctions backfire' }), ['a1', 'a3']);
        assert.deepEqual(await keys({ narrative: 'Europe suffers' }), ['a1']);
        assert.deepEqual(await keys({ has: [{ layer: 'claims' }] }), ['a1']);
        assert.deepEqual(await keys({ has: [{ layer: 'genre', label: 'opinion' }] }), ['a1']);
        assert.deepEqual(await keys({ q: 'grain', source: 'gamma.example', technique: 'Appeal_to_Fear-Prejudice' }), ['a4']);
        assert.deepEqual(await keys({ q: 'grain', source: 'alpha.example' }), []);
        assert.deepEqual(await keys({ source: 'unknown.example' }), []);
      });

      it('sorts by date and pages with a cursor, by relevance with offsets', async () => {
        const seen: Key[] = [];
        let cursor: string | undefined;
        for (let page = 0; page < 5; page++) {
          const r = await store.search({ limit: 2, ...(cursor ? { cursor } : {}) });
          assert.equal(r.total, 6);
          seen.push(...keysOf(ids, r));
          if (!r.nextCursor) break;
          cursor = r.nextCursor;
        }
        assert.deepEqual(seen, ['a5', 'a4', 'a6', 'a3', 'a2', 'a1']);
        const first = await store.search({ q: 'grain', limit: 1 });
        assert.equal(first.total, 2);
        const second = await store.search({ q: 'grain', limit: 1, cursor: first.nextCursor! });
        assert.equal(second.nextCursor, null);
        assert.deepEqual(sorted([...keysOf(ids, first), ...keysOf(ids, second)]), ['a2', 'a4']);
        assert.deepEqual(keysOf(ids, await store.search({ q: 'grain', sort: 'date' })), ['a4', 'a2']);
        assert.deepEqual(keysOf(ids, await store.search({ offset: 4, limit: 10 })), ['a2', 'a1']);
        await assert.rejects(store.search({ q: 'energy', cursor: first.nextCursor! }), InputError);
      });

      it('counts facets over the whole result', async () => {
        const r = await store.search({ q: 'grain', facets: true, limit: 1 });
        assert.deepEqual(r.facets, {
          source: [
            { value: 'beta.example', count: 1 },
            { value: 'gamma.example', count: 1 },
          ],
          language: [{ value: 'en', count: 2 }],
          technique: [{ value: 'Appeal_to_Fear-Prejudice', count: 2 }],
        });
      });

      it('refuses bad queries with one-line messages', async () => {
        await assert.rejects(store.search({ limit: 0 }), (e: Error) => e instanceof InputError && /limit/.test(e.message) && !e.message.includes('\n'));
        await assert.rejects(store.search({ sort: 'relevance' }), InputError);
        await assert.rejects(store.search({ q: '-only' }), InputError);
        await assert.rejects(store.search({ from: 'yesterday' }), InputError);
        await assert.rejects(store.search({ bogus: 1 } as never), InputError);
      });

      it('gives technique rates per 1,000 words by outlet, day, month and in all', async () => {
        const rates = await store.techniqueRates({ by: 'source' });
        const get = (key: string, technique: string) => rates.find((r) => r.key === key && r.technique === technique);
        const alphaWords = words('a1') + words('a3');
        assert.deepEqual(get('alpha.example', 'Loaded_Language'), { key: 'alpha.example', technique: 'Loaded_Language', spans: 3, articles: 2, words: alphaWords, per1000Words: (3 * 1000) / alphaWords });
        assert.equal(get('alpha.example', 'Doubt')?.spans, 1);
        assert.equal(get('beta.example', 'Appeal_to_Fear-Prejudice')?.words, words('a2'));
        assert.equal(rates.length, 6);

        const total = await store.techniqueRates({ by: 'total' });
        const allWords = words('a1') + words('a2') + words('a3') + words('a4') + words('a5');
        assert.deepEqual(
          total.map((r) => [r.technique, r.spans, r.words]).sort(),
          [
            ['Appeal_to_Fear-Prejudice', 2, allWords],
            ['Doubt', 1, allWords],
            ['Exaggeration-Minimisation', 1, allWords],
            ['Flag_Waving', 1, allWords],
            ['Loaded_Language', 3, allWords],
          ],
        );
        // a ragged range: half of January from day cells, February from its month cell
        const part = await store.techniqueRates({ by: 'total', from: '2024-01-15', to: '2024-02-29' });
        assert.deepEqual(
          part.map((r) => [r.technique, r.spans, r.words]).sort(),
          [
            ['Appeal_to_Fear-Prejudice', 1, words('a2') + words('a3')],
            ['Doubt', 1, words('a2') + words('a3')],
            ['Loaded_Language', 1, words('a2') + words('a3')],
          ],
        );
        const months = await store.techniqueRates({ by: 'month' });
        assert.deepEqual(
          months.filter((r) => r.technique === 'Appeal_to_Fear-Prejudice').map((r) => [r.key, r.spans, r.words]),
          [
            ['2024-01', 1, words('a1') + words('a2')],
            ['2024-03', 1, words('a4') + words('a5')],
          ],
        );
        const days = await store.techniqueRates({ by: 'day', source: 'beta.example' });
        assert.deepEqual(days.map((r) => [r.key, r.technique, r.spans]), [['2024-01-31', 'Appeal_to_Fear-Prejudice', 1]]);
        const categories = await store.techniqueRates({ by: 'total', level: 'category' });
        assert.equal(categories.find((r) => r.technique === 'Manipulative wording')?.spans, 4);
        assert.deepEqual(await store.techniqueRates({ by: 'source', source: 'nowhere.example' }), []);
      });

      it('counts articles and words by outlet and over time', async () => {
        assert.deepEqual(await store.articleCounts({ by: 'source' }), [
          { key: 'alpha.example', articles: 2, words: words('a1') + words('a3') },
          { key: 'beta.example', articles: 2, words: words('a2') + words('a6') },
          { key: 'gamma.example', articles: 1, words: words('a4') },
        ]);
        assert.deepEqual((await store.articleCounts({ by: 'month' })).map((r) => [r.key, r.articles]), [
          ['2024-01', 2],
          ['2024-02', 2],
          ['2024-03', 2],
        ]);
        assert.deepEqual((await store.articleCounts({ by: 'total', from: '2024-01-31', to: '2024-03-01' })).map((r) => r.articles), [4]);
      });

      it('gives frame shares by outlet and narrative counts over time', async () => {
        const shares = await store.labelShares({ layer: 'frames', by: 'source' });
        assert.deepEqual(
          shares.map((s) => [s.key, s.label, s.articles, s.total]),
          [
            ['alpha.example', 'Economic', 2, 2],
            ['alpha.example', 'Political', 1, 2],
            ['beta.example', 'Political', 1, 1],
            ['gamma.example', 'Political', 1, 1],
          ],
        );
        const all = await store.labelShares({ layer: 'frames', by: 'total' });
        assert.deepEqual(all.find((s) => s.label === 'Environment'), { key: 'all', label: 'Environment', articles: 1, total: 5, share: 0.2 });
        const narratives = await store.labelCounts({ layer: 'narratives', by: 'month' });
        assert.deepEqual(
          narratives.map((n) => [n.key, n.label, n.articles]),
          [
            ['2024-01', 'Sanctions backfire', 1],
            ['2024-01', 'Sanctions backfire::Europe suffers', 1],
            ['2024-02', 'Sanctions backfire', 1],
          ],
        );
        const genre = await store.labelCounts({ layer: 'genre', by: 'total', labels: 'reporting' });
        assert.deepEqual(genre.map((g) => [g.label, g.articles]), [['reporting', 2]]);
      });

      it('ranks actors with their quotes, and gathers an actor’s quotes with overlapping techniques', async () => {
        const top = await store.topActors();
        assert.deepEqual(top, [
          { key: 'person:ivan-petrov', name: 'Ivan Petrov', type: 'PERSON', articles: 3, mentions: 3, quotes: 1 },
          { key: 'person:dmitry-peskov', name: 'Дмитрий Песков', type: 'PERSON', articles: 1, mentions: 1, quotes: 1 },
        ]);
        assert.deepEqual((await store.topActors({ from: '2024-01-15' })).map((a) => [a.key, a.articles]), [
          ['person:ivan-petrov', 2],
          ['person:dmitry-peskov', 1],
        ]);
        assert.deepEqual((await store.topActors({ source: 'alpha.example', from: '2024-01-05', to: '2024-02-20' })).map((a) => [a.key, a.articles]), [
          ['person:dmitry-peskov', 1],
          ['person:ivan-petrov', 1],
        ]);
        assert.deepEqual(await store.topActors({ type: 'org' }), []);
        const quotes = await store.actorQuotes('person:ivan-petrov');
        assert.equal(quotes.length, 1);
        const q = quotes[0]!;
        assert.equal(q.articleId, ids.a1);
        assert.equal(q.text, '"We will never surrender to blackmail."');
        assert.equal(q.speaker, 'Ivan Petrov');
        assert.deepEqual(q.techniques.map((x) => [x.technique, x.category]), [['Flag_Waving', 'Justification']]);
        const peskov = await store.actorQuotes('person:dmitry-peskov');
        assert.equal(peskov[0]?.text, 'санкции бьют прежде всего по самой Европе');
        assert.deepEqual(await store.actorQuotes('person:ivan-petrov', { from: '2024-02-01' }), []);
      });

      it('lists syndication clusters with their outlets', async () => {
        const clusters = await store.clusters();
        assert.equal(clusters.length, 1);
        assert.deepEqual(
          { ...clusters[0]!, items: clusters[0]!.items.map((i) => [i.id, i.source]) },
          {
            clusterId: 'c1',
            articles: 2,
            outlets: 2,
            first: '2024-01-31T23:30:00.000Z',
            last: '2024-03-01T06:00:00.000Z',
            items: [
              [ids.a2, 'beta.example'],
              [ids.a4, 'gamma.example'],
            ],
          },
        );
        assert.deepEqual(await store.clusters({ from: '2024-02-01' }), []);
      });

      it('reports row counts and size', async () => {
        const stats = await store.stats();
        assert.equal(stats.dialect, store.dialect);
        assert.equal(stats.tables.articles, 6);
        assert.equal(stats.tables.analyses, 5);
        assert.equal(stats.tables.spans, 4 + 1 + 2 + 1 + 1, 'technique spans and the claim');
        assert.equal(stats.tables.quotes, 2);
        assert.equal(stats.tables.actors, 2);
        assert.equal(stats.tables.sources, 3);
        assert.ok(stats.bytes > 0);
      });

      it('exports SemEval-2020 SI and TC lines and SemEval-2023 ST3 paragraphs', async () => {
        const si = await collect((out) => writeSemevalSi(store, out));
        const a1 = analyses(ids)[0]!.analysis.techniques!;
        assert.deepEqual(
          si.split('\n').filter((l) => l.startsWith('101\t')),
          a1.map((t) => `101\t${t.start}\t${t.end}`),
        );
        assert.equal(si.trim().split('\n').length, 4 + 1 + 1, 'span-level techniques only: a1, a2, a4');
        assert.ok(si.includes(`${ids.a4}\t`), 'articles without an id of their own use the store id');
        const tc = await collect((out) => writeSemevalTc(store, out));
        assert.ok(tc.includes(`101\tFlag-Waving\t${a1[2]!.start}\t${a1[2]!.end}\n`));
        assert.ok(tc.includes('101\tExaggeration,Minimisation\t'));
        assert.ok(tc.includes('102\tAppeal_to_fear-prejudice\t'));
        const st3 = await collect((out) => writeSemevalSt3(store, out));
        const lines = st3.trim().split('\n');
        assert.ok(lines.includes('101\t1\t'));
        assert.ok(lines.includes('101\t3\tLoaded_Language,Flag_Waving,Exaggeration-Minimisation'));
        assert.ok(lines.includes(`${ids.a3}\t3\tLoaded_Language,Doubt`));
        assert.ok(lines.includes(`${ids.a3}\t5\t`));
      });

      it('exports CSV of articles and spans', async () => {
        const articles = await collect((out) => writeArticlesCsv(store, out, { text: true }));
        const rows = articles.split('\r\n').filter(Boolean);
        assert.match(rows[0]!, /^id,external_id,url,canonical_url,source,title,/);
        assert.ok(articles.includes('"Sanctions hit energy prices\n\nThe so-called experts lied about sanctions again. Minister Ivan Petrov said: ""We will never surrender'));
        const spans = await collect((out) => writeSpansCsv(store, out, { layers: ['techniques'] }));
        assert.equal(spans.split('\r\n').filter(Boolean).length, 1 + 4 + 1 + 2 + 1);
        assert.ok(spans.includes(',techniques,Flag_Waving,Justification,'));
        assert.ok(spans.includes(',never surrender\r\n'));
      });

      it('round-trips technique spans through Label Studio as human annotations', async () => {
        const json = await collect((out) => writeLabelStudioTasks(store, out));
        const tasks = JSON.parse(json) as {
          data: { text: string; article_id: number };
          predictions: { result: { id: string; value: { start: number; end: number; text: string; labels: string[] } }[] }[];
          annotations?: unknown[];
          id?: number;
        }[];
        assert.equal(tasks.length, 5);
        const t1 = tasks.find((t) => t.data.article_id === ids.a1)!;
        const across = t1.predictions[0]!.result.find((r) => r.value.labels[0] === 'Exaggeration-Minimisation')!;
        assert.equal(across.value.text, 'across Europe');
        assert.equal(t1.data.text.slice(across.value.start, across.value.end), 'across Europe', 'UTF-16 offsets for the editor');
        // what Label Studio exports after an annotator accepted every prediction, cancelled one task and misplaced one span
        tasks.forEach((t, i) => {
          t.id = 100 + i;
          t.annotations = [
            { id: 1, completed_by: { id: 7, email: 'ann@example.org' }, created_at: '2024-04-01T10:00:00Z', was_cancelled: false, result: t.predictions[0]!.result },
            { id: 2, completed_by: 8, was_cancelled: true, result: t.predictions[0]!.result },
          ];
        });
        (t1.annotations as { result: unknown[] }[])[0]!.result.push({ id: 'bad', type: 'labels', value: { start: 0, end: 5, text: 'nope!', labels: ['Doubt'] } });
        for (const t of tasks) for (const r of t.predictions[0]!.result) (r as { type?: string }).type = 'labels';
        const other = await open();
        try {
          const ids2 = await loadFixture(other.store);
          // ids of the fresh store, as Label Studio would give them back from its own tasks
          const remap = new Map(Object.entries(ids).map(([k, v]) => [v, ids2[k as Key]]));
          for (const t of tasks) t.data.article_id = remap.get(t.data.article_id)!;
          const result = await importLabelStudio(other.store, tasks);
          assert.deepEqual(result, { tasks: 5, inserted: 4 + 1 + 2 + 1, skipped: 0, unknownArticles: 0, misaligned: 1 });
          const saved = await other.store.listAnnotations({ articleId: ids2.a1, source: 'label-studio' });
          const expected = analyses(ids2)[0]!.analysis.techniques!.map((t) => [t.technique, t.start, t.end]);
          assert.deepEqual(saved.map((a) => [a.label, a.start, a.end]).sort(), expected.sort(), 'code points again');
          assert.equal(saved[0]!.author, 'ann@example.org');
          assert.equal(saved[0]!.createdAt, '2024-04-01T10:00:00.000Z');
          assert.deepEqual(await importLabelStudio(other.store, tasks), { tasks: 5, inserted: 0, skipped: 8, unknownArticles: 0, misaligned: 1 });
          const training = await trainingSet(other.store, { source: 'label-studio' });
          assert.equal(training.articles.get(`store:${ids2.a1}`), TEXTS.a1);
          assert.equal(training.spans.filter((s) => s.article === `store:${ids2.a1}`).length, 4);
          assert.equal(training.spans.length, 8);
        } finally {
          await other.dispose();
        }
      });
    });

    describe('writes', () => {
      const withStore = async (fn: (store: Store) => Promise<void>): Promise<void> => {
        const t = await open();
        try {
          await fn(t.store);
        } finally {
          await t.dispose();
        }
      };

      it('applies migrations once, and refreshes statistics', () =>
        withStore(async (store) => {
          assert.deepEqual(await store.migrate(), { applied: [], version: 3 });
          const ids = await loadFixture(store);
          await store.optimize();
          assert.deepEqual((await store.search({ q: 'grain', source: 'gamma.example' })).items.map((i) => i.id), [ids.a4]);
        }));

      it('stores the same articles again without changing anything', () =>
        withStore(async (store) => {
          const ids = await loadFixture(store);
          const before = await store.stats();
          const again = await store.upsertArticles(Object.values(ARTICLES));
          assert.deepEqual(again.map((w) => w.status), ['unchanged', 'unchanged', 'unchanged', 'unchanged', 'unchanged', 'unchanged']);
          assert.deepEqual(again.map((w) => w.id), Object.values(ids));
          assert.deepEqual(await store.stats().then((s) => s.tables), before.tables);
          // within one batch, too: the second copy finds the first
          const twice = await store.upsertArticles([
            { text: 'Only a text, no URL.', authors: [] },
            { text: 'Only a text, no URL.', authors: [] },
            { text: 'Another text without URL.', authors: [] },
          ]);
          assert.deepEqual(twice.map((w) => w.status), ['inserted', 'unchanged', 'inserted']);
          assert.equal(twice[0]!.id, twice[1]!.id);
          assert.notEqual(twice[0]!.id, twice[2]!.id);
        }));

      it('updates an article in place when a newer version arrives, keeping old analyses readable', () =>
        withStore(async (store) => {
          const ids = await loadFixture(store);
          const oldAnalysis = (await store.latestAnalysis(ids.a2))!;
          const text = 'Grain corridor talks collapse\n\nThe talks collapsed after a day. Ivan Petrov blamed the West.';
          const [w] = await store.upsertArticles([{ ...ARTICLES.a2, text, title: 'Grain corridor talks collapse', publishedAt: '2024-02-02T10:00:00Z', modifiedAt: '2024-02-02T10:00:00Z' }]);
          assert.deepEqual(w, { id: ids.a2, status: 'updated' });
          const a2 = (await store.getArticle(ids.a2))!;
          assert.equal(a2.text, text);
          assert.equal(a2.needsAnalysis, true);
          assert.equal(a2.clusterId, 'c1', 'kept when the new version does not say');
          assert.deepEqual(keysOf(ids, await store.search({ q: 'collapsed' })), ['a2']);
          assert.deepEqual(keysOf(ids, await store.search({ q: 'Istanbul' })), ['a4']);
          assert.equal((await store.getAnalysis(oldAnalysis.id))!.analysis.text, TEXTS.a2, 'the analysis keeps the text it analysed');
          assert.deepEqual(await store.pendingAnalysis(), [ids.a2, ids.a6]);
          // its technique moved to February with it
          const months = await store.techniqueRates({ by: 'month', labels: 'Appeal_to_Fear-Prejudice' });
          assert.deepEqual(months.map((r) => [r.key, r.spans]), [
            ['2024-02', 1],
            ['2024-03', 1],
          ]);
          const older = await store.upsertArticles([{ ...ARTICLES.a2, modifiedAt: '2024-02-01T00:00:00Z' }]);
          assert.equal(older[0]!.status, 'unchanged');
          assert.equal((await store.getArticle(ids.a2))!.text, text);
          // an actor's quotes move with their article's date
          await store.upsertArticles([{ ...ARTICLES.a1, publishedAt: '2024-02-10T00:00:00Z', modifiedAt: '2024-02-10T00:00:00Z' }]);
          assert.deepEqual((await store.actorQuotes('person:ivan-petrov', { from: '2024-02-01' })).map((q) => [q.articleId, q.datedAt]), [[ids.a1, '2024-02-10T00:00:00.000Z']]);
          // without modification dates, other text fetched later replaces
          const [b] = await store.upsertArticles([{ ...ARTICLES.a6, text: `${TEXTS.a6} Talks stalled.`, fetchedAt: '2024-02-21T00:00:00Z' }]);
          assert.equal(b!.status, 'updated');
        }));

      it('keeps the history of analyses, with derived rows for the latest only', () =>
        withStore(async (store) => {
          const ids = await loadFixture(store);
          const first = (await store.latestAnalysis(ids.a1))!;
          const second = syntheticAnalysis(TEXTS.a1, { techniques: [at(TEXTS.a1, 'lied', 'Doubt')], actors: [], quotes: [] });
          const [id] = await store.saveAnalyses([{ articleId: ids.a1, analysis: second, model: { name: 'spinscope', version: '0.2.0' }, createdAt: '2024-05-01T00:00:00Z' }]);
          const history = await store.analysisHistory(ids.a1);
          assert.deepEqual(history.map((h) => [h.id, h.latest, h.model.version]), [
            [id, true, '0.2.0'],
            [first.id, false, '0.1.0'],
          ]);
          assert.equal(history[0]!.createdAt, '2024-05-01T00:00:00.000Z');
          assert.deepEqual((await store.getAnalysis(first.id))!.analysis, analyses(ids)[0]!.analysis);
          assert.deepEqual(keysOf(ids, await store.search({ technique: 'Flag_Waving' })), []);
          assert.deepEqual(sorted(keysOf(ids, await store.search({ technique: 'Doubt' }))), ['a1', 'a3']);
          assert.deepEqual(keysOf(ids, await store.search({ frame: 'Economic' })), ['a3']);
          assert.deepEqual(await store.actorQuotes('person:ivan-petrov'), []);
          assert.equal((await store.topActors()).find((a) => a.key === 'person:ivan-petrov')?.articles, 2);
          const stats = await store.stats();
          assert.equal(stats.tables.analyses, 6);
          assert.equal(stats.tables.spans, 1 + 1 + 2 + 1);
          const rates = await store.techniqueRates({ by: 'source', source: 'alpha.example' });
          assert.deepEqual(rates.map((r) => [r.technique, r.spans]).sort(), [
            ['Doubt', 2],
            ['Loaded_Language', 1],
          ]);
        }));

      it('keeps rollups equal to a rebuild after updates, re-analyses and deletions', () =>
        withStore(async (store) => {
          const ids = await loadFixture(store);
          await store.upsertArticles([{ ...ARTICLES.a4, publishedAt: '2024-01-20T00:00:00Z', modifiedAt: '2024-04-01T00:00:00Z' }]);
          await store.saveAnalyses([{ articleId: ids.a3, analysis: analyses(ids)[2]!.analysis, model: MODEL }]);
          await store.saveAnalyses([
            { articleId: ids.a6, analysis: syntheticAnalysis(TEXTS.a6, { techniques: [at(TEXTS.a6, 'strike', 'Slogans')], labels: { frames: [{ label: 'Economic' }] } }), model: MODEL },
            { articleId: ids.a6, analysis: syntheticAnalysis(TEXTS.a6, { techniques: [at(TEXTS.a6, 'pay', 'Doubt')] }), model: MODEL },
          ]);
          assert.equal((await store.analysisHistory(ids.a6)).length, 2);
          assert.deepEqual(keysOf(ids, await store.search({ technique: 'Slogans' })), []);
          assert.equal(await store.deleteArticles([ids.a1, 999_999]), 1);
          const kept = await dashboards(store);
          await store.rebuildRollups();
          assert.deepEqual(await dashboards(store), kept);
          assert.equal((await store.topActors())[0]?.articles, 2);
          assert.equal((await store.stats()).tables.articles, 5);
        }));

      it('writes a batch entirely or not at all', () =>
        withStore(async (store) => {
          const ids = await loadFixture(store);
          const before = await store.stats();
          await assert.rejects(
            store.saveAnalyses([
              { articleId: ids.a6, analysis: syntheticAnalysis(TEXTS.a6, { techniques: [] }), model: MODEL },
              { articleId: 999_999, analysis: syntheticAnalysis('x'), model: MODEL },
            ]),
            (e: Error) => e instanceof StoreError && /article 999999 does not exist/.test(e.message),
          );
          await assert.rejects(store.upsertArticles([{ text: 'fine', authors: [], url: 'https://ok.example/1' }, { text: 'bad date', authors: [], publishedAt: 'last Tuesday' }]), InputError);
          await assert.rejects(store.saveAnalyses([{ articleId: ids.a6, analysis: { text: 'x' } as never, model: MODEL }]), (e: Error) => e instanceof InputError && /analysis 1: analysis.layers/.test(e.message));
          assert.deepEqual((await store.stats()).tables, before.tables);
          assert.equal((await store.getArticle(ids.a6))!.latestAnalysisId, null);
        }));

      it('keeps outlets, feeds and their health', () =>
        withStore(async (store) => {
          const [alpha] = await store.upsertSources([{ domain: 'WWW.Alpha.example', name: 'Alpha', tags: ['state-affiliated'] }]);
          assert.deepEqual(await store.upsertSources([{ domain: 'alpha.example', country: 'RU' }]), [alpha]);
          assert.deepEqual((await store.listSources()).map((s) => [s.domain, s.name, s.country, s.tags]), [['alpha.example', 'Alpha', 'RU', ['state-affiliated']]]);
          const [f1, f2] = await store.upsertFeeds([
            { url: 'https://alpha.example/rss', title: 'Alpha', pollIntervalS: 600 },
            { url: 'https://delta.example/feed', source: 'delta.example', paused: true },
          ]);
          assert.equal((await store.listFeeds()).length, 1, 'paused feeds are left out');
          await store.recordFeedPolls([
            { feedId: f1!, at: '2024-01-01T00:00:00Z', ok: true, etag: '"v1"', lastModified: 'Mon, 01 Jan 2024 00:00:00 GMT' },
            { feedId: f2!, at: '2024-01-01T00:00:00Z', ok: false, error: 'HTTP 503' },
          ]);
          await store.recordFeedPolls([{ feedId: f2!, at: '2024-01-01T00:10:00Z', ok: false, error: 'timeout' }]);
          const feeds = await store.listFeeds({ includePaused: true });
          assert.deepEqual(
            feeds.map((f) => [f.url, f.source, f.etag, f.lastOkAt, f.lastError, f.failures, f.paused]),
            [
              ['https://alpha.example/rss', 'alpha.example', '"v1"', '2024-01-01T00:00:00.000Z', null, 0, false],
              ['https://delta.example/feed', 'delta.example', null, null, 'timeout', 2, true],
            ],
          );
          assert.deepEqual((await store.listFeeds({ dueAt: '2024-01-01T00:05:00Z' })).map((f) => f.id), []);
          assert.deepEqual((await store.listFeeds({ dueAt: '2024-01-01T00:10:00Z' })).map((f) => f.id), [f1]);
          await store.upsertFeeds([{ url: 'https://delta.example/feed', paused: false }]);
          assert.equal((await store.listFeeds()).length, 2);
        }));

      it('keeps human annotations once per source id', () =>
        withStore(async (store) => {
          const ids = await loadFixture(store);
          const a = { articleId: ids.a1, layer: 'techniques', label: 'Doubt', start: 0, end: 9, author: 'ann', source: 'label-studio', externalId: '1:1:x' };
          assert.deepEqual(await store.saveAnnotations([a, { ...a, externalId: null, source: 'manual' }]), { inserted: 2, skipped: 0 });
          assert.deepEqual(await store.saveAnnotations([a]), { inserted: 0, skipped: 1 });
          assert.equal((await store.listAnnotations({ articleId: ids.a1 })).length, 2);
          await assert.rejects(store.saveAnnotations([{ ...a, articleId: 999_999, externalId: 'other' }]), StoreError);
          await assert.rejects(store.saveAnnotations([{ ...a, start: 5, end: 2 }]), InputError);
        }));

      it('round-trips through JSONL into another store, history included', () =>
        withStore(async (store) => {
          const ids = await loadFixture(store);
          await store.saveAnalyses([{ articleId: ids.a1, analysis: syntheticAnalysis(TEXTS.a1, { techniques: [at(TEXTS.a1, 'lied', 'Doubt')] }), model: { name: 'spinscope', version: '0.2.0' } }]);
          const dump = await collect((out) => writeJsonl(store, out, { analyses: 'all' }));
          const lines = dump.trim().split('\n').map((l) => JSON.parse(l) as { outlet?: string; analyses?: { latest: boolean; model: { version: string } }[] });
          assert.equal(lines.length, 6);
          assert.deepEqual(lines[0]!.analyses!.map((a) => [a.model.version, a.latest]), [
            ['0.1.0', false],
            ['0.2.0', true],
          ]);
          assert.equal(lines[0]!.outlet, 'alpha.example');
          const bare = await collect((out) => writeJsonl(store, out, { analyses: 'none' }));
          assert.ok(bare.trim().split('\n').every((l) => !('analyses' in JSON.parse(l))));
          const other = await open();
          try {
            const result = await importJsonl(other.store, PassThrough.from([dump]));
            assert.deepEqual(result, { lines: 6, inserted: 6, updated: 0, unchanged: 0, analyses: 6 });
            const again = await collect((out) => writeJsonl(other.store, out, { analyses: 'all' }));
            const strip = (s: string) =>
              s
                .trim()
                .split('\n')
                .map((l) => {
                  const j = JSON.parse(l) as { id?: number; analyses?: { id?: number }[] };
                  delete j.id;
                  for (const a of j.analyses ?? []) delete a.id;
                  return j;
                });
            assert.deepEqual(strip(again), strip(dump));
            assert.deepEqual(await other.store.techniqueRates({ by: 'source' }), await store.techniqueRates({ by: 'source' }));
            const twice = await importJsonl(other.store, PassThrough.from([dump]));
            assert.deepEqual(twice, { lines: 6, inserted: 0, updated: 0, unchanged: 6, analyses: 0 });
            await assert.rejects(importJsonl(other.store, PassThrough.from(['{"article": {"title": "no text"}}\n'])), (e: Error) => e instanceof InputError && /^line 1: article\.text/.test(e.message));
          } finally {
            await other.dispose();
          }
        }));

      it('ranks title matches first', () =>
        withStore(async (store) => {
          const [a, b] = await store.upsertArticles([
            { url: 'https://x.example/1', title: 'Weather report', text: 'Weather report\n\nRain over the harbour and the port all day.', authors: [] },
            { url: 'https://x.example/2', title: 'Harbour closed', text: 'Harbour closed\n\nA storm hit the coast.', authors: [] },
          ]);
          assert.deepEqual((await store.search({ q: 'harbour' })).items.map((i) => i.id), [b!.id, a!.id]);
        }));

      it('assigns syndication clusters', () =>
        withStore(async (store) => {
          const ids = await loadFixture(store);
          await store.setClusters([
            { articleId: ids.a5, clusterId: 'c2' },
            { articleId: ids.a6, clusterId: 'c2' },
            { articleId: ids.a4, clusterId: null },
          ]);
          const clusters = await store.clusters();
          assert.deepEqual(clusters.map((c) => [c.clusterId, c.articles, c.outlets]), [['c2', 2, 1]]);
        }));
    });
  });
}
