/**
 * Where replication keeps its own files: `<dataDir>/replicate/` (0700), never replicated and no
 * part of a backup. It holds the Litestream config tailyard generates (`litestream.yml`, 0600:
 * paths and intervals, never credentials), the replicator's pidfile, its control socket, and
 * Litestream's state for each database (`<name>-litestream/`: copies of recent pages, so the SQL
 * console may never read it either).
 *
 * @example replicatePaths('/var/lib/tailyard').config // → '/var/lib/tailyard/replicate/litestream.yml'
 */
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const REPLICATE_DIR = 'replicate';

/** A Unix socket path must fit in `sun_path` (108 bytes on Linux, with its NUL). */
const MAX_SOCKET_PATH = 100;

export interface ReplicatePaths {
  dir: string;
  config: string;
  pidfile: string;
  /** The control socket; under the system's temp directory when the data directory's path is too long for one. */
  socket: string;
  /** Litestream's state for the database file `name` (`links.db`). */
  meta(name: string): string;
}

export function replicatePaths(dataDir: string): ReplicatePaths {
  const dir = path.join(path.resolve(dataDir), REPLICATE_DIR);
  let socket = path.join(dir, 'litestream.sock');
  if (Buffer.byteLength(socket) > MAX_SOCKET_PATH) {
    const id = createHash('sha256').update(dir).digest('hex').slice(0, 16);
    socket = path.join(tmpdir(), `tailyard-litestream-${id}.sock`);
  }
  return {
    dir,
    config: path.join(dir, 'litestream.yml'),
    pidfile: path.join(dir, 'litestream.pid'),
    socket,
    meta: (name) => path.join(dir, `${name}-litestream`),
  };
}
