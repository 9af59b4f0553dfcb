/**
 * A child process for the parent-death tests: a ReplicationSupervisor with the given method
 * (`setpriv` or `pipe`) replicating one database of the data directory argv[2] to the file
 * replica argv[5], with the Litestream binary argv[4]. Prints `PID <litestream pid>` once it
 * replicates; it is meant to be SIGKILLed.
 *
 *   vite-node test/support/replicator-child.ts DATA_DIR setpriv|pipe LITESTREAM REPLICA_URL
 */
import { join } from 'node:path';
import { silentLogger } from '../../src/platform/logging.js';
import type { ParentDeath } from '../../src/platform/replicate/litestream.js';
import { ReplicateSchema } from '../../src/platform/replicate/settings.js';
import { ReplicationSupervisor } from '../../src/platform/replicate/supervisor.js';
import { openAppDatabase } from '../../src/platform/storage.js';

const [dataDir, method, litestream, url] = process.argv.slice(2) as [string, ParentDeath, string, string];
const db = join(dataDir, 'notes.db');
openAppDatabase(db, [{ version: 1, name: 'notes', up: 'CREATE TABLE notes (body TEXT)' }], { replicated: true }).close();
const supervisor = new ReplicationSupervisor({
  settings: ReplicateSchema.parse({ url, litestream }),
  dataDir,
  databases: () => [db],
  log: silentLogger(),
  parentDeath: method,
});
await supervisor.start();
process.stdout.write(`PID ${supervisor.pid}\n`);
setInterval(() => undefined, 60_000);
