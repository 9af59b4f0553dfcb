import { describe, expect, it } from 'vitest';
import { ftsQuery } from './search.js';

describe('ftsQuery', () => {
  it('passes FTS5 syntax through', () => {
    expect(ftsQuery('kubectl rollout')).toBe('kubectl rollout');
    expect(ftsQuery('kube* OR helm NOT secret')).toBe('kube* OR helm NOT secret');
    expect(ftsQuery('"exact phrase" filename:deploy')).toBe('"exact phrase" filename:deploy');
    expect(ftsQuery('(a OR b) c')).toBe('(a OR b) c');
  });

  it('quotes everyday words FTS5 cannot parse', () => {
    expect(ftsQuery('main.go')).toBe('"main.go"');
    expect(ftsQuery('c++ -v foo@bar.com')).toBe('"c++" "-v" "foo@bar.com"');
    expect(ftsQuery('héllo wörld')).toBe('héllo wörld');
  });

  it('keeps an unterminated phrase, for the store to report', () => {
    expect(ftsQuery('"unbalanced')).toBe('"unbalanced');
    expect(ftsQuery('a OR')).toBe('a OR');
  });
});
