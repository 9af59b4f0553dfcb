/**
 * Apps' own readiness (`ctx.health(check)`), shown on `/healthz` next to each app's tailnet node
 * state: the app is ready when its node is and its check says so, and `/healthz` answers 503
 * while any app is not. A check that throws counts as not ready, with the error as its detail.
 *
 * @example
 *   ctx.health(() => (ring.hasKeys() ? { ready: true } : { ready: false, detail: 'creating the first signing keys' }));
 */

/** What an app reports about itself. */
export interface HealthState {
  ready: boolean;
  /** A short explanation, e.g. why it is not ready. */
  detail?: string;
}

/** The checks of every app, by app id. */
export class HealthChecks {
  readonly #checks = new Map<string, () => HealthState>();

  /** The `ctx.health` of one app (a later call replaces its check). */
  forApp(appId: string): (check: () => HealthState) => void {
    return (check) => void this.#checks.set(appId, check);
  }

  /** Each app's state now; apps that registered no check are left out. */
  states(): Record<string, HealthState> {
    const out: Record<string, HealthState> = {};
    for (const [id, check] of this.#checks) {
      try {
        const s = check();
        out[id] = s.detail === undefined ? { ready: s.ready } : { ready: s.ready, detail: s.detail };
      } catch (err) {
        out[id] = { ready: false, detail: `health check failed: ${(err as Error).message}` };
      }
    }
    return out;
  }
}
