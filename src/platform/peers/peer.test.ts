import { describe, expect, it } from 'vitest';
import { definePeer, PeerRegistry } from './peer.js';

const Clock = definePeer<{ now(): number }>('test-clock');

describe('PeerRegistry', () => {
  it('hands a provider’s implementation to other apps, typed by the contract', () => {
    const registry = new PeerRegistry();
    expect(registry.forApp('reader').get(Clock)).toBeUndefined();
    registry.forApp('clock').provide(Clock, { now: () => 42 });
    const clock = registry.forApp('reader').get(Clock);
    expect(clock?.now()).toBe(42);
  });

  it('refuses a second provider of the same contract, naming both apps', () => {
    const registry = new PeerRegistry();
    registry.forApp('a').provide(Clock, { now: () => 1 });
    expect(() => registry.forApp('b').provide(Clock, { now: () => 2 })).toThrow('app "b" provides peer "test-clock", which app "a" already provides');
  });
});
