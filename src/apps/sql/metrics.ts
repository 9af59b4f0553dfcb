/**
 * The SQL console's Prometheus metrics: the SQLite runner pool as it is at scrape time — runners
 * busy and idle, requests waiting for their turn, and busy runners stopped by a slow reader.
 *
 * @example
 *   registerSqlMetrics(services.metrics, pool);
 *   // tailyard_sql_sqlite_runners{state="busy"} 1, tailyard_sql_sqlite_waiting 3, …
 */
import { Gauge, type Registry } from 'prom-client';
import type { SqlitePool } from './drivers/sqlite/pool.js';

export function registerSqlMetrics(registry: Registry, pool: SqlitePool): void {
  new Gauge({
    name: 'tailyard_sql_sqlite_runners',
    help: 'SQLite runner processes, by state: busy (running a query for a caller) or idle.',
    labelNames: ['state'] as const,
    registers: [registry],
    collect() {
      const s = pool.stats();
      this.set({ state: 'busy' }, s.busy);
      this.set({ state: 'idle' }, s.runners - s.busy);
    },
  });
  new Gauge({
    name: 'tailyard_sql_sqlite_waiting',
    help: 'SQLite queries not yet begun: waiting for a runner, or queued in their caller’s runner behind another (each caller holds at most all runners but one).',
    registers: [registry],
    collect() {
      this.set(pool.stats().queued);
    },
  });
  new Gauge({
    name: 'tailyard_sql_sqlite_paused',
    help: 'Busy SQLite runners stopped because their client reads slower than they write.',
    registers: [registry],
    collect() {
      this.set(pool.stats().paused);
    },
  });
}
