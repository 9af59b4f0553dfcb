/**
 * What the replicator says about each database, asked over its control socket (Litestream v0.5's
 * HTTP-over-Unix-socket API, enabled in the generated config): `GET /list` gives every
 * database's state and the time of its last successful upload to the replica. Litestream also
 * uploads on every sync interval when nothing changed, so the time since that upload bounds how
 * far the replica can be behind: the lag `/healthz` and `/metrics` report.
 *
 * @example
 *   const dbs = await listDatabases(paths.socket); // [{ name: 'links.db', status: 'open', lastSyncAt: Date }]
 */
import http from 'node:http';
import path from 'node:path';

/** One database as the replicator reports it. */
export interface DatabaseState {
  /** The database file's name, e.g. `links.db`. */
  readonly name: string;
  /** Litestream's state of it: `open` while it replicates. */
  readonly status: string;
  /** The last successful upload to the replica, if any yet. */
  readonly lastSyncAt?: Date;
}

/** GETs `route` on the control socket and parses the JSON answer (bounded by `timeoutMs`). */
function get(socket: string, route: string, timeoutMs: number): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const req = http.get({ socketPath: socket, path: route, timeout: timeoutMs }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => {
        body += d;
      });
      res.on('end', () => {
        if (res.statusCode !== 200) return reject(new Error(`litestream ${route}: ${res.statusCode} ${body.trim()}`));
        try {
          resolve(JSON.parse(body));
        } catch (err) {
          reject(err);
        }
      });
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`litestream ${route}: no answer within ${timeoutMs} ms`)));
    req.on('error', reject);
  });
}

/** Every database the replicator manages. */
export async function listDatabases(socket: string, timeoutMs = 2000): Promise<DatabaseState[]> {
  const body = (await get(socket, '/list', timeoutMs)) as { databases?: Array<{ path?: string; status?: string; last_sync_at?: string }> };
  return (body.databases ?? []).map((d) => ({
    name: path.basename(d.path ?? ''),
    status: d.status ?? 'unknown',
    ...(d.last_sync_at ? { lastSyncAt: new Date(d.last_sync_at) } : {}),
  }));
}

/** Resolves once the replicator answers on its socket. */
export async function ping(socket: string, timeoutMs = 1000): Promise<void> {
  await get(socket, '/info', timeoutMs);
}
