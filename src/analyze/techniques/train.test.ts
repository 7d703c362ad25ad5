/**
 * Training end to end on a tiny dataset written here in the layout of the
 * shared data: the trainer reads every format, cross-validates, writes a
 * model that loads and predicts, and gives the same model for the same seed.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { trainTechniques } from './train.ts';
import { TechniqueModel } from './model.ts';
import { articleContext } from './context.ts';

let root: string;

const LOADED = ['the corrupt traitors', 'these disgusting puppets', 'a shameful betrayal', 'the treasonous elites', 'evil globalist thugs'];
const NEUTRAL = ['The council met on Tuesday.', 'Officials published the report.', 'The meeting lasted two hours.', 'Rain is expected tomorrow.'];

function article(i: number): { text: string; spans: [number, number, string][] } {
  const lines = [`Headline number ${i}`, ''];
  const spans: [number, number, string][] = [];
  let offset = lines.join('\n').length + 1;
  for (let k = 0; k < 6; k++) {
    const phrase = LOADED[(i + k) % LOADED.length]!;
    const line = k % 2 === 0 ? `Critics said ${phrase} ruined everything.` : NEUTRAL[(i + k) % NEUTRAL.length]!;
    if (k % 2 === 0) {
      const start = offset + line.indexOf(phrase);
      spans.push([start, start + phrase.length, k % 4 === 0 ? 'Loaded_Language' : 'Name_Calling,Labeling']);
    }
    lines.push(line);
    offset += line.length + 1;
  }
  return { text: `${lines.join('\n')}\n`, spans };
}

before(() => {
  root = mkdtempSync(join(tmpdir(), 'spinscope-train-'));
  const w = (path: string, content: string) => {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), content);
  };
  w('lexicons/vader/vader_lexicon.txt', 'disgusting\t-2.5\t0.5\t[]\nshameful\t-2.1\t0.5\t[]\ngood\t1.9\t0.5\t[]\n');
  w('lexicons/hu-liu-opinion-lexicon/negative-words.txt', ';; test list\ncorrupt\nevil\n');
  w('lexicons/hu-liu-opinion-lexicon/positive-words.txt', 'good\n');
  w('lexicons/hedges-weasels-wooorm/hedges.txt', '% test\nperhaps\n');
  w('lexicons/hedges-weasels-wooorm/weasels.txt', '% test\nmany\n');
  const si: string[] = [];
  const tc: string[] = [];
  for (let i = 1; i <= 12; i++) {
    const id = `${1000 + i}`;
    const { text, spans } = article(i);
    w(`ptc-semeval2020-task11/train-articles/article${id}.txt`, text);
    w(`semeval2023-task3/data/en/train-articles-subtask-3/article${id}.txt`, text);
    for (const [s, e, t] of spans) {
      si.push(`${id}\t${s}\t${e}`);
      tc.push(`${id}\t${t}\t${s}\t${e}`);
    }
    w(`semeval2023-task3/data/en/train-labels-subtask-3-spans/article${id}-labels-subtask-3.txt`, spans.map(([s, e, t]) => `${id}\t${t.replace(',', '-')}\t${s}\t${e}`).join('\n') + '\n');
    // paragraph = line number; lines 3, 5, 7 (1-based) hold the loaded phrases
    const rows = text.split('\n').map((line, n) => (line.trim() ? `${id}\t${n + 1}\t${line.startsWith('Critics') ? 'Loaded_Language' : ''}` : '')).filter(Boolean);
    w(`semeval2023-task3/data/en/train-labels-subtask-3/article${id}-labels-subtask-3.txt`, rows.join('\n') + '\n');
  }
  w('ptc-semeval2020-task11/train-task-si.labels', si.join('\n') + '\n');
  w('ptc-semeval2020-task11/train-task-flc-tc.labels', tc.join('\n') + '\n');
});

after(() => rmSync(root, { recursive: true, force: true }));

test('trains, cross-validates, writes a loadable model, and repeats exactly for a seed', async () => {
  const logs: string[] = [];
  const a = await trainTechniques({ data: root, out: join(root, 'a.json.gz'), folds: 3, languages: ['en'], seed: 7, log: (m) => logs.push(m) });
  assert.ok(logs.some((l) => l.includes('span identification, fold 3/3')));
  const m = a.metrics;
  for (const v of [m.semeval2020_si.f1, m.semeval2020_tc.microF1, m.semeval2023_st3.en!.microF1]) assert.ok(v >= 0 && v <= 1);
  // the loaded phrases are the only spans, and they are easy: cross-validation must find most of them
  assert.ok(m.semeval2020_si.f1 > 0.5, `SI F1 ${m.semeval2020_si.f1}`);
  assert.ok(m.semeval2023_st3.en!.microF1 > 0.8, `ST3 F1 ${m.semeval2023_st3.en!.microF1}`);

  const model = TechniqueModel.load(join(root, 'a.json.gz'));
  const ctx = articleContext('Headline\n\nCritics said the corrupt traitors ruined everything.\nThe council met on Tuesday.\n');
  const spans = model.identify(ctx);
  assert.ok(spans.some((s) => ctx.text.slice(s.start, s.end).includes('traitors')), JSON.stringify(spans));
  assert.deepEqual(model.paragraphLanguages, ['en']);

  await trainTechniques({ data: root, out: join(root, 'b.json.gz'), folds: 3, languages: ['en'], seed: 7 });
  const body = (p: string) => {
    const { created: _created, ...rest } = JSON.parse(gunzipSync(readFileSync(join(root, p))).toString('utf8'));
    return JSON.stringify(rest);
  };
  assert.equal(body('a.json.gz'), body('b.json.gz'));
});

test('a malformed labels file stops training with the file and line', async () => {
  const bad = join(root, 'ptc-semeval2020-task11/train-task-si.labels');
  const good = readFileSync(bad, 'utf8');
  writeFileSync(bad, `${good}1001\tten\t20\n`);
  try {
    await assert.rejects(trainTechniques({ data: root, out: join(root, 'c.json.gz'), folds: 3, languages: ['en'] }), /train-task-si\.labels:\d+: /);
  } finally {
    writeFileSync(bad, good);
  }
});
