import { describe, expect, it } from 'vitest';
import { parseAddr } from './gonetip.js';

describe('parseAddr (netip.ParseAddr)', () => {
  it.each([
    ['::1', false],
    ['::', false],
    ['fe80::1%eth0', false],
    ['2001:db8:0:0:0:0:2:1', false],
    ['::ffff:127.0.0.1', false],
    ['1:2:3:4:5:6:1.2.3.4', false],
    ['127.0.0.1', true],
  ])('%s is an address (IPv4: %s)', (s, v4) => {
    expect(parseAddr(s)).toBe(v4);
  });

  it.each([
    ['', 'ParseAddr(""): unable to parse IP'],
    ['host', 'ParseAddr("host"): unable to parse IP'],
    ['%eth0', 'ParseAddr("%eth0"): missing IPv6 address'],
    ['fe80::1%', 'ParseAddr("fe80::1%"): zone must be a non-empty string'],
    ['1:2', 'ParseAddr("1:2"): address string too short'],
    ['1::2::3', 'ParseAddr("1::2::3"): multiple :: in address (at ":3")'],
    ['12345::', 'ParseAddr("12345::"): each group must have 4 or less digits (at "12345::")'],
    ['1:2:3:4:5:6:7:8:9', 'ParseAddr("1:2:3:4:5:6:7:8:9"): trailing garbage after address (at "9")'],
    ['1:2:3:4::5:6:7:8', 'ParseAddr("1:2:3:4::5:6:7:8"): the :: must expand to at least one field of zeros'],
    ['1:x::', 'ParseAddr("1:x::"): each colon-separated field must have at least one digit (at "x::")'],
    ['1:2:', 'ParseAddr("1:2:"): colon must be followed by more characters (at ":")'],
    ['1.2.3', 'ParseAddr("1.2.3"): IPv4 address too short'],
    ['1.2.3.4.5', 'ParseAddr("1.2.3.4.5"): IPv4 address too long'],
    ['1.2.3.256', 'ParseAddr("1.2.3.256"): IPv4 field has value >255'],
    ['1.02.3.4', 'ParseAddr("1.02.3.4"): IPv4 field has octet with leading zero'],
    ['1..2.3', 'ParseAddr("1..2.3"): IPv4 field must have at least one digit (at ".2.3")'],
    ['1:2:1.2.3.4', 'ParseAddr("1:2:1.2.3.4"): embedded IPv4 address must replace the final 2 fields of the address (at "1.2.3.4")'],
  ])('%j fails like Go', (s, message) => {
    expect(() => parseAddr(s)).toThrow(message);
  });
});
