import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { finished } from 'node:stream/promises';
import { rename, rm } from 'node:fs/promises';
import Database from 'better-sqlite3';
import {
  importJsonl,
  importLabelStudio,
  openStore,
  parseStoreUrl,
  writeArticlesCsv,
  writeJsonl,
  writeLabelStudioTasks,
  writeSemevalSi,
  writeSemevalSt3,
  writeSemevalTc,
  writeSpansCsv,
  type Store,
} from '../../store/index.ts';
import { parse } from '../args.ts';
import { CommandError, UsageError } from '../errors.ts';
import type { CommandContext } from '../context.ts';

export const dbHelp = `Usage: spinscope db <migrate|stats|backup|export|import> [options]

  migrate                       apply pending schema migrations (opening the store does it too)
  stats                         rows per table and the size on disk, as JSON
  backup --out FILE             an online copy of a SQLite store (for PostgreSQL use pg_dump)
  export --format F --out FILE  articles and analyses:
                                  jsonl          one article per line with its latest analysis
                                                 (--history: every analysis)
                                  csv            articles (--no-text to leave the text out)
                                  spans-csv      one row per span of every layer (--layers a,b)
                                  semeval-si     SemEval-2020 Task 11 SI: article<TAB>start<TAB>end
                                  semeval-tc     SemEval-2020 Task 11 TC: article<TAB>technique<TAB>start<TAB>end
                                  semeval-st3    SemEval-2023 Task 3 ST3: article<TAB>paragraph<TAB>techniques
                                  label-studio   Label Studio tasks with the techniques as pre-annotations
  import FILE --format F        jsonl (an export of this kind) or label-studio (a Label Studio
                                JSON export: its annotations become human annotations that
                                spinscope train can use)

Options:
  --store URL    a SQLite file (default ./spinscope.db) or postgres://…`;

const FORMATS = ['jsonl', 'csv', 'spans-csv', 'semeval-si', 'semeval-tc', 'semeval-st3', 'label-studio'] as const;

async function withStore<T>(url: string | undefined, use: (store: Store) => Promise<T>): Promise<T> {
  let store: Store;
  try {
    store = await openStore(url);
  } catch (error) {
    throw new CommandError((error as Error).message);
  }
  try {
    return await use(store);
  } finally {
    await store.close();
  }
}

export async function dbCommand(args: string[], ctx: CommandContext): Promise<number> {
  const { values, positionals } = parse(
    args,
    {
      store: { type: 'string' },
      out: { type: 'string' },
      format: { type: 'string' },
      history: { type: 'boolean', default: false },
      'no-text': { type: 'boolean', default: false },
      layers: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    true,
  );
  if (values.help) {
    ctx.stdout.write(`${dbHelp}\n`);
    return 0;
  }
  const [action, ...rest] = positionals;
  const say = (line: string) => ctx.stderr.write(`db ${action}: ${line}\n`);
  if (action === 'migrate') {
    const status = await withStore(values.store, (s) => s.migrate());
    ctx.stdout.write(`${JSON.stringify(status)}\n`);
    return 0;
  }
  if (action === 'stats') {
    const stats = await withStore(values.store, (s) => s.stats());
    ctx.stdout.write(`${JSON.stringify(stats, null, 2)}\n`);
    return 0;
  }
  if (action === 'backup') {
    if (!values.out) throw new UsageError('db backup needs --out FILE');
    const where = parseStoreUrl(values.store);
    if (where.kind !== 'sqlite') throw new CommandError('db backup copies SQLite stores; back up PostgreSQL with pg_dump (or use db export --format jsonl)');
    if (!existsSync(where.path)) throw new CommandError(`${where.path}: no such database`);
    // SQLite's online backup: consistent while others write, and the copy appears whole or not at all
    const temp = `${values.out}.${process.pid}.tmp`;
    const db = new Database(where.path, { readonly: true, fileMustExist: true });
    try {
      await db.backup(temp);
      await rename(temp, values.out);
    } catch (error) {
      await rm(temp, { force: true });
      throw new CommandError(`cannot back up to ${values.out}: ${(error as Error).message}`);
    } finally {
      db.close();
    }
    say(`${where.path} copied to ${values.out}`);
    return 0;
  }
  if (action === 'export') {
    const format = values.format ?? 'jsonl';
    if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}`);
    if (!values.out) throw new UsageError('db export needs --out FILE');
    // written beside the target and renamed at the end: the export appears whole or not at all
    const temp = `${values.out}.${process.pid}.tmp`;
    const out = createWriteStream(temp, { flags: 'wx' });
    try {
      const written = await withStore(values.store, async (store): Promise<string> => {
        if (format === 'jsonl') return `${await writeJsonl(store, out, { analyses: values.history ? 'all' : 'latest' })} articles`;
        if (format === 'csv') return `${await writeArticlesCsv(store, out, { text: !values['no-text'] })} articles`;
        if (format === 'spans-csv') return `${await writeSpansCsv(store, out, { ...(values.layers && { layers: values.layers.split(',') }) })} spans`;
        if (format === 'semeval-si') return `${await writeSemevalSi(store, out)} spans`;
        if (format === 'semeval-tc') {
          const r = await writeSemevalTc(store, out);
          return `${r.lines} spans${r.unmapped ? ` (${r.unmapped} with no SemEval-2020 label left out)` : ''}`;
        }
        if (format === 'semeval-st3') return `${await writeSemevalSt3(store, out)} paragraphs`;
        return `${await writeLabelStudioTasks(store, out)} tasks`;
      });
      out.end();
      await finished(out);
      await rename(temp, values.out);
      say(`${written} written to ${values.out}`);
    } catch (error) {
      out.destroy();
      await rm(temp, { force: true });
      if (error instanceof CommandError || error instanceof UsageError) throw error;
      throw new CommandError(`cannot export to ${values.out}: ${(error as Error).message}`);
    }
    return 0;
  }
  if (action === 'import') {
    const input = rest[0];
    if (!input) throw new UsageError('db import needs a FILE');
    if (!existsSync(input)) throw new CommandError(`${input}: no such file`);
    const format = values.format ?? (input.endsWith('.jsonl') ? 'jsonl' : 'label-studio');
    const result = await withStore(values.store, async (store) => {
      try {
        if (format === 'jsonl') return await importJsonl(store, createReadStream(input));
        if (format === 'label-studio') return await importLabelStudio(store, createReadStream(input));
      } catch (error) {
        throw new CommandError(`${input}: ${(error as Error).message.split('\n')[0]}`);
      }
      throw new UsageError('--format for import must be jsonl or label-studio');
    });
    ctx.stdout.write(`${JSON.stringify(result)}\n`);
    return 0;
  }
  throw new UsageError('db needs an action: migrate, stats, backup, export or import (try --help)');
}
