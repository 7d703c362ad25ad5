#!/usr/bin/env node
// The compiled CLI lives in dist/ (built by `npm ci` through the prepare script, or `npm run build`).
import('../dist/cli/main.js').then(
  (cli) => cli.run(),
  (error) => {
    if (error && error.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes('dist')) {
      process.stderr.write('spinscope: not built yet; run `npm run build` (or `npm ci`) in the spinscope folder\n');
    } else {
      process.stderr.write(`spinscope: cannot start: ${error && error.message ? error.message : error}\n`);
    }
    process.exitCode = 1;
  },
);
