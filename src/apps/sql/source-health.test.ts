import { describe, expect, test } from 'vitest';
import { sourcesHealth } from './source-health.js';

describe('sourcesHealth', () => {
  test('ready once every checked source opened; secret sources not yet used do not count', () => {
    expect(sourcesHealth([])).toEqual({ ready: true });
    expect(sourcesHealth([{ slug: 'main', state: { kind: 'ok' } }, { slug: 'prod', state: { kind: 'unchecked' } }])).toEqual({ ready: true });
  });

  test('not ready while a source is being opened at start-up', () => {
    expect(sourcesHealth([{ slug: 'main', state: { kind: 'ok' } }, { slug: 'pg', state: { kind: 'checking' } }])).toEqual({ ready: false, detail: 'opening sources: pg' });
  });

  test('not ready with every failed source’s reason, which wins over sources still opening', () => {
    const a = 'source "a" cannot be opened: /x/a.db: ENOENT: no such file or directory';
    const b = 'source "b": connect ECONNREFUSED 127.0.0.1:5432';
    expect(
      sourcesHealth([
        { slug: 'a', state: { kind: 'failed', problem: a } },
        { slug: 'pg', state: { kind: 'checking' } },
        { slug: 'b', state: { kind: 'failed', problem: b } },
      ]),
    ).toEqual({ ready: false, detail: `${a}; ${b}` });
  });
});
