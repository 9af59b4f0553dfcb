import { describe, expect, it } from 'vitest';
import { decodeWhoIs, WhoIsShapeError } from './whois-decode.js';

// tailscaled v1.98.10's answer for a user node, as recorded on the test tailnet (trimmed keys kept
// in order; the decoder must ignore everything it does not read).
const recorded = {
  Node: {
    ID: 2,
    StableID: '2',
    Name: 'whois-client.tailnet.test.',
    User: 1,
    Key: 'nodekey:8e13923e905c5354c704b775bf764739558aa938cad378633014dc12e450572b',
    Machine: 'mkey:dfa8',
    DiscoKey: 'discokey:03c5',
    Addresses: ['100.64.0.2/32', 'fd7a:115c:a1e0::2/128'],
    AllowedIPs: ['100.64.0.2/32', 'fd7a:115c:a1e0::2/128'],
    Hostinfo: { IPNVersion: '1.98.10', OS: 'linux', Hostname: 'whois-client', Services: [{ Proto: 'peerapi4', Port: 46590 }], Userspace: true },
    Created: '2026-11-30T14:40:53.747484162Z',
    Cap: 138,
    Online: true,
    MachineAuthorized: true,
    ComputedName: 'whois-client',
    ComputedNameWithHost: 'whois-client',
  },
  UserProfile: { ID: 1, LoginName: 'alice@example.com', DisplayName: 'Alice' },
  CapMap: { 'example.com/cap/whoami': [{ allow: true, role: 'admin' }] },
};

describe('decodeWhoIs', () => {
  it('reads the fields a Caller needs from a real answer and fills omitted ones', () => {
    expect(decodeWhoIs(JSON.stringify(recorded))).toEqual({
      Node: {
        ID: 2,
        StableID: '2',
        Name: 'whois-client.tailnet.test.',
        Key: 'nodekey:8e13923e905c5354c704b775bf764739558aa938cad378633014dc12e450572b',
        Addresses: ['100.64.0.2/32', 'fd7a:115c:a1e0::2/128'],
        Tags: [],
        ComputedName: 'whois-client',
      },
      UserProfile: { ID: 1, LoginName: 'alice@example.com', DisplayName: 'Alice', ProfilePicURL: '', Groups: [] },
      CapMap: { 'example.com/cap/whoami': [{ allow: true, role: 'admin' }] },
    });
  });

  it('reads a tagged node with a null CapMap and null capability values', () => {
    const tagged = {
      Node: { ID: 4, StableID: 'nCi', Name: 'ci.tailnet.test.', Addresses: ['100.64.0.4/32'], Tags: ['tag:ci'] },
      UserProfile: { ID: 2147455555, LoginName: 'tagged-devices', DisplayName: 'Tagged Devices', Groups: null },
      CapMap: null,
    };
    const w = decodeWhoIs(JSON.stringify(tagged));
    expect(w.Node.Tags).toEqual(['tag:ci']);
    expect(w.CapMap).toEqual({});
    expect(decodeWhoIs(JSON.stringify({ ...tagged, CapMap: { 'example.com/cap/x': null } })).CapMap).toEqual({ 'example.com/cap/x': [] });
  });

  it('keeps every digit of IDs past 2^53', () => {
    const text = JSON.stringify(recorded).replace('"ID":2,', '"ID":7123456789012345678,').replace('"User":1,', '"User":7123456789012345679,');
    const w = decodeWhoIs(text.replace('"ID":1,"LoginName"', '"ID":9007199254740993,"LoginName"'));
    expect(w.Node.ID).toBe('7123456789012345678');
    expect(w.UserProfile.ID).toBe('9007199254740993');
  });

  it.each([
    ['not JSON', '<html>', /response is not JSON/],
    ['no Node', JSON.stringify({ UserProfile: recorded.UserProfile }), /at Node: expected an object/],
    ['Node.Name missing', JSON.stringify({ ...recorded, Node: { ...recorded.Node, Name: undefined } }), /at Node\.Name: expected a string/],
    ['Tags not a list', JSON.stringify({ ...recorded, Node: { ...recorded.Node, Tags: 'tag:ci' } }), /at Node\.Tags: expected a list of strings/],
    ['an address not a string', JSON.stringify({ ...recorded, Node: { ...recorded.Node, Addresses: [1] } }), /at Node\.Addresses/],
    ['LoginName a number', JSON.stringify({ ...recorded, UserProfile: { ...recorded.UserProfile, LoginName: 5 } }), /at UserProfile\.LoginName/],
    ['negative ID', JSON.stringify({ ...recorded, Node: { ...recorded.Node, ID: -1 } }), /at Node\.ID: expected a non-negative integer/],
    ['CapMap a list', JSON.stringify({ ...recorded, CapMap: [] }), /at CapMap: expected an object/],
    ['a capability not a list', JSON.stringify({ ...recorded, CapMap: { 'example.com/cap/x': { allow: true } } }), /at CapMap\.example\.com\/cap\/x: expected a list/],
  ])('fails closed on %s', (_what, text, message) => {
    expect(() => decodeWhoIs(text)).toThrow(WhoIsShapeError);
    expect(() => decodeWhoIs(text)).toThrow(message);
  });
});
