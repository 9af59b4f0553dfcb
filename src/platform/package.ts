/**
 * Where this tailyard is installed, its version (for `--version`, the start-up banner and the app
 * API check's message) and the commit it was built from (`--version`).
 *
 * @example
 *   tailyardVersion() // '1.0.0'
 *   tailyardCommit()  // '5b28da2c0f1e', or 'unknown' when built outside git
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | undefined;

/** The package root: the nearest folder above this module with tailyard's package.json. */
export function packageRoot(): string {
  if (root) return root;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'tailyard') {
      root = dir;
      return dir;
    }
    const up = dirname(dir);
    if (up === dir) throw new Error('cannot find the tailyard package root');
    dir = up;
  }
}

/** The version in tailyard's package.json. */
export function tailyardVersion(): string {
  return (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
}

/**
 * The git commit the running build was made from, as `scripts/build-info.mjs` recorded it in
 * `dist/build-info.json` (an installed release has no .git to ask); `unknown` when there is no
 * such record (running from sources that were never built).
 */
export function tailyardCommit(): string {
  try {
    const info = JSON.parse(readFileSync(join(packageRoot(), 'dist', 'build-info.json'), 'utf8')) as { commit?: unknown };
    return typeof info.commit === 'string' && info.commit !== '' ? info.commit : 'unknown';
  } catch {
    return 'unknown';
  }
}
