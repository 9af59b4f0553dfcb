import { describe, expect, it } from 'vitest';
import { compileRules, renderCell, safeHref } from './rules.js';

describe('UI rewrite rules', () => {
  const rules = compileRules(['stripe', 'sql', 'json', 'url', { column: '^godoc$', value: '^godoc:(.+)$', href: 'https://godoc.org?q=$1' }]);

  it('applies tailsql built-ins, first match wins', () => {
    expect(renderCell(rules, 'x', 'cus_abc123')).toEqual({ kind: 'link', text: 'cus_abc123', href: 'https://dashboard.stripe.com/customers/cus_abc123', title: 'Customer details in Stripe' });
    expect(renderCell(rules, 'x', 'CREATE TABLE misc (x);')).toEqual({ kind: 'code', text: 'CREATE TABLE misc (x);' });
    expect(renderCell(rules, 'x', '{"json":true}')).toEqual({ kind: 'tt', text: '{"json":true}' });
    expect(renderCell(rules, 'x', '{not json')).toEqual({ kind: 'text', text: '{not json' });
    expect(renderCell(rules, 'x', 'https://github.com?q=1&r=2')).toEqual({ kind: 'link', text: 'https://github.com?q=1&r=2', href: 'https://github.com?q=1&r=2' });
    expect(renderCell(rules, 'x', 42n)).toEqual({ kind: 'text', text: '42' });
  });

  it('builds custom links with escaped groups, only for the named column', () => {
    expect(renderCell(rules, 'godoc', 'godoc:tailscale.com/tailcfg.User')).toEqual({
      kind: 'link',
      text: 'godoc:tailscale.com/tailcfg.User',
      href: 'https://godoc.org?q=tailscale.com%2Ftailcfg.User',
    });
    expect(renderCell(rules, 'other', 'godoc:x')).toEqual({ kind: 'text', text: 'godoc:x' });
  });

  it('never rewrites NULL and never links to a non-http URL', () => {
    expect(renderCell(compileRules([{ column: 'a', href: '/x?v=$0' }]), 'a', null)).toEqual({ kind: 'null' });
    expect(renderCell(compileRules([{ href: 'javascript:alert($0)' }]), 'a', '1')).toEqual({ kind: 'text', text: '1' });
    expect(safeHref('//evil.example/')).toBe(false);
    expect(safeHref('/?q=1')).toBe(true);
    expect(() => compileRules([{ value: '(', href: '/' }])).toThrow('rewriteRules');
  });
});
