import { describe, expect, it } from 'vitest';
import { compileRules } from '../rules.js';
import { pageOutcome } from './present.js';

describe("the page's view model", () => {
  const rules = compileRules(['url']);
  const result = {
    columns: [
      { name: 'n', type: 'INTEGER' },
      { name: 'x', type: 'REAL' },
      { name: 's', type: 'TEXT' },
      { name: 'home', type: 'TEXT' },
    ],
    rows: [[42n, 1.5, '7', 'https://example.com/'], [null, null, null, null]],
    summary: { rows: 2, truncated: false },
    elapsedMs: 1.5,
    uiRows: 500,
    uiBytes: 16 << 20,
    plan: false,
  };

  it('renders every cell by the rules, numbers (not digits in text) right-aligned, NULL apart', () => {
    const out = pageOutcome({ result }, rules);
    expect('result' in out && out.result.rows).toEqual([
      [
        { kind: 'text', text: '42', numeric: true },
        { kind: 'text', text: '1.5', numeric: true },
        { kind: 'text', text: '7', numeric: false },
        { kind: 'link', text: 'https://example.com/', href: 'https://example.com/' },
      ],
      [{ kind: 'null' }, { kind: 'null' }, { kind: 'null' }, { kind: 'null' }],
    ]);
    expect('result' in out && out.result.uiBytes).toBe('16 MiB');
  });

  it('passes an error through as the message the page shows', () => {
    expect(pageOutcome({ error: '[400] unknown source "x"' }, rules)).toEqual({ error: '[400] unknown source "x"' });
  });
});
