/**
 * A stand-in `TailnetMode` whose answers the test chooses: who a request comes from (a caller, or
 * an unknown peer, which on Funnel paths becomes an anonymous caller), or a failing WhoIs. For
 * what cannot run here (Funnel needs Tailscale's ingress and HTTPS certificates); the real modes
 * run against real tailscaleds in test/tailnet.
 *
 * @example
 *   let caller: Caller | undefined;
 *   const mode = fixedTailnetMode(() => (caller ? { kind: 'caller', caller } : { kind: 'unknown', remoteAddr: '203.0.113.7:40000' }));
 */
import type { Identification, TailnetMode } from '../../src/platform/tailnet/mode.js';

/** An unknown peer's address, as a Funnel request from the internet would show. */
export const INTERNET_PEER = '203.0.113.7:40000';

export function fixedTailnetMode(identify: () => Identification | Promise<Identification>, ready: () => boolean = () => true): TailnetMode {
  return {
    kind: 'managed',
    start: async () => {},
    serve: async () => ({ urls: [], ports: [], close: async () => {} }),
    isReady: ready,
    identify: async () => identify(),
    health: () => ({}),
    close: async () => {},
  };
}
