import { describe, expect, it } from 'vitest';
import { memoryDb, memoryKeks } from '../../../test/apps/secrets/support/memory.js';
import { makeCaller } from '../../platform/identity.js';
import { SECRETS_CAP } from './access.js';
import { SecretsError } from './errors.js';
import { DataKeys } from './keys.js';
import { secretsPeer } from './peer.js';
import { SecretsService } from './service.js';
import { SecretsStore } from './store.js';

function setup() {
  const events: Array<Record<string, unknown>> = [];
  const audit = { append: (e: Record<string, unknown>) => void events.push(e) };
  const store = new SecretsStore(memoryDb());
  const kek = memoryKeks(1);
  store.setKekId(kek.initialId);
  const quiet = { warn: () => {}, error: () => {} };
  const service = new SecretsService({ store, keys: new DataKeys(kek), audit, capName: SECRETS_CAP, log: quiet, initialKekId: kek.initialId });
  const grants = { sql: [{ action: ['get'], secret: ['db/*'] }] };
  return { service, events, peer: secretsPeer(service, SECRETS_CAP, grants, 16) };
}

const kindOf = (p: Promise<unknown>) => p.then(() => 'ok', (err: unknown) => (err instanceof SecretsError ? err.kind : (err as Error).message));

describe('secretsPeer', () => {
  it('reads as app:<id> with its grants, and answers unchanged for the version it has', async () => {
    const { service, peer, events } = setup();
    const owner = makeCaller({ kind: 'user', login: 'alice@example.com', capMap: { [SECRETS_CAP]: [{ action: ['put'], secret: ['*'] }] } });
    await service.put(owner, 'db/url', new TextEncoder().encode('postgres://x'));
    await service.put(owner, 'other', new TextEncoder().encode('no'));
    const got = await peer.get('sql', 'db/url');
    expect(got !== 'unchanged' && new TextDecoder().decode(got.value)).toBe('postgres://x');
    expect(await peer.get('sql', 'db/url', 1)).toBe('unchanged');
    expect(await kindOf(peer.get('sql', 'other'))).toBe('denied');
    expect(await kindOf(peer.get('links', 'db/url'))).toBe('denied');
    expect(events.at(-1)).toMatchObject({ principal: { tags: ['app:links'] }, outcome: 'denied' });
  });

  it('refuses an empty name or one over the limit before the access check, writing no audit entry', async () => {
    const { peer, events } = setup();
    expect(await kindOf(peer.get('sql', 'db/'.padEnd(17, 'x')))).toBe('name-too-long');
    expect(await kindOf(peer.get('nobody', 'x'.repeat(100_000)))).toBe('name-too-long');
    expect(await kindOf(peer.get('sql', ''))).toBe('empty-name');
    expect(events).toEqual([]);
  });
});
