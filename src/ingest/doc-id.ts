import { basename } from 'node:path';

/** The document id of a file: its name without extensions (`story.html.gz` → `story`). */
export function docIdOf(path: string): string {
  return basename(path).replace(/\.gz$/i, '').replace(/\.[^.]+$/, '');
}
