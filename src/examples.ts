import { fileURLToPath } from 'node:url';

/** The example articles shipped with the package (examples/ at its root), from src/ or dist/ alike. */
export function bundledExamples(): string {
  return fileURLToPath(new URL('../examples/', import.meta.url));
}
