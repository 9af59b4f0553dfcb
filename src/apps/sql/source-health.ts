/**
 * The console's readiness on `/healthz` (`ctx.health`), from what its sources found when they
 * were opened: not ready while a source cannot be opened (the detail names it, with the path or
 * the server's answer) or is still being checked at start-up. Sources read from a secret are
 * opened on their first query and count from then on.
 *
 * @example
 *   sourcesHealth([{ slug: 'main', state: { kind: 'failed', problem: 'source "main" cannot be opened: /x.db: ENOENT: no such file or directory' } }])
 *   // → { ready: false, detail: 'source "main" cannot be opened: /x.db: ENOENT: no such file or directory' }
 */
import type { HealthState } from '../../platform/health.js';
import type { SourceState } from './sources.js';

export function sourcesHealth(sources: ReadonlyArray<{ slug: string; state: SourceState }>): HealthState {
  const failed = sources.flatMap((s) => (s.state.kind === 'failed' ? [s.state.problem] : []));
  if (failed.length) return { ready: false, detail: failed.join('; ') };
  const checking = sources.filter((s) => s.state.kind === 'checking').map((s) => s.slug);
  if (checking.length) return { ready: false, detail: `opening sources: ${checking.join(', ')}` };
  return { ready: true };
}
