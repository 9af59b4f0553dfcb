import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseTsidpClients, parseTsidpKey } from './tsidp-import.js';

/** An oidc-key.json exactly as tsidp writes it: the kid a bare uint64 JSON number, the key PKCS#1. */
function tsidpKeyFile(kid: string): string {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return `{"kid":${kid},"key":${JSON.stringify(privateKey.export({ type: 'pkcs1', format: 'pem' }))}}\n`;
}

describe('tsidp import', () => {
  it('keeps a kid past 2^53 as its exact decimal string and loads the PKCS#1 key', () => {
    const text = tsidpKeyFile('9210502070016329719');
    expect(String(JSON.parse(text).kid)).not.toBe('9210502070016329719');
    const k = parseTsidpKey(text);
    expect(k.kid).toBe('9210502070016329719');
    expect(k.key.asymmetricKeyType).toBe('rsa');
    expect(parseTsidpKey(tsidpKeyFile('42')).kid).toBe('42');
  });

  it('names what is wrong with a bad key file', () => {
    expect(() => parseTsidpKey('nope')).toThrow(/not JSON/);
    expect(() => parseTsidpKey('{"kid":1}')).toThrow(/no PEM "key"/);
    expect(() => parseTsidpKey('{"kid":-1,"key":"-----BEGIN RSA PRIVATE KEY-----"}')).toThrow(/64-bit "kid"/);
    expect(() => parseTsidpKey('{"kid":1,"key":"-----BEGIN RSA PRIVATE KEY-----\\nxx\\n-----END RSA PRIVATE KEY-----"}')).toThrow(/not a readable PEM/);
  });

  it('reads clients, migrating the legacy single redirect_uri', () => {
    const clients = parseTsidpClients(readFileSync(join(import.meta.dirname, '../../../../test/apps/idp/fixtures/oidc-funnel-clients.json'), 'utf8'));
    expect(clients).toHaveLength(2);
    expect(clients[0]).toMatchObject({
      clientId: '0123456789abcdef0123456789abcdef',
      name: 'grafana',
      redirectUris: ['https://grafana.tail1234.ts.net/login/generic_oauth'],
      authMethod: 'client_secret_basic',
      createdAt: 1759320000,
    });
    expect(clients[1]).toMatchObject({ clientId: 'fedcba9876543210fedcba9876543210', redirectUris: ['http://127.0.0.1:9999/legacy/cb'], createdAt: undefined });
  });

  it('refuses clients without a secret or redirect URI', () => {
    expect(() => parseTsidpClients('{"x":{"client_secret":"s"}}')).toThrow(/client x has no redirect URI/);
    expect(() => parseTsidpClients('{"x":{"redirect_uri":"https://a/cb"}}')).toThrow(/client x has no client_secret/);
    expect(() => parseTsidpClients('[]')).toThrow(/object keyed by client_id/);
    expect(parseTsidpClients('null')).toEqual([]);
  });
});
