import { readdir, stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { extractFile } from '../../ingest/extract-file.ts';
import { extractMany } from '../../ingest/extract-many.ts';
import { toExtractJson } from '../../ingest/extract-json.ts';
import { extractArticle } from '../../ingest/extract/index.ts';
import { parseAllowEntry } from '../../ingest/fetch/allow-list.ts';
import { Fetcher } from '../../ingest/fetch/index.ts';
import { allowHostList, byteSize, parse, positiveInt } from '../args.ts';
import { CommandError, UsageError } from '../errors.ts';
import { openAtomic, writeFileAtomic } from '../output-file.ts';
import { progress } from '../progress.ts';
import type { CommandContext } from '../context.ts';

export const extractHelp = `Usage: spinscope extract <file.html|url> [options]
       spinscope extract --in DIR --out FILE.jsonl [options]

Clean article text and metadata from HTML: prints
{url, canonicalUrl, title, authors, publishedAt, modifiedAt, siteName, lang, description, image, text}
(null where the page does not say). Text is the headline, a blank line, then the body's
paragraphs separated by blank lines.

With --in, every .html, .htm and .html.gz file of DIR is extracted on all cores into one
JSON line each, with "doc" = the file name without its extensions; bad files are skipped and
listed at the end (exit code non-zero only if all failed); FILE appears whole or not at all.

Options:
  --url URL          the page's address, for a saved file (resolves links, dates in the path)
  --format json      output format (json only; pretty-printed with --pretty)
  --pretty           indent the JSON
  --in DIR, --out FILE.jsonl
  --threads N        worker threads for --in (default: one per core)
  --max-bytes SIZE   refuse pages larger than SIZE (default 10MB)
  --allow-host HOST_OR_CIDR
                     let a URL reach this non-public host or range; repeatable`;

const PAGE = /\.(?:html?|xhtml)(?:\.gz)?$/i;

export async function extractCommand(args: string[], ctx: CommandContext): Promise<number> {
  const { values, positionals } = parse(
    args,
    {
      url: { type: 'string' },
      format: { type: 'string', default: 'json' },
      pretty: { type: 'boolean', default: false },
      in: { type: 'string' },
      out: { type: 'string' },
      threads: { type: 'string' },
      'max-bytes': { type: 'string' },
      'allow-host': { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h' },
    },
    true,
  );
  if (values.help) {
    ctx.stdout.write(`${extractHelp}\n`);
    return 0;
  }
  if (values.format !== 'json') throw new UsageError(`--format must be json, not '${values.format}'`);
  const maxBytes = byteSize(values['max-bytes']);
  if (values.in !== undefined) {
    if (positionals.length) throw new UsageError('extract takes either one input or --in DIR, not both');
    if (!values.out) throw new UsageError('extract --in DIR needs --out FILE.jsonl');
    return extractFolder(values.in, values.out, positiveInt(values.threads, '--threads', availableParallelism()), maxBytes, ctx);
  }
  if (positionals.length !== 1) throw new UsageError('extract takes exactly one input: an HTML file or a URL (try --help)');
  const input = positionals[0]!;
  let json;
  if (/^https?:\/\//i.test(input)) {
    const allow = allowHostList(values['allow-host'], parseAllowEntry);
    const got = await new Fetcher({ maxBytes, ...(allow && { allow }) }).fetch(input);
    json = toExtractJson({ ...extractArticle(got.text, { url: got.finalUrl }), url: got.finalUrl });
  } else {
    const article = await extractFile(input, maxBytes, values.url);
    delete article.doc;
    json = article;
  }
  const output = `${JSON.stringify(json, null, values.pretty ? 2 : undefined)}\n`;
  if (values.out !== undefined) await writeFileAtomic(values.out, output);
  else ctx.stdout.write(output);
  return 0;
}

async function extractFolder(dir: string, out: string, threads: number, maxBytes: number, ctx: CommandContext): Promise<number> {
  const info = await stat(dir).catch(() => undefined);
  if (!info) throw new CommandError(`${dir}: no such folder`);
  if (!info.isDirectory()) throw new CommandError(`${dir}: not a folder`);
  const files = (await readdir(dir, { withFileTypes: true }))
    .filter((e) => e.isFile() && PAGE.test(e.name) && !e.name.startsWith('.'))
    .map((e) => join(dir, e.name))
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (!files.length) throw new CommandError(`${dir}: no .html, .htm or .html.gz files to extract`);
  const file = await openAtomic(out);
  const failures: { file: string; error: string }[] = [];
  const bar = progress(files.length, 'extract', ctx.stderr as NodeJS.WriteStream);
  try {
    for await (const r of extractMany(files, { threads, maxBytes })) {
      if (r.ok) await file.write(`${r.json}\n`);
      else failures.push({ file: r.path, error: r.error });
      bar.tick(!r.ok);
    }
    bar.done();
    if (failures.length === files.length) {
      await file.abort();
      throw new CommandError(`extract: all ${files.length} files failed (first: ${failures[0]!.error})`);
    }
    await file.commit();
  } catch (error) {
    await file.abort().catch(() => {});
    throw error;
  }
  ctx.stderr.write(`extract: ${files.length - failures.length} of ${files.length} pages written to ${out}\n`);
  for (const f of failures) ctx.stderr.write(`  skipped ${f.error.startsWith(f.file) ? f.error : `${f.file}: ${f.error}`}\n`);
  return 0;
}
