/**
 * The console's readiness on `/healthz` (`ctx.health`), from what its sources found when they
 * were opened: not ready while a source is still being checked at start-up; ready, with a detail
 * naming it (the path or the server's answer), while a source cannot be opened. A broken source
 * is the console's degraded state, not the process's: `/healthz` answering 503 for it would make
 * a probe restart the whole suite — every other app with it — over a file or a database a restart
 * cannot bring back. Sources read from a secret are opened on their first query and count from
 * then on.
 *
 * @example
 *   sourcesHealth([{ slug: 'main', state: { kind: 'failed', problem: 'source "main" cannot be opened: /x.db: ENOENT: no such file or directory' } }])
 *   // → { ready: true, detail: 'cannot be used: source "main" cannot be opened: /x.db: ENOENT: no such file or directory' }
 */
import type { HealthState } from '../../platform/health.js';
import type { SourceState } from './sources.js';

export function sourcesHealth(sources: ReadonlyArray<{ slug: string; state: SourceState }>): HealthState {
  const failed = sources.flatMap((s) => (s.state.kind === 'failed' ? [s.state.problem] : []));
  const checking = sources.filter((s) => s.state.kind === 'checking').map((s) => s.slug);
  if (checking.length) return { ready: false, detail: `opening sources: ${checking.join(', ')}` };
  if (failed.length) return { ready: true, detail: `cannot be used: ${failed.join('; ')}` };
  return { ready: true };
}
