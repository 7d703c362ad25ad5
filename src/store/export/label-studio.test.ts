import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openStore } from '../open.ts';
import { importLabelStudio, labelStudioConfig } from './label-studio.ts';

test('reads offsets counted in code points (newer Label Studio) as well as UTF-16', async () => {
  const store = await openStore(':memory:');
  try {
    const text = '🔥🔥 Slogan here and more';
    const [w] = await store.upsertArticles([{ url: 'https://x.example/1', text, authors: [] }]);
    const result = (id: string, start: number, end: number) => ({ id, type: 'labels', value: { start, end, text: 'Slogan', labels: ['Slogans'] } });
    const r = await importLabelStudio(store, [
      { id: 1, data: { text, url: 'https://x.example/1' }, annotations: [{ id: 1, result: [result('utf16', 5, 11), result('cp', 3, 9), result('off', 4, 10)] }] },
      { id: 2, data: { text: 'other', article_id: 999 }, annotations: [] },
    ]);
    assert.deepEqual(r, { tasks: 2, inserted: 2, skipped: 0, unknownArticles: 1, misaligned: 1 });
    assert.deepEqual((await store.listAnnotations({ articleId: w!.id })).map((a) => [a.start, a.end, a.text]), [
      [3, 9, 'Slogan'],
      [3, 9, 'Slogan'],
    ]);
  } finally {
    await store.close();
  }
});

test('writes a labeling config for the exported tasks', () => {
  assert.equal(
    labelStudioConfig(['Doubt', 'A&B']),
    '<View>\n  <Labels name="label" toName="text">\n    <Label value="Doubt"/>\n    <Label value="A&#38;B"/>\n  </Labels>\n  <Text name="text" value="$text"/>\n</View>',
  );
});
