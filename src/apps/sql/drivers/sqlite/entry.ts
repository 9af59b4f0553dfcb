/**
 * Where the SQLite runner's JavaScript is. In a build it is the compiled `runner.js` next to
 * this file. When tailyard runs from TypeScript sources (the test suite under vitest), Node 20
 * cannot start a `.ts` file, so the runner is bundled once with esbuild (a dev dependency, only
 * loaded on this path) into `node_modules/.cache/tailyard/`, where `better-sqlite3` resolves.
 *
 * @example
 *   spawn(process.execPath, [await runnerEntry()])
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export async function runnerEntry(): Promise<string> {
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith('.js')) return join(dirname(here), 'runner.js');
  const sqlDir = join(dirname(here), '..', '..');
  const hash = createHash('sha256');
  for (const f of sourcesUnder(sqlDir)) hash.update(f).update(readFileSync(f));
  const root = packageRootFrom(here);
  const outDir = join(root, 'node_modules', '.cache', 'tailyard');
  const out = join(outDir, `sql-runner-${hash.digest('hex').slice(0, 16)}.mjs`);
  if (!existsSync(out)) {
    mkdirSync(outDir, { recursive: true });
    const esbuild = await import('esbuild');
    const built = await esbuild.build({
      entryPoints: [join(dirname(here), 'runner.ts')],
      write: false,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      external: ['better-sqlite3'],
      logLevel: 'error',
    });
    // Written aside and renamed, so concurrent test processes never run a half-written file.
    const tmp = `${out}.${process.pid}.tmp`;
    writeFileSync(tmp, built.outputFiles[0]?.contents ?? new Uint8Array());
    renameSync(tmp, out);
  }
  return out;
}

function sourcesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...sourcesUnder(p));
    else if (e.name.endsWith('.ts') && !e.name.endsWith('.test.ts')) out.push(p);
  }
  return out.sort();
}

function packageRootFrom(file: string): string {
  let dir = dirname(file);
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('cannot find the package root');
    dir = up;
  }
  return dir;
}
