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

  test('ready but naming every failed source’s reason once start-up is over', () => {
    const a = 'source "a" cannot be opened: /x/a.db: ENOENT: no such file or directory';
    const b = 'source "b": connect ECONNREFUSED 127.0.0.1:5432';
    expect(
      sourcesHealth([
        { slug: 'a', state: { kind: 'failed', problem: a } },
        { slug: 'b', state: { kind: 'failed', problem: b } },
      ]),
    ).toEqual({ ready: true, detail: `cannot be used: ${a}; ${b}` });
  });
});
