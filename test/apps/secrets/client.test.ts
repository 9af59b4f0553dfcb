/**
 * The `tailyard/secrets` client library against the real app: every method, the typed errors,
 * and `SecretStore` (start-up fetch, polling with conditional gets, stale-while-unreachable,
 * file cache cold start, change callbacks).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AccessDeniedError,
  NotFoundError,
  SecretsApiError,
  SecretsClient,
  SecretStore,
  ValueNotChangedError,
  VersionClaimedError,
} from '../../../src/apps/secrets/client/index.js';
import { secretsApp } from '../../../src/apps/secrets/index.js';
import { startTestApp, type TestApp, tempDataDir } from '../../support/platform.js';
import { ALL, grants } from './helpers.js';

let t: TestApp;
let client: SecretsClient;
const text = (b: Uint8Array) => new TextDecoder().decode(b);

beforeAll(async () => {
  t = await startTestApp(secretsApp, { caps: ALL });
  client = new SecretsClient({ server: `${t.url}/` });
});
afterAll(() => t.cleanup());

describe('SecretsClient', () => {
  it('puts, gets, lists, activates and deletes', async () => {
    expect(await client.put('c/a', 'one')).toBe(1);
    expect(await client.put('c/a', new TextEncoder().encode('two'))).toBe(2);
    expect(text((await client.get('c/a')).value)).toBe('one');
    expect(await client.getVersion('c/a', 2)).toEqual({ value: new TextEncoder().encode('two'), version: 2 });
    await client.activate('c/a', 2);
    expect(await client.info('c/a')).toEqual({ name: 'c/a', versions: [1, 2], activeVersion: 2 });
    expect((await client.list()).map((s) => s.name)).toContain('c/a');
    await client.deleteVersion('c/a', 1);
    await client.createVersion('c/a', 10, 'ten');
    expect((await client.get('c/a')).version).toBe(10);
    await client.delete('c/a');
    await client.delete('c/a');
    await expect(client.info('c/a')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('maps 304, 403, 404 and 412 to typed errors and others to SecretsApiError with the message', async () => {
    await client.put('c/b', 'x');
    await expect(client.getIfChanged('c/b', 1)).rejects.toBeInstanceOf(ValueNotChangedError);
    await expect(client.get('c/none')).rejects.toBeInstanceOf(NotFoundError);
    await expect(client.createVersion('c/b', 1, 'again')).rejects.toBeInstanceOf(VersionClaimedError);
    const err = await client.deleteVersion('c/b', 1).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SecretsApiError);
    expect(err).toMatchObject({ status: 409, message: expect.stringContaining('cannot delete the active version') });
    t.as({ caps: grants() });
    try {
      await expect(client.get('c/b')).rejects.toBeInstanceOf(AccessDeniedError);
    } finally {
      t.as({ caps: ALL });
    }
  });
});

describe('SecretStore', () => {
  it('serves declared secrets, picks up changes on refresh and tells listeners', async () => {
    await client.put('st/a', 'first');
    const store = await SecretStore.open({ client, secrets: ['st/a'], pollIntervalMs: 0 });
    expect(store.getString('st/a')).toBe('first');
    const seen: string[] = [];
    store.onChange('st/a', (v, version) => seen.push(`${text(v)}@${version}`));
    await store.refresh();
    expect(seen).toEqual([]);
    await client.put('st/a', 'second');
    await client.activate('st/a', 2);
    await store.refresh();
    expect(store.getString('st/a')).toBe('second');
    expect(store.version('st/a')).toBe(2);
    expect(seen).toEqual(['second@2']);
    expect(() => store.get('st/undeclared')).toThrow(/not declared/);
    store.close();
  });

  it('waits at open for a secret that does not exist yet, until the signal aborts', async () => {
    const pending = SecretStore.open({ client, secrets: ['st/later'], pollIntervalMs: 0 });
    setTimeout(() => void client.put('st/later', 'arrived'), 50);
    const store = await pending;
    expect(store.getString('st/later')).toBe('arrived');
    store.close();
    await expect(SecretStore.open({ client, secrets: ['st/never'], signal: AbortSignal.timeout(100) })).rejects.toBeInstanceOf(NotFoundError);
  });

  it('keeps serving the last good value while the server is unreachable, and cold-starts from its cache', async () => {
    const other = await startTestApp(secretsApp, { caps: ALL });
    const cacheDir = tempDataDir();
    const cacheFile = path.join(cacheDir, 'sub', 'cache.json');
    try {
      const c = new SecretsClient({ server: other.url, timeoutMs: 2000 });
      await c.put('st/b', 'cached value');
      const errors: unknown[] = [];
      const store = await SecretStore.open({ client: c, secrets: ['st/b'], cacheFile, pollIntervalMs: 0, onError: (e) => errors.push(e) });
      expect(fs.statSync(cacheFile).mode & 0o777).toBe(0o600);
      expect(fs.statSync(path.dirname(cacheFile)).mode & 0o777).toBe(0o700);
      expect(JSON.parse(fs.readFileSync(cacheFile, 'utf8'))).toMatchObject({ 'st/b': { secret: { Value: Buffer.from('cached value').toString('base64'), Version: 1 } } });
      await other.close();
      await store.refresh();
      expect(errors.length).toBeGreaterThan(0);
      expect(store.getString('st/b')).toBe('cached value');
      store.close();

      const cold = await SecretStore.open({ client: c, secrets: ['st/b'], cacheFile, pollIntervalMs: 0, onError: () => {} });
      expect(cold.getString('st/b')).toBe('cached value');
      cold.close();
    } finally {
      await other.cleanup();
      fs.rmSync(cacheDir, { recursive: true, force: true });
    }
  });

  it('polls in the background', async () => {
    await client.put('st/poll', 'v1');
    const store = await SecretStore.open({ client, secrets: ['st/poll'], pollIntervalMs: 30 });
    const changed = new Promise<string>((resolve) => store.onChange('st/poll', (v) => resolve(text(v))));
    await client.createVersion('st/poll', 5, 'v5');
    expect(await changed).toBe('v5');
    store.close();
  });
});
