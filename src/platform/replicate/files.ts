/**
 * Which files of a data directory are replicated: every app's database and audit database
 * (`<app>.db`, `<app>.audit.db`) that exists, for every app this tailyard knows (a disabled
 * app's data is data too). Nothing else is: key files stay apart by design, lock files belong to
 * the processes running, and `replicate/` is Litestream's own state.
 *
 * @example replicatedFiles('/data', ['links', 'secrets']) // → ['/data/links.db', '/data/links.audit.db', '/data/secrets.db']
 */
import fs from 'node:fs';
import path from 'node:path';
import { auditLogPath } from '../audit-store.js';
import { appDatabasePath } from '../storage.js';

/** The names replication uses for app `appId`'s databases: `<app>.db`, `<app>.audit.db`. */
export function replicatedNames(appId: string): string[] {
  return [`${appId}.db`, `${appId}.audit.db`];
}

/** The replicated files of `appIds` in `dataDir` that exist, absolute. */
export function replicatedFiles(dataDir: string, appIds: readonly string[]): string[] {
  const dir = path.resolve(dataDir);
  return appIds.flatMap((id) => [appDatabasePath(dir, id), auditLogPath(dir, id)]).filter((f) => fs.existsSync(f));
}
