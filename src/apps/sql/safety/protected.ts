/**
 * The databases no SQL source may ever read: the secrets store and the identity provider's keys
 * (`<dataDir>/secrets.db`, `<dataDir>/idp.db`, their journals, and the secrets key file).
 *
 * A candidate file is refused when, after resolving symlinks and `..`, its path is one of those,
 * or when it is the same file by device and inode (a hard link or a bind mount). The check runs
 * when a source is configured, when a secret-backed source switches, and again in the SQLite
 * runner right before it opens a file.
 *
 * @example
 *   const guard = new ProtectedFiles('/var/lib/tailyard');
 *   guard.check('/tmp/link-to-secrets.db') // throws ProtectedFileError
 */
import { realpathSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

const PROTECTED_DBS = ['secrets.db', 'idp.db'];
const JOURNAL_SUFFIXES = ['', '-wal', '-shm', '-journal'];
const OTHER_FILES = ['secrets.key'];

export class ProtectedFileError extends Error {
  override name = 'ProtectedFileError';
}

/** Identity of a file for comparison: `dev:ino`. */
export interface FileIdentity {
  path: string;
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

/** The protected files of a data directory. */
export function protectedFiles(dataDir: string): string[] {
  const names = [...PROTECTED_DBS.flatMap((db) => JOURNAL_SUFFIXES.map((s) => db + s)), ...OTHER_FILES];
  return names.map((n) => join(dataDir, n));
}

export class ProtectedFiles {
  readonly files: readonly string[];

  constructor(dataDir: string) {
    this.files = protectedFiles(realPathOf(dataDir));
  }

  /** The protected files' current identities (they may be created after start-up). */
  identities(): FileIdentity[] {
    return identitiesOf(this.files);
  }

  /** Throws {@link ProtectedFileError} if `candidate` is, by any path, a protected file. */
  check(candidate: string): void {
    checkAgainst(candidate, this.identities());
  }
}

/** The identities of `paths` now (a missing file has none). */
export function identitiesOf(paths: readonly string[]): FileIdentity[] {
  return paths.map((path) => ({ path, id: identity(path) }));
}

/** {@link ProtectedFiles.check} against a precomputed list (the SQLite runner gets one per request). */
export function checkAgainst(candidate: string, protectedList: readonly FileIdentity[]): void {
  const real = realPathOf(candidate);
  const id = identity(real);
  for (const p of protectedList) {
    if (p.path === real || (id !== undefined && p.id === id)) {
      throw new ProtectedFileError(`${basename(p.path)} belongs to tailyard's ${basename(p.path).startsWith('idp') ? 'identity provider' : 'secrets store'} and can never be a SQL source`);
    }
  }
}
