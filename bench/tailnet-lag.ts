/**
 * How long a grant change takes to reach a request, measured from the moment the app node's own
 * tailscaled WhoIs shows it (so control-plane propagation, which tailyard cannot change, is not
 * counted). Since tailscaled v1.100 a grant change raises no IPN-bus event, so this lag is what
 * the WhoIs cache's maximum age costs.
 *
 * Each sample flips a grant (secret `lag/x` readable or not) with `headscale policy set`, then
 * polls tailscaled's WhoIs and the app side by side until both show the new state.
 *
 * @example
 *   const lags = await measureGrantLag({ hs, policy, whois: () => lc.whois(aliceIp), ... }); // [412, 980, ...] ms
 */
import { performance } from 'node:perf_hooks';
import type { Headscale } from '../test/tailnet/harness.js';

export interface LagProbe {
  hs: Headscale;
  /** The policy with (`true`) or without the grant under test. */
  policy(granted: boolean): unknown;
  /** Whether tailscaled's own WhoIs for the client shows the grant. */
  tailscaledSees(): Promise<boolean>;
  /** Whether a request through the app is allowed. */
  appAllows(): Promise<boolean>;
  samples: number;
  /** Bound per sample (ms). */
  timeoutMs: number;
}

export interface LagSample {
  /** ms from the policy change until tailscaled's WhoIs shows it. */
  control: number;
  /** ms from then until the app acts on it. */
  app: number;
}

export async function measureGrantLag(p: LagProbe): Promise<LagSample[]> {
  const out: LagSample[] = [];
  let granted = await p.tailscaledSees();
  for (let i = 0; i < p.samples; i++) {
    granted = !granted;
    const t0 = performance.now();
    await p.hs.setPolicy(p.policy(granted));
    let tTs: number | undefined;
    let tApp: number | undefined;
    const deadline = t0 + p.timeoutMs;
    const pollTs = async () => {
      while (tTs === undefined && performance.now() < deadline) {
        if ((await p.tailscaledSees()) === granted) tTs = performance.now();
        else await sleep(10);
      }
    };
    const pollApp = async () => {
      while (tApp === undefined && performance.now() < deadline) {
        if ((await p.appAllows()) === granted) tApp = performance.now();
        else await sleep(10);
      }
    };
    await Promise.all([pollTs(), pollApp()]);
    if (tTs === undefined || tApp === undefined) throw new Error(`grant change ${i + 1} not seen within ${p.timeoutMs} ms (tailscaled: ${tTs !== undefined}, app: ${tApp !== undefined})`);
    // The app can only see what tailscaled knows; an earlier app answer means a poll raced.
    out.push({ control: tTs - t0, app: Math.max(0, tApp - tTs) });
  }
  return out;
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
