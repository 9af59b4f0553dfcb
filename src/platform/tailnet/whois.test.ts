import { describe, expect, it } from 'vitest';
import { decodeWhoIs } from './whois-decode.js';
import { hostOf } from './http-server.js';
import { callerFromWhois } from './whois.js';

// Shapes as tailscaled v1.98 returns them (trimmed; unknown fields must be tolerated).
const aliceJson = {
  Node: {
    ID: 3,
    StableID: 'nAbc123',
    Name: 'alice-laptop.tailnet.test.',
    User: 1,
    Key: 'nodekey:00',
    Addresses: ['100.64.0.3/32', 'fd7a:115c:a1e0::3/128'],
    Hostinfo: { Hostname: 'alice-laptop', OS: 'linux' },
    ComputedName: 'alice-laptop',
    Online: true,
    CapMap: { 'https://tailscale.com/cap/is-admin': null },
  },
  UserProfile: { ID: 1, LoginName: 'alice@example.com', DisplayName: 'Alice', ProfilePicURL: 'https://x/a.png' },
  CapMap: { 'example.com/cap/whoami': [{ allow: true }] },
};
const ciJson = {
  Node: { ID: 4, StableID: 'nCi', Name: 'ci-runner.tailnet.test.', Addresses: ['100.64.0.4/32'], Tags: ['tag:ci'], ComputedName: '' },
  UserProfile: { ID: 2147455555, LoginName: 'tagged-devices', DisplayName: 'Tagged Devices' },
  CapMap: null,
};

describe('callerFromWhois', () => {
  it('maps a user node', () => {
    const c = callerFromWhois(decodeWhoIs(JSON.stringify(aliceJson)), '100.64.0.3:41234');
    expect(c).toMatchObject({
      kind: 'user',
      login: 'alice@example.com',
      displayName: 'Alice',
      profilePicURL: 'https://x/a.png',
      nodeName: 'alice-laptop',
      nodeFQDN: 'alice-laptop.tailnet.test',
      tags: [],
      isTagged: false,
      addresses: ['100.64.0.3', 'fd7a:115c:a1e0::3'],
      remoteAddr: '100.64.0.3:41234',
    });
    expect(c.caps('example.com/cap/whoami')).toEqual([{ allow: true }]);
    expect(c.caps('example.com/cap/other')).toEqual([]);
  });

  it('maps a tagged node, taking the node name from Name when ComputedName is empty', () => {
    const c = callerFromWhois(decodeWhoIs(JSON.stringify(ciJson)), '100.64.0.4:1');
    expect(c).toMatchObject({ kind: 'tagged', login: 'tagged-devices', isTagged: true, tags: ['tag:ci'], nodeName: 'ci-runner' });
    expect(c.caps('example.com/cap/whoami')).toEqual([]);
  });
});

describe('hostOf', () => {
  it('strips ports and brackets', () => {
    expect(hostOf('100.64.0.3:41234')).toBe('100.64.0.3');
    expect(hostOf('[fd7a::3]:41234')).toBe('fd7a::3');
    expect(hostOf('fd7a::3')).toBe('fd7a::3');
    expect(hostOf('100.64.0.3')).toBe('100.64.0.3');
  });
});
