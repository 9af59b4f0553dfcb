#!/usr/bin/env node
// Writes dist/build-info.json: the version and the git commit this build was made from, which
// `tailyard --version` prints (src/platform/package.ts). Baked in at build time because an
// installed release has no .git to ask; outside a git checkout the commit is "unknown", and a
// checkout with uncommitted changes gets "-dirty" after the hash. A build without the checkout
// (the Dockerfile's) is told the commit in TAILYARD_COMMIT. Run by `npm run build`.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function git(...args) {
  return execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
}

function commit() {
  if (process.env.TAILYARD_COMMIT) return process.env.TAILYARD_COMMIT;
  try {
    const hash = git('rev-parse', '--short=12', 'HEAD');
    // Only tracked files count: build output and data directories are ignored or untracked.
    const dirty = git('status', '--porcelain', '--untracked-files=no') !== '';
    return dirty ? `${hash}-dirty` : hash;
  } catch {
    return 'unknown'; // no git, or not a checkout (a source tarball)
  }
}

const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
mkdirSync(join(root, 'dist'), { recursive: true });
writeFileSync(join(root, 'dist', 'build-info.json'), `${JSON.stringify({ version, commit: commit() }, null, 2)}\n`);
