/**
 * The files no SQL source may ever read: what the apps declare private (the secrets store, the
 * identity provider's keys) and what the platform always protects (audit logs, key files), as
 * `ctx.suite.privateFiles()` lists them. The console names none of them itself.
 *
 * A candidate file is refused when, after resolving symlinks and `..`, its path is one of those
 * (or starts with a prefix entry's path: `secrets.db*` covers its WAL and journal; one with a
 * suffix covers the names between in its directory: `links.*.audit.jsonl`), or when it is
 * the same file by device and inode as one that exists now (a hard link or a bind mount). The
 * check runs when a source is configured, when a secret-backed source switches, and again in the
 * SQLite runner right before it opens a file.
 *
 * @example
 *   const guard = new ProtectedFiles(ctx.suite.privateFiles());
 *   guard.check('/tmp/link-to-secrets.db') // throws ProtectedFileError
 */
import { readdirSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { PrivateFile } from '../../../platform/suite-view.js';

export class ProtectedFileError extends Error {
  override name = 'ProtectedFileError';
}

/** A protected path as resolved now, with the file's identity (`dev:ino`) when it exists. */
export interface FileIdentity extends PrivateFile {
  id?: string;
}

/** The real path of `p`, resolving symlinks of the deepest existing ancestor for a missing file. */
export function realPathOf(p: string): string {
  const abs = resolve(p);
  try {
    return realpathSync(abs);
  } catch {
    const parent = dirname(abs);
    if (parent === abs) return abs;
    return join(realPathOf(parent), basename(abs));
  }
}

function identity(p: string): string | undefined {
  try {
    const st = statSync(p);
    return `${st.dev}:${st.ino}`;
  } catch {
    return undefined;
  }
}

/** Whether the file name `name` starts with `start` and ends with `end` (not overlapping). */
function nameMatches(name: string, start: string, end: string): boolean {
  return name.length >= start.length + end.length && name.startsWith(start) && name.endsWith(end);
}

/** Whether the real path `real` is covered by the protected entry `p` by its path. */
function coveredByPath(real: string, p: PrivateFile): boolean {
  if (!p.prefix) return real === p.path;
  if (p.suffix === undefined) return real.startsWith(p.path);
  return dirname(real) === dirname(p.path) && nameMatches(basename(real), basename(p.path), p.suffix);
}

/** The existing files a prefix entry covers now. */
function filesWithPrefix(path: string, suffix = ''): string[] {
  const dir = dirname(path);
  const start = basename(path);
  try {
    return readdirSync(dir)
      .filter((name) => nameMatches(name, start, suffix))
      .map((name) => join(dir, name));
  } catch {
    return [];
  }
}

export class ProtectedFiles {
  constructor(readonly files: readonly PrivateFile[]) {}

  /** The protected files' current identities (they may be created after start-up). */
  identities(): FileIdentity[] {
    return identitiesOf(this.files);
  }

  /** Throws {@link ProtectedFileError} if `candidate` is, by any path, a protected file. */
  check(candidate: string): void {
    checkAgainst(candidate, this.identities());
  }
}

/** The protected paths resolved now, each existing file with its identity. */
export function identitiesOf(files: readonly PrivateFile[]): FileIdentity[] {
  return files.flatMap((f) => {
    const path = realPathOf(f.path);
    if (!f.prefix) return [{ ...f, path, id: identity(path) }];
    const existing = filesWithPrefix(path, f.suffix).map((p) => ({ path: p, prefix: false, holds: f.holds, id: identity(p) }));
    return [{ ...f, path }, ...existing];
  });
}

/** {@link ProtectedFiles.check} against a precomputed list (the SQLite runner gets one per request). */
export function checkAgainst(candidate: string, protectedList: readonly FileIdentity[]): void {
  const real = realPathOf(candidate);
  const id = identity(real);
  for (const p of protectedList) {
    const byPath = coveredByPath(real, p);
    if (byPath || (id !== undefined && p.id === id)) {
      const name = byPath ? basename(real) : basename(p.path);
      throw new ProtectedFileError(`${name} belongs to tailyard's ${p.holds} and can never be a SQL source`);
    }
  }
}
