import { describe, expect, it } from 'vitest';
import { SecretsError } from './errors.js';
import { checkSecretName } from './names.js';

const kindOf = (name: string, max: number): string | undefined => {
  try {
    checkSecretName(name, max);
    return undefined;
  } catch (err) {
    return err instanceof SecretsError ? err.kind : 'other';
  }
};

describe('checkSecretName', () => {
  it('refuses an empty name', () => {
    expect(kindOf('', 10)).toBe('empty-name');
  });

  it('counts bytes of UTF-8, not characters', () => {
    expect(kindOf('a'.repeat(10), 10)).toBeUndefined();
    expect(kindOf('a'.repeat(11), 10)).toBe('name-too-long');
    expect(kindOf('€€€', 9)).toBeUndefined(); // 3 × 3 bytes
    expect(kindOf('€€€', 8)).toBe('name-too-long');
    expect(kindOf('😀😀', 8)).toBeUndefined(); // two surrogate pairs, 4 bytes each
    expect(kindOf('😀😀a', 8)).toBe('name-too-long');
    expect(kindOf('\ud800', 3)).toBeUndefined(); // a lone surrogate is written as U+FFFD (3 bytes)
    expect(kindOf('\ud800', 2)).toBe('name-too-long');
  });

  it('names the limit in the message', () => {
    expect(() => checkSecretName('x'.repeat(1025), 1024)).toThrow('bad request: the secret name is too long: the limit is 1024 bytes of UTF-8');
  });
});
