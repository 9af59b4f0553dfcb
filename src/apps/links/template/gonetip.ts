/**
 * Go's `netip.ParseAddr` as `url.Parse` uses it: since Go 1.25.2 only a valid IPv6 address may
 * stand between the brackets of a URL host (`http://[::1%25eth0]:80/`), and the error text names
 * Go's reason (`ParseAddr("1:2"): address string too short`). Only the verdict is needed, so the
 * address itself is not built.
 */
import { quoteBytes } from './goescape.js';

/** Why a string is not an IP address, worded as Go's `parseAddrError`. */
export class AddrError extends Error {
  override readonly name = 'AddrError';
  constructor(input: string, reason: string, at = '') {
    super(`ParseAddr(${quoteBytes(input)}): ${reason}${at === '' ? '' : ` (at ${quoteBytes(at)})`}`);
  }
}

/**
 * Checks an IP address (a byte string, IPv6 with an optional `%zone`); true for IPv4, false for
 * IPv6. Throws {@link AddrError}.
 *
 * @example parseAddr('fe80::1%eth0') // false
 */
export function parseAddr(s: string): boolean {
  for (const ch of s) {
    if (ch === '.') {
      checkIPv4(s, s);
      return true;
    }
    if (ch === ':') {
      checkIPv6(s);
      return false;
    }
    if (ch === '%') throw new AddrError(s, 'missing IPv6 address');
  }
  throw new AddrError(s, 'unable to parse IP');
}

/** Go's `parseIPv4Fields` over `s`, a tail of the whole input `input`. */
function checkIPv4(input: string, s: string): void {
  let val = 0;
  let pos = 0;
  let digits = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39) {
      if (digits === 1 && val === 0) throw new AddrError(input, 'IPv4 field has octet with leading zero');
      val = val * 10 + (c - 0x30);
      digits++;
      if (val > 255) throw new AddrError(input, 'IPv4 field has value >255');
    } else if (c === 0x2e) {
      if (i === 0 || i === s.length - 1 || s[i - 1] === '.') throw new AddrError(input, 'IPv4 field must have at least one digit', s.slice(i));
      if (pos === 3) throw new AddrError(input, 'IPv4 address too long');
      pos++;
      val = 0;
      digits = 0;
    } else throw new AddrError(input, 'unexpected character', s.slice(i));
  }
  if (pos < 3) throw new AddrError(input, 'IPv4 address too short');
}

/** Go's `parseIPv6` checks, in its order. */
function checkIPv6(input: string): void {
  let s = input;
  const pct = s.indexOf('%');
  const zone = pct < 0 ? '' : s.slice(pct + 1);
  if (pct >= 0) {
    if (zone === '') throw new AddrError(input, 'zone must be a non-empty string');
    s = s.slice(0, pct);
  }
  let ellipsis = -1;
  if (s.startsWith('::')) {
    ellipsis = 0;
    s = s.slice(2);
    if (s === '') return;
  }
  let i = 0;
  while (i < 16) {
    let off = 0;
    let acc = 0;
    for (; off < s.length; off++) {
      const d = Number.parseInt(s[off] as string, 16);
      if (Number.isNaN(d)) break;
      acc = acc * 16 + d;
      if (off > 3) throw new AddrError(input, 'each group must have 4 or less digits', s);
      if (acc > 0xffff) throw new AddrError(input, 'IPv6 field has value >=2^16', s);
    }
    if (off === 0) throw new AddrError(input, 'each colon-separated field must have at least one digit', s);
    if (s[off] === '.') {
      if (ellipsis < 0 && i !== 12) throw new AddrError(input, 'embedded IPv4 address must replace the final 2 fields of the address', s);
      if (i + 4 > 16) throw new AddrError(input, 'too many hex fields to fit an embedded IPv4 at the end of the address', s);
      checkIPv4(input, s);
      s = '';
      i += 4;
      break;
    }
    i += 2;
    s = s.slice(off);
    if (s === '') break;
    if (s[0] !== ':') throw new AddrError(input, 'unexpected character, want colon', s);
    if (s.length === 1) throw new AddrError(input, 'colon must be followed by more characters', s);
    s = s.slice(1);
    if (s[0] === ':') {
      if (ellipsis >= 0) throw new AddrError(input, 'multiple :: in address', s);
      ellipsis = i;
      s = s.slice(1);
      if (s === '') break;
    }
  }
  if (s !== '') throw new AddrError(input, 'trailing garbage after address', s);
  if (i < 16 && ellipsis < 0) throw new AddrError(input, 'address string too short');
  if (i >= 16 && ellipsis >= 0) throw new AddrError(input, 'the :: must expand to at least one field of zeros');
}
