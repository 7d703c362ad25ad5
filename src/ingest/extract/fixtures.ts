/**
 * The extraction fixtures under test/fixtures/extract/<name>/: source.html,
 * expected.txt (the exact text), expected-metadata.json, and optionally
 * options.json ({ url, now }). Shared by the fixture test and the benchmark.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

export const FIXTURES_DIR = new URL('../../../test/fixtures/extract/', import.meta.url);

/** Fixtures are judged at this instant unless options.json says otherwise. */
export const DEFAULT_NOW = '2026-12-01T00:00:00.000Z';

const Metadata = z.object({
  title: z.string().optional(),
  authors: z.array(z.string()).default([]),
  publishedAt: z.string().optional(),
  modifiedAt: z.string().optional(),
  siteName: z.string().optional(),
  canonicalUrl: z.string().optional(),
  lang: z.string().optional(),
  description: z.string().optional(),
  image: z.string().optional(),
  nextPageUrl: z.string().optional(),
}).strict();

const Options = z.object({ url: z.string().optional(), now: z.string().optional() }).strict();

export type FixtureMetadata = z.infer<typeof Metadata>;
export const METADATA_FIELDS = Object.keys(Metadata.shape) as (keyof FixtureMetadata)[];

export interface Fixture {
  name: string;
  html: string;
  expectedText: string;
  expectedMetadata: FixtureMetadata;
  url?: string;
  now: Date;
}

export function loadFixtures(): Fixture[] {
  const root = FIXTURES_DIR.pathname;
  return readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const dir = join(root, name);
      const read = (file: string) => readFileSync(join(dir, file), 'utf8');
      const options = existsSync(join(dir, 'options.json')) ? Options.parse(JSON.parse(read('options.json'))) : {};
      const fixture: Fixture = {
        name,
        html: read('source.html'),
        // editors add a final newline; the expected text has none
        expectedText: read('expected.txt').replace(/\n$/, ''),
        expectedMetadata: Metadata.parse(JSON.parse(read('expected-metadata.json'))),
        now: new Date(options.now ?? DEFAULT_NOW),
      };
      if (options.url !== undefined) fixture.url = options.url;
      return fixture;
    });
}
