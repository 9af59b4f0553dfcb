/**
 * An app context for tests that create an app outside the platform (behind a stand-in tailnet
 * mode): the same real parts the platform hands an app (keys under the data directory, a
 * scheduler, peers, the suite view), with the test choosing the database, audit sink, mode and
 * tailnet. `close()` does what the platform does on shutdown: stops scheduled tasks, runs the
 * close hooks, zeroes the keys.
 *
 * @example
 *   const { ctx, close } = testAppContext(pasteApp, { db, config, capName: CAP, dataDir, tailnet });
 *   const routes = await pasteApp.create(ctx);
 */
import type { AppDefinition, AuditSink } from '../../src/platform/app.js';
import { type Clock, platformClock } from '../../src/platform/clock.js';
import { type AppContext, type AppTailnet, appContext } from '../../src/platform/context.js';
import { createKeys } from '../../src/platform/keys/keys.js';
import { silentLogger } from '../../src/platform/logging.js';
import { createMetrics } from '../../src/platform/metrics.js';
import { PeerRegistry } from '../../src/platform/peers/peer.js';
import { Scheduler } from '../../src/platform/schedule.js';
import type { SqliteDatabase } from '../../src/platform/storage.js';
import { suiteView } from '../../src/platform/suite-view.js';

export interface TestContextOptions<Config> {
  db: SqliteDatabase;
  config: Config;
  capName: string;
  dataDir: string;
  tailnet: AppTailnet;
  audit?: AuditSink;
  mode?: AppContext['mode'];
  hostname?: string;
  /** Default the platform clock (real time unless TAILYARD_TEST_CLOCK fixes it). */
  clock?: Clock;
}

export function testAppContext<Config>(def: Pick<AppDefinition<Config>, 'id'>, o: TestContextOptions<Config>): { ctx: AppContext<Config>; close(): Promise<void> } {
  const log = silentLogger();
  const closers: Array<() => void | Promise<void>> = [];
  const mode = o.mode ?? 'managed';
  const keys = createKeys({ appId: def.id, dataDir: o.dataDir, mode, log });
  const scheduler = new Scheduler(log);
  const ctx = appContext<Config>(def.id, {
    db: o.db,
    log,
    metrics: createMetrics({ defaultMetrics: false }).registry,
    audit: o.audit ?? { append: () => {} },
    config: o.config,
    capName: o.capName,
    dataDir: o.dataDir,
    mode,
    hostname: o.hostname ?? def.id,
    tailnet: o.tailnet,
    onClose: (fn) => closers.push(fn),
    peers: new PeerRegistry().forApp(def.id),
    keys,
    schedule: scheduler.schedule,
    health: () => {},
    suite: suiteView(o.dataDir, []),
    clock: o.clock ?? platformClock,
  });
  return {
    ctx,
    close: async () => {
      await scheduler.stop();
      for (const c of closers) await c();
      keys.close();
    },
  };
}
