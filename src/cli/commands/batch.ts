import { readdir, stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { extname, join, relative } from 'node:path';
import { analyzeManyToJson } from '../../analyze/many.ts';
import type { DocInput } from '../../analyze/pipeline.ts';
import { readFileInput } from '../../ingest/read-input.ts';
import { byteSize, checkedCaseFiles, languageCode, layerList, parse, positiveInt } from '../args.ts';
import { CommandError, UsageError } from '../errors.ts';
import { openAtomic } from '../output-file.ts';
import { progress } from '../progress.ts';
import type { CommandContext } from '../context.ts';

export const batchHelp = `Usage: spinscope batch --in DIR --out FILE.jsonl [options]

Analyses every .txt and .html file in DIR and writes one JSON line per document:
{"doc": "<file name without extension>", …the fields of \`analyze --format json\`}.
Bad files are skipped and listed at the end; the exit code is non-zero only if all failed.
FILE appears only when the batch is done (never half-written).

Options:
  --in DIR            folder to read (required)
  --out FILE          JSONL file to write (required)
  --recursive         also read sub-folders; doc is then the relative path without extension
  --layers a,b        layers to produce (see \`spinscope layers\`)
  --lang CODE         treat every document as language CODE
  --threads N         worker threads (default: one per core; 1 runs in the main thread)
  --max-bytes SIZE    skip files larger than SIZE (default 10MB)
  --cases FILE        your own known cases (JSONL or CSV) beside EUvsDisinfo; repeatable`;

const EXTENSIONS = new Set(['.txt', '.html', '.htm']);

async function listFiles(dir: string, recursive: boolean): Promise<string[]> {
  const out: string[] = [];
  const walk = async (folder: string) => {
    const entries = await readdir(folder, { withFileTypes: true });
    for (const e of entries) {
      const path = join(folder, e.name);
      if (e.isDirectory()) {
        if (recursive && !e.name.startsWith('.')) await walk(path);
      } else if (EXTENSIONS.has(extname(e.name).toLowerCase()) && !e.name.startsWith('.')) out.push(path);
    }
  };
  await walk(dir);
  // code-unit order, not locale order, so the output is the same on every machine
  return out.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

export async function batchCommand(args: string[], ctx: CommandContext): Promise<number> {
  const { values } = parse(
    args,
    {
      in: { type: 'string' },
      out: { type: 'string' },
      recursive: { type: 'boolean', default: false },
      layers: { type: 'string' },
      lang: { type: 'string' },
      threads: { type: 'string' },
      'max-bytes': { type: 'string' },
      cases: { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h' },
    },
    false,
  );
  if (values.help) {
    ctx.stdout.write(`${batchHelp}\n`);
    return 0;
  }
  if (!values.in) throw new UsageError('batch needs --in DIR (try --help)');
  if (!values.out) throw new UsageError('batch needs --out FILE.jsonl (try --help)');
  const dir = values.in;
  const info = await stat(dir).catch(() => undefined);
  if (!info) throw new CommandError(`${dir}: no such folder`);
  if (!info.isDirectory()) throw new CommandError(`${dir}: not a folder`);
  const layers = layerList(values.layers);
  const language = languageCode(values.lang);
  const caseFiles = checkedCaseFiles(values.cases);
  const maxBytes = byteSize(values['max-bytes']);
  const threads = positiveInt(values.threads, '--threads', availableParallelism());

  const files = await listFiles(dir, values.recursive);
  if (!files.length) throw new CommandError(`${dir}: no .txt or .html files to analyse`);

  const failures: { file: string; error: string }[] = [];
  const bar = progress(files.length, 'batch', ctx.stderr);
  const fileOf = new Map<string, string>();
  const idOf = (file: string) => {
    const rel = relative(dir, file);
    const id = rel.slice(0, rel.length - extname(rel).length);
    fileOf.set(id, file);
    return id;
  };
  // reading happens here, analysis in the workers; a file that cannot be read is a failure, not the end
  async function* inputs(): AsyncGenerator<DocInput> {
    for (const file of files) {
      try {
        const input = await readFileInput(file, { maxBytes });
        yield { ...input, id: idOf(file) };
      } catch (error) {
        failures.push({ file, error: (error as Error).message });
        bar.tick(true);
      }
    }
  }

  const out = await openAtomic(values.out);
  let written = 0;
  try {
    for await (const result of analyzeManyToJson(inputs(), { threads, ...(layers && { layers }), ...(language && { language }), ...(caseFiles && { caseFiles }) })) {
      if (result.ok) {
        await out.write(`${result.json}\n`);
        written++;
      } else {
        failures.push({ file: (result.id !== undefined && fileOf.get(result.id)) || `document #${result.index + 1}`, error: result.error });
      }
      bar.tick(!result.ok);
    }
    bar.done();
    if (written === 0) {
      await out.abort();
    } else {
      await out.commit();
    }
  } catch (error) {
    await out.abort();
    throw error;
  }

  ctx.stderr.write(`batch: ${written} of ${files.length} documents analysed into ${written ? values.out : 'nothing'}`);
  if (failures.length) {
    ctx.stderr.write(`; ${failures.length} skipped:\n`);
    for (const f of failures) ctx.stderr.write(`  ${f.error.startsWith(f.file) ? f.error : `${f.file}: ${f.error}`}\n`);
  } else ctx.stderr.write('\n');
  return written === 0 ? 1 : 0;
}
