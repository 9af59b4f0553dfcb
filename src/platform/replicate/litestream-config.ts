/**
 * The Litestream v0.5 config tailyard generates for `litestream replicate -config` and
 * `litestream restore -config` (pure: settings and paths in, the file's text out). Litestream reads
 * YAML; JSON is YAML, so the file is JSON, which needs no quoting rules of its own. It holds paths
 * and intervals only: credentials reach Litestream in its environment (`settings.ts`).
 *
 * Per database: `path`, `meta-path` (under `<data>/replicate/`), `monitor-interval`,
 * `checkpoint-interval` and `busy-timeout`, and a `replica` with the database's URL
 * (`<url>/<name>`), `sync-interval`, and the S3 `endpoint`/`region`/`force-path-style`. Globally:
 * the snapshot interval and retention, the L0 retention, how long a shutdown may spend on the
 * last upload, the control socket (`/list` tells each
 * database's last successful upload: `status.ts`), and logging as JSON lines on stderr.
 *
 * @example
 *   const text = litestreamConfig(settings, ['/data/links.db', '/data/links.audit.db'], replicatePaths('/data'));
 */
import path from 'node:path';
import type { ReplicatePaths } from './paths.js';
import { type ReplicateSettings, replicaUrl } from './settings.js';

/** How long Litestream waits for a writer's lock (as every tailyard connection does: storage.ts). */
const BUSY_TIMEOUT = '5s';

/** A Go duration from milliseconds. */
export function goDuration(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}

/**
 * The config's text. `databases` are absolute paths of database files (some may not exist yet:
 * Litestream starts replicating a database once its file appears).
 */
export function litestreamConfig(s: ReplicateSettings, databases: readonly string[], paths: ReplicatePaths): string {
  const replica = (name: string) => ({
    url: replicaUrl(s.url, name),
    'sync-interval': goDuration(s.syncIntervalMs),
    ...(s.endpoint === undefined ? {} : { endpoint: s.endpoint }),
    ...(s.region === undefined ? {} : { region: s.region }),
    ...(s.forcePathStyle === undefined ? {} : { 'force-path-style': s.forcePathStyle }),
  });
  const config = {
    logging: { level: 'info', type: 'json', stderr: true },
    socket: { enabled: true, path: paths.socket, permissions: 0o600 },
    snapshot: { interval: goDuration(s.snapshotIntervalSeconds * 1000), retention: goDuration(s.retentionSeconds * 1000) },
    'l0-retention': goDuration(s.l0RetentionSeconds * 1000),
    // On SIGTERM it uploads what it has not yet; a replica out of reach must not hold a shutdown long.
    'shutdown-sync-timeout': '10s',
    dbs: databases.map((db) => ({
      path: db,
      'meta-path': paths.meta(path.basename(db)),
      'monitor-interval': goDuration(s.monitorIntervalMs),
      'busy-timeout': BUSY_TIMEOUT,
      replica: replica(path.basename(db)),
    })),
  };
  return `${JSON.stringify(config, null, 2)}\n`;
}
