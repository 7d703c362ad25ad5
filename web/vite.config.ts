/**
 * Build of the web app: `vite build --config web/vite.config.ts` from the
 * repository root writes web/dist/, which the HTTP server serves at `/`.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  // absolute asset URLs: the server answers deep links (/articles/12) with index.html,
  // so relative URLs would resolve against the deep path
  base: '/',
  publicDir: 'public',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // the polyfill only matters to browsers without modulepreload; every current one has it
    modulePreload: { polyfill: false },
    // keep the CSP simple: never inline assets as data: URLs into CSS or JS
    assetsInlineLimit: 0,
    sourcemap: true,
    target: 'es2022',
  },
  server: {
    // the app imports the taxonomy and highlight palette from ../src
    fs: { allow: [fileURLToPath(new URL('..', import.meta.url))] },
  },
});
