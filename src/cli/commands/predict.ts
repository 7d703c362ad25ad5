import { TechniqueModel } from '../../analyze/techniques/model.ts';
import { FramingModel } from '../../analyze/framing/model.ts';
import { ClaimModel } from '../../analyze/claims/model.ts';
import { predictClaimBuster, predictClef } from '../../analyze/claims/predict.ts';
import * as clef2019 from '../../benchmarks/clef2019.ts';
import * as semeval2025 from '../../benchmarks/semeval2025.ts';
import { NarrativeModel } from '../../analyze/narratives/model.ts';
import { tokenize } from '../../text/tokenize.ts';
import { sentencesOf } from '../../text/sentences.ts';
import * as claimbuster from '../../benchmarks/claimbuster.ts';
import { LANGUAGE_CODES } from '../../analyze/framing/train.ts';
import * as semeval2020 from '../../benchmarks/semeval2020.ts';
import * as semeval2021 from '../../benchmarks/semeval2021.ts';
import * as semeval2023 from '../../benchmarks/semeval2023.ts';
import { predictSemeval2021Task1, predictSemeval2021Task2, predictSi, predictSt3, predictTc } from '../../benchmarks/predict.ts';
import { parse } from '../args.ts';
import { CommandError, UsageError } from '../errors.ts';
import { writeFileAtomic } from '../output-file.ts';
import type { CommandContext } from '../context.ts';

export const BENCHMARKS = ['semeval2020-si', 'semeval2020-tc', 'semeval2023-st1', 'semeval2023-st2', 'semeval2023-st3', 'semeval2021-st1', 'semeval2021-st2', 'clef2019', 'claimbuster', 'semeval2025-st2'] as const;

export const predictHelp = `Usage: spinscope predict <benchmark> [options]

Writes predictions in the benchmark's official submission format.

  semeval2020-si   --articles DIR --out FILE                  article<TAB>start<TAB>end
  semeval2020-tc   --articles DIR --template FILE --out FILE  article<TAB>technique<TAB>start<TAB>end
  semeval2023-st1  --lang L --articles DIR --out FILE         article<TAB>genre
  semeval2023-st2  --lang L --articles DIR --out FILE         article<TAB>frame1,frame2
  semeval2023-st3  --lang L --articles DIR --out FILE         article<TAB>paragraph<TAB>tech1,tech2
                   (L: en fr ge it po ru, as the data names them)
  semeval2021-st1  --input FILE --out FILE                    official JSON (techniques per meme)
  semeval2021-st2  --input FILE --out FILE                    official JSON (technique spans per meme)
  clef2019         --input DIR --out DIR                      one file per debate: line_number<TAB>score
  claimbuster      --input FILE --out FILE.jsonl              {"sentence_id", "score", "label"} per line
  semeval2025-st2  --lang L --articles DIR --out FILE         id<TAB>narr1;narr2<TAB>sub1;sub2
                   (L: EN BG HI PT RU, or en bg hi pt ru)

Options:
  --model FILE     the model file (default: the shipped models/techniques.json.gz;
                   models/framing.json.gz for st1/st2; models/claims.json.gz for clef2019 and claimbuster; models/narratives.json.gz for semeval2025-st2)`;

/** Reader and scorer errors name the file and line; they are the user's to fix. */
async function userInput<T>(read: Promise<T>): Promise<T> {
  try {
    return await read;
  } catch (error) {
    throw new CommandError((error as Error).message);
  }
}

