/**
 * What one app may learn of the others without naming them (`ctx.suite`): the read-only SQL
 * views each app offers (`AppDefinition.sqlViews`: the SQL console lists them as `appSources`),
 * and the files no app may ever open on a user's behalf (`AppDefinition.privateFiles`, plus what
 * the platform always protects: every app's audit database (and the JSON Lines files of earlier
 * versions) and key files, the data directory's lock and holder record, and Litestream's state,
 * which holds copies of every database's pages).
 *
 * Both cover every app this tailyard knows, enabled or not: a disabled app's database still
 * exists, and the secrets database must stay closed to the SQL console whether or not the
 * secrets app runs.
 *
 * @example
 *   ctx.suite.sqlViews().paste // { label: 'paste (tailyard)', database: '/data/paste.db', views: { pastes: 'SELECT …' } }
 *   ctx.suite.privateFiles()   // [{ path: '/data/secrets.db', prefix: true, holds: 'secrets store' }, …]
 */
import { join, resolve } from 'node:path';
import { DATA_DIR_LOCK } from './data-dir-lock.js';
import { REPLICATE_DIR } from './replicate/paths.js';
import { PRE_MIGRATION_BACKUPS } from './storage.js';

/** Data an app offers the SQL console, read-only. */
export interface SqlViewSet {
  /** What the console shows, e.g. `paste (tailyard)`. */
  label: string;
  /** The SQLite file. */
  database: string;
  /** When set, the file is reachable only through these views (name → SELECT); else all of it. */
  views?: Record<string, string>;
}

/** What `sqlViews` gets: where the app's database is, and its parsed config. */
export interface SqlViewInfo<Config> {
  database: string;
  dataDir: string;
  config: Config;
}

/** An app's declaration of its private files (`AppDefinition.privateFiles`). */
export interface PrivateFiles {
  /** What they hold, for messages: "secrets store" → "secrets.db belongs to tailyard's secrets store". */
  holds: string;
  /**
   * File names under the data directory. One `*` stands for any run of characters: at the end it
   * covers every name that starts so (`secrets.db*`: its WAL and journal too), inside a name it
   * covers every name that starts and ends so (`notes.*.bak`).
   */
  files: string[];
}

/**
 * One protected path: a file, or (`prefix`) every file whose path starts with it and, with
 * `suffix`, also ends with that in the same directory (rotated audit files:
 * `{ path: '/data/links.', prefix: true, suffix: '.audit.jsonl' }`).
 */
export interface PrivateFile {
  path: string;
  prefix: boolean;
  suffix?: string;
  holds: string;
}

/** `ctx.suite`. */
export interface SuiteView {
  /** The SQL views offered by each known app, by app id. */
  sqlViews(): Record<string, SqlViewSet>;
  /** Every file no app may open on a user's behalf. */
  privateFiles(): PrivateFile[];
}

/** What the platform knows of one app for the suite view. */
export interface SuiteMember {
  id: string;
  sqlViews?: SqlViewSet;
  privateFiles?: PrivateFiles;
  /** Key files the app's `ctx.keys` opened (while it runs). */
  keyFiles(): string[];
}

/**
 * The suite view over `members`.
 *
 * @example const suite = suiteView(dataDir, members);
 */
export function suiteView(dataDir: string, members: readonly SuiteMember[]): SuiteView {
  const dir = resolve(dataDir);
  const pattern = (name: string, holds: string): PrivateFile => {
    const star = name.indexOf('*');
    if (star < 0) return { path: join(dir, name), prefix: false, holds };
    const suffix = name.slice(star + 1);
    return { path: join(dir, name.slice(0, star)), prefix: true, ...(suffix ? { suffix } : {}), holds };
  };
  return {
    sqlViews: () => Object.fromEntries(members.flatMap((m) => (m.sqlViews ? [[m.id, m.sqlViews]] : []))),
    privateFiles: () => [
      // The data directory's lock (a SQLite file), its journal and the holder record next to it.
      pattern(`${DATA_DIR_LOCK}*`, 'data directory lock'),
      // Litestream's config, pidfile and copies of every database's pages (replicate/ in supervisor.ts).
      pattern(`${REPLICATE_DIR}*`, 'replication state'),
      // Backups taken before migrations (storage.ts): copies of every app's private files.
      pattern(`${PRE_MIGRATION_BACKUPS}/*`, 'backups taken before migrations'),
      ...members.flatMap((m) => [
        ...(m.privateFiles?.files ?? []).map((f) => pattern(f, m.privateFiles?.holds ?? `${m.id} app`)),
        // The audit database and its WAL; an earlier version's files (current, append lock,
        // rotated), moved in and renamed `*.migrated`.
        pattern(`${m.id}.audit.db*`, `${m.id} app's audit log`),
        pattern(`${m.id}.audit.jsonl*`, `${m.id} app's audit log`),
        pattern(`${m.id}.*.audit.jsonl`, `${m.id} app's audit log`),
        pattern(`${m.id}.*.audit.jsonl.migrated`, `${m.id} app's audit log`),
        pattern(`${m.id}.key*`, `${m.id} app's key`),
        ...m.keyFiles().map((f) => ({ path: resolve(f), prefix: true, holds: `${m.id} app's key` })),
      ]),
    ],
  };
}
