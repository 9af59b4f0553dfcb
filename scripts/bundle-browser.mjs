#!/usr/bin/env node
// Bundles the browser code of every app from npm packages (never a CDN) into dist/static/, where
// views/assets.ts serves it under /.tailyard/static/ with a content hash.
//
// An app adds an entry point by creating views/<app>/client/<name>.entry.ts; it is written to
// dist/static/<app>-<name>.js (plus <app>-<name>.css when the entry imports CSS). Run by
// `npm run build` (and so by `npm ci`, `npm start` and `npm test`); `--watch` rebuilds on change.
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const views = join(root, 'views');
const outdir = join(root, 'dist', 'static');

const entryPoints = {};
for (const app of readdirSync(views, { withFileTypes: true })) {
  const clientDir = join(views, app.name, 'client');
  if (!app.isDirectory() || !existsSync(clientDir)) continue;
  for (const file of readdirSync(clientDir)) {
    const m = /^(.+)\.entry\.ts$/.exec(file);
    if (m) entryPoints[`${app.name}-${m[1]}`] = join(clientDir, file);
  }
}

mkdirSync(outdir, { recursive: true });
const options = {
  entryPoints,
  outdir,
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: ['es2020', 'chrome100', 'firefox100', 'safari15'],
  minify: true,
  legalComments: 'linked',
  logLevel: 'warning',
};
if (process.argv.includes('--watch')) {
  const ctx = await esbuild.context(options);
  await ctx.watch();
  process.stderr.write(`bundle-browser: watching ${Object.keys(entryPoints).length} entry point(s)\n`);
} else {
  await esbuild.build(options);
}
