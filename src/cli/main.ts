/** The `spinscope` command: dispatches to a command and turns every failure into one line and an exit code. */
import { createRequire } from 'node:module';
import { analyzeCommand, analyzeHelp } from './commands/analyze.ts';
import { batchCommand, batchHelp } from './commands/batch.ts';
import { layersCommand, layersHelp } from './commands/layers.ts';
import { serveCommand, serveHelp } from './commands/serve.ts';
import { startCommand, startHelp } from './commands/start.ts';
import { trainCommand, trainHelp } from './commands/train.ts';
import { predictCommand, predictHelp } from './commands/predict.ts';
import { evalCommand, evalHelp } from './commands/eval.ts';
import { extractCommand, extractHelp } from './commands/extract.ts';
import { ingestCommand, ingestHelp } from './commands/ingest.ts';
import { dbCommand, dbHelp } from './commands/db.ts';
import { searchCommand, searchHelp } from './commands/search.ts';
import { workerCommand, workerHelp } from './commands/worker.ts';
import { statusCommand, statusHelp } from './commands/status.ts';
import { EXIT, UsageError, errorLine, exitCodeFor, isUserError } from './errors.ts';
import type { CommandContext } from './context.ts';

type Command = (args: string[], ctx: CommandContext) => Promise<number> | number;

const COMMANDS: Record<string, { run: Command; help: string; summary: string }> = {
  start: { run: startCommand, help: startHelp, summary: 'serve the API and web app on ./spinscope.db, with the examples on first run (--once: print their reports)' },
  serve: { run: serveCommand, help: serveHelp, summary: 'serve the HTTP API and the web app' },
  analyze: { run: analyzeCommand, help: analyzeHelp, summary: 'analyse one file, URL or standard input' },
  batch: { run: batchCommand, help: batchHelp, summary: 'analyse a folder of documents into JSONL' },
  extract: { run: extractCommand, help: extractHelp, summary: 'clean article text and metadata from HTML files or URLs' },
  ingest: { run: ingestCommand, help: ingestHelp, summary: 'turn URLs, feeds, OPML, sitemaps, WARC, JSONL/CSV and folders into stored articles' },
  worker: { run: workerCommand, help: workerHelp, summary: 'ingest and analyse continuously: embedded, or BullMQ workers on Redis (--redis)' },
  status: { run: statusCommand, help: statusHelp, summary: 'queue depths, throughput, dead letters and feed health of continuous ingestion' },
  search: { run: searchCommand, help: searchHelp, summary: 'full-text search over the stored articles, with filters' },
  db: { run: dbCommand, help: dbHelp, summary: 'migrate, inspect, back up, export and import the store' },
  layers: { run: layersCommand, help: layersHelp, summary: 'list the analysis layers' },
  train: { run: trainCommand, help: trainHelp, summary: 'train the technique or entity models on the shared data, with their measured metrics' },
  predict: { run: predictCommand, help: predictHelp, summary: 'write benchmark predictions in the official submission formats' },
  eval: { run: evalCommand, help: evalHelp, summary: 'score predictions with a benchmark\'s official metric' },
};

function version(): string {
  const require = createRequire(import.meta.url);
  return (require('../../package.json') as { version: string }).version;
}

export function usage(): string {
  const names = Object.keys(COMMANDS);
  const width = Math.max(...names.map((n) => n.length));
  return [
    'Usage: spinscope <command> [options]',
    '',
    'Commands:',
    ...names.map((n) => `  ${n.padEnd(width)}  ${COMMANDS[n]!.summary}`),
    '',
    'Run `spinscope <command> --help` for its options; `spinscope --version` for the version.',
  ].join('\n');
}

export async function main(argv: string[], ctx: CommandContext): Promise<number> {
  const [name, ...rest] = argv;
  try {
    if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
      const topic = name === 'help' ? rest[0] : undefined;
      ctx.stdout.write(`${topic && COMMANDS[topic] ? COMMANDS[topic].help : usage()}\n`);
      return name === undefined ? EXIT.usage : EXIT.ok;
    }
    if (name === '--version' || name === '-v') {
      ctx.stdout.write(`${version()}\n`);
      return EXIT.ok;
    }
    const command = COMMANDS[name];
    if (!command) throw new UsageError(`unknown command '${name}'; commands: ${Object.keys(COMMANDS).join(', ')}`);
    return await command.run(rest, ctx);
  } catch (error) {
    ctx.stderr.write(`${errorLine(error)}\n`);
    if (!isUserError(error) && process.env.SPINSCOPE_DEBUG) ctx.stderr.write(`${(error as Error).stack ?? ''}\n`);
    return exitCodeFor(error);
  }
}

/** Runs as the process: real streams, exit code, and a quiet exit when a pipe reader goes away. */
export async function run(): Promise<void> {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(EXIT.ok);
  });
  // a failure outside any command's control flow (a stream, a thread) still ends in one line
  process.on('uncaughtException', (error) => {
    process.stderr.write(`${errorLine(error)}\n`);
    if (process.env.SPINSCOPE_DEBUG) process.stderr.write(`${error.stack ?? ''}\n`);
    process.exit(EXIT.failure);
  });
  const code = await main(process.argv.slice(2), {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    stdoutIsTTY: Boolean(process.stdout.isTTY),
    ...(process.stdout.columns !== undefined && { columns: process.stdout.columns }),
  });
  process.exitCode = code;
}
