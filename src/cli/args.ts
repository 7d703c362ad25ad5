/** Argument parsing shared by the commands: node's parseArgs, with its errors turned into usage errors. */
import { existsSync } from 'node:fs';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { DEFAULT_MAX_BYTES } from '../ingest/read-input.ts';
import { UsageError } from './errors.ts';

type Options = NonNullable<ParseArgsConfig['options']>;
type Parsed<T extends Options> = ReturnType<typeof parseArgs<{ args: string[]; options: T; allowPositionals: boolean; strict: true }>>;

export function parse<T extends Options>(args: string[], options: T, allowPositionals: boolean): Parsed<T> {
  try {
    return parseArgs({ args, options, allowPositionals, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message.replace(/\. To specify a positional argument.*$/s, ''));
  }
}

export function layerList(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const layers = value.split(',').map((s) => s.trim()).filter(Boolean);
  if (!layers.length) throw new UsageError('--layers needs at least one layer name (see `spinscope layers`)');
  return layers;
}

export function positiveInt(value: string | undefined, flag: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`${flag} must be a whole number ≥ 0, not '${value}'`);
  return n;
}

/** --max-bytes accepts plain bytes or a size with a unit: 500k, 20MB. */
export function byteSize(value: string | undefined): number {
  if (value === undefined) {
    const env = process.env.SPINSCOPE_MAX_BYTES;
    return env ? byteSize(env) : DEFAULT_MAX_BYTES;
  }
  const m = /^(\d+(?:\.\d+)?)\s*([kmg]?)i?b?$/i.exec(value.trim());
  if (!m) throw new UsageError(`--max-bytes must be a size such as 10MB or 500k, not '${value}'`);
  const unit = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[m[2]!.toLowerCase() as '' | 'k' | 'm' | 'g'];
  const n = Math.floor(Number(m[1]) * unit);
  if (n <= 0) throw new UsageError('--max-bytes must be greater than 0');
  return n;
}

export function languageCode(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!/^[a-z]{2,3}(?:-[A-Za-z]{2,4})?$/.test(value)) throw new UsageError(`--lang takes a language code such as en or ru, not '${value}'`);
  return value;
}

/** --allow-host entries, checked before anything is fetched. */
export function allowHostList(values: string[] | undefined, check: (entry: string) => unknown): string[] | undefined {
  for (const entry of values ?? []) {
    try {
      check(entry);
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
  }
  return values;
}

/** --cases files, checked to exist before models load. */
export function checkedCaseFiles(files: string[] | undefined): string[] | undefined {
  for (const f of files ?? []) if (!existsSync(f)) throw new UsageError(`--cases: ${f}: no such file`);
  return files;
}