export async function predictCommand(args: string[], ctx: CommandContext): Promise<number> {
  const { values, positionals } = parse(
    args,
    {
      articles: { type: 'string' },
      template: { type: 'string' },
      input: { type: 'string' },
      lang: { type: 'string' },
      out: { type: 'string' },
      model: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    true,
  );
  if (values.help) {
    ctx.stdout.write(`${predictHelp}\n`);
    return 0;
  }
  const benchmark = positionals[0];
  if (!benchmark || !(BENCHMARKS as readonly string[]).includes(benchmark) || positionals.length > 1) {
    throw new UsageError(`predict needs one benchmark: ${BENCHMARKS.join(', ')}`);
  }
  if (!values.out) throw new UsageError('predict needs --out FILE');
  const need = (value: string | undefined, flag: string) => {
    if (!value) throw new UsageError(`predict ${benchmark} needs ${flag}`);
    return value;
  };
  if (benchmark === 'semeval2025-st2') {
    const lang = need(values.lang, '--lang L').toLowerCase();
    const narratives = await userInput(Promise.resolve().then(() => NarrativeModel.load(values.model)));
    if (!narratives.languages.includes(lang)) throw new UsageError(`--lang must be one of ${narratives.languages.join(', ')} for semeval2025-st2`);
    const articles = await userInput(semeval2025.readDocuments(need(values.articles, '--articles DIR')));
    const rows = [...articles].map(([article, text]) => {
      const tokens = tokenize(text);
      const found = narratives.analyze(text, tokens, sentencesOf(text, tokens), lang).narratives;
      return found.length
        ? { article, narratives: found.map((n) => n.label), subnarratives: found.flatMap((n) => n.sub.map((s) => s.label)) }
        : { article, narratives: ['Other'], subnarratives: ['Other'] };
    });
    await writeFileAtomic(values.out, semeval2025.formatNarratives(rows));
    ctx.stderr.write(`predict semeval2025-st2: ${rows.length} rows written to ${values.out}\n`);
    return 0;
  }
  if (benchmark === 'clef2019' || benchmark === 'claimbuster') {
    const claims = await userInput(Promise.resolve().then(() => ClaimModel.load(values.model)));
    const input = need(values.input, benchmark === 'clef2019' ? '--input DIR' : '--input FILE');
    if (benchmark === 'clef2019') {
      const debates = await userInput(clef2019.readClefDebates(input));
      const files = await userInput(clef2019.writeClefPredictions(values.out, debates.map((debate) => ({ debate, predictions: predictClef(claims, debate) }))));
      ctx.stderr.write(`predict clef2019: ${files.length} debate files written to ${values.out}\n`);
    } else {
      const sentences = await userInput(claimbuster.readClaimBuster(input));
      const rows = predictClaimBuster(claims, sentences);
      await writeFileAtomic(values.out, claimbuster.formatClaimBusterPredictions(rows));
      ctx.stderr.write(`predict claimbuster: ${rows.length} rows written to ${values.out}\n`);
    }
    return 0;
  }
  if (benchmark === 'semeval2023-st1' || benchmark === 'semeval2023-st2') {
    const lang = need(values.lang, '--lang L');
    const code = LANGUAGE_CODES[lang];
    if (!code) throw new UsageError(`--lang must be one of ${Object.keys(LANGUAGE_CODES).join(', ')} (as the data names them)`);
    const framing = await userInput(Promise.resolve().then(() => FramingModel.load(values.model)));
    const articles = await userInput(semeval2023.readArticles(need(values.articles, '--articles DIR')));
    const results = [...articles].map(([article, text]) => ({ article, result: framing.classify(text, code) }));
    const output =
      benchmark === 'semeval2023-st1'
        ? semeval2023.formatSt1(results.map(({ article, result }) => ({ article, genre: result.genre.label })))
        : semeval2023.formatSt2(results.map(({ article, result }) => ({ article, frames: result.frames.map((f) => f.label) })));
    await writeFileAtomic(values.out, output);
    ctx.stderr.write(`predict ${benchmark}: ${results.length} rows written to ${values.out}\n`);
    return 0;
  }
  const model = await userInput(Promise.resolve().then(() => TechniqueModel.load(values.model)));
  let output: string;
  let count: number;
  if (benchmark === 'semeval2020-si') {
    const articles = await userInput(semeval2020.readArticles(need(values.articles, '--articles DIR')));
    const rows = predictSi(model, articles);
    output = semeval2020.formatSi(rows);
    count = rows.length;
  } else if (benchmark === 'semeval2020-tc') {
    const articles = await userInput(semeval2020.readArticles(need(values.articles, '--articles DIR')));
    const template = await userInput(semeval2020.readTcTemplate(need(values.template, '--template FILE')));
    const rows = await userInput(Promise.resolve().then(() => predictTc(model, articles, template)));
    output = semeval2020.formatTc(rows);
    count = rows.length;
  } else if (benchmark === 'semeval2023-st3') {
    const lang = need(values.lang, '--lang L');
    const articles = await userInput(semeval2023.readArticles(need(values.articles, '--articles DIR')));
    const rows = await userInput(Promise.resolve().then(() => predictSt3(model, articles, lang)));
    output = semeval2023.formatSt3(rows);
    count = rows.length;
  } else if (benchmark === 'semeval2021-st1') {
    const memes = await userInput(semeval2021.readTask1(need(values.input, '--input FILE')));
    const rows = predictSemeval2021Task1(model, memes);
    output = semeval2021.formatTask1(rows);
    count = rows.length;
  } else {
    const memes = await userInput(semeval2021.readTask2(need(values.input, '--input FILE')));
    const rows = predictSemeval2021Task2(model, memes);
    output = semeval2021.formatTask2(rows);
    count = rows.length;
  }
  await writeFileAtomic(values.out, output);
  ctx.stderr.write(`predict ${benchmark}: ${count} rows written to ${values.out}\n`);
  return 0;
}
