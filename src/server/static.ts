/**
 * The web app's files (web/dist, built by `npm run build:web`): only GET and
 * HEAD, only regular files inside the root (no `..`, no dotfiles, no links
 * leading out), no directory listings. A path without a file extension that
 * is not a file is a client-side route and gets index.html.
 */
import { readFile, realpath, stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Context, MiddlewareHandler } from 'hono';
import { ApiError } from './errors.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
};

/** web/dist beside the package, from src/ and dist/ alike. */
export function defaultWebRoot(): string {
  return fileURLToPath(new URL('../../web/dist/', import.meta.url));
}

const NOT_BUILT = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>spinscope</title></head>
<body>
<h1>spinscope</h1>
<p>The API is running, but the web app is not built. Build it with <code>npm run build:web</code> and reload this page.</p>
<p>The API is described at <a href="/api/openapi.json">/api/openapi.json</a>.</p>
</body>
</html>
`;

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

function decodePath(pathname: string): string {
  let path: string;
  try {
    path = decodeURIComponent(pathname);
  } catch {
    throw new ApiError('bad_request', 'the path is not valid percent-encoding');
  }
  // URL parsing already folds /../, but not %2e%2e%2f or a backslash: refuse any of it outright
  if (path.includes('\0') || path.includes('\\') || path.split('/').some((s) => s === '..' || s === '.')) {
    throw new ApiError('bad_request', 'the path leaves the web app');
  }
  return path;
}

export function webApp(root: string | null): MiddlewareHandler {
  const base = root === null ? null : resolve(root);
  let realBase: string | undefined;
  const serve = async (c: Context, path: string, status: 200 | 404 = 200): Promise<Response> => {
    const type = TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
    const body = c.req.method === 'HEAD' ? null : await readFile(path);
    // hashed asset names never change content; everything else is checked again each time
    const cache = c.req.path.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache';
    return new Response(body, { status, headers: { 'Content-Type': type, 'Cache-Control': cache } });
  };
  return async (c, next) => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return next();
    if (c.req.path === '/api' || c.req.path.startsWith('/api/')) return next();
    const index = base && resolve(base, 'index.html');
    if (!base || !index || !(await isFile(index))) {
      return c.html(NOT_BUILT, c.req.path === '/' || c.req.path === '/index.html' ? 200 : 404);
    }
    realBase ??= await realpath(base);
    const path = decodePath(new URL(c.req.url).pathname);
    const segments = path.split('/').filter(Boolean);
    if (segments.some((s) => s.startsWith('.'))) return next();
    const full = resolve(base, ...segments);
    if (full !== base && !full.startsWith(base + sep)) throw new ApiError('bad_request', 'the path leaves the web app');
    if (await isFile(full)) {
      // a link inside the root that points outside it is not part of the web app
      const real = await realpath(full);
      if (!real.startsWith(realBase + sep)) return next();
      return serve(c, full);
    }
    if (extname(path)) return next(); // a missing asset is a 404, not the app page
    return serve(c, index);
  };
}
