/** The package's version, read once per call site from package.json (src/ and dist/ sit at the same depth). */
import { createRequire } from 'node:module';

export function packageVersion(): string {
  const require = createRequire(import.meta.url);
  return (require('../../package.json') as { version: string }).version;
}
