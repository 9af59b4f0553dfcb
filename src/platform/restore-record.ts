/**
 * After a restore (from a backup directory or a replica), each restored app's audit chain gets a
 * `restore` entry naming where its data came from, so the chain itself shows the point where the
 * data directory was rebuilt: `{"action":"restore","from":"s3://bucket/prod","databases":["secrets.db","secrets.audit.db"],"by":"cli:root"}`.
 *
 * @example recordRestore('/data', ['links', 'secrets'], ['links.db', 'secrets.db', 'secrets.audit.db'], '/backups/2026-11-21')
 */
import { appendWith } from './audit.js';
import { auditLogPath } from './audit-store.js';
import { cliActor } from './cli-io.js';

/** The apps of `appIds` with a restored database (`<app>.db` or `<app>.audit.db` among `restored`). */
export function restoredApps(appIds: readonly string[], restored: readonly string[]): string[] {
  return appIds.filter((id) => restored.includes(`${id}.db`) || restored.includes(`${id}.audit.db`));
}

/** Appends the `restore` entry to each restored app's chain; returns those apps. */
export function recordRestore(dataDir: string, appIds: readonly string[], restored: readonly string[], from: string, o: { replicated?: boolean } = {}): string[] {
  const apps = restoredApps(appIds, restored);
  for (const id of apps) {
    const databases = restored.filter((n) => n === `${id}.db` || n === `${id}.audit.db`);
    appendWith(auditLogPath(dataDir, id), { replicated: o.replicated }, [{ action: 'restore', from, databases, by: cliActor() }]);
  }
  return apps;
}
