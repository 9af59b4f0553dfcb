import { describe, expect, it } from 'vitest';
import type { AuditSink } from '../../platform/app.js';
import { makeCaller } from '../../platform/identity.js';
import { SECRETS_CAP } from './access.js';
import { SecretsError } from './errors.js';
import { DataKeys } from './keys.js';
import { SecretsService } from './service.js';
import { SecretsStore } from './store.js';
import { memoryDb, memoryKeks } from '../../../test/apps/secrets/support/memory.js';

const bytes = (s: string) => new TextEncoder().encode(s);
const text = (b: Uint8Array) => new TextDecoder().decode(b);
const quiet = { warn: () => {}, error: () => {} };

function caller(rules: unknown[], tags: string[] = []) {
  return makeCaller({ kind: tags.length ? 'tagged' : 'user', login: tags.length ? 'tagged-devices' : 'alice@example.com', tags, nodeName: 'laptop', nodeFQDN: 'laptop.tail.ts.net', remoteAddr: '100.64.0.5:41000', capMap: { [SECRETS_CAP]: rules } });
}
const admin = caller([{ action: ['get', 'info', 'put', 'activate', 'delete'], secret: ['*'] }]);

function setup(opts: { failAppend?: boolean; failCommit?: boolean; onLookup?: (id: string) => void; keks?: number } = {}) {
  const events: Array<Record<string, unknown>> = [];
  const audit: AuditSink & { failAppend: boolean; failCommit: boolean } = {
    failAppend: opts.failAppend ?? false,
    failCommit: opts.failCommit ?? false,
    append(e) {
      if (this.failAppend) throw new Error('disk full');
      events.push(e);
    },
    async commit(e) {
      if (this.failCommit) throw new Error('disk full');
      events.push(e);
    },
  };
  const db = memoryDb();
  const store = new SecretsStore(db);
  const kek = memoryKeks(opts.keks ?? 1, opts.onLookup);
  store.setKekId(kek.initialId);
  const svc = new SecretsService({ store, keys: new DataKeys(kek), audit, capName: SECRETS_CAP, log: quiet, initialKekId: kek.initialId });
  return { svc, store, events, audit, kek };
}

const kindOf = async (p: Promise<unknown>) => p.then(() => 'ok', (err: unknown) => (err instanceof SecretsError ? err.kind : (err as Error).message));

describe('SecretsService', () => {
  it('checks access before existence, and audits the denial without revealing anything', async () => {
    const { svc, events } = setup();
    await svc.put(admin, 'prod/db', bytes('s3cret'));
    const outsider = caller([{ action: ['get'], secret: ['dev/*'] }]);
    expect(await kindOf(svc.get(outsider, { name: 'prod/db', version: 0, updateIfChanged: false }))).toBe('denied');
    expect(await kindOf(svc.get(outsider, { name: 'prod/none', version: 0, updateIfChanged: false }))).toBe('denied');
    expect(events.at(-1)).toEqual({
      action: 'get',
      principal: { user: 'alice@example.com', node: 'laptop.tail.ts.net', ip: '100.64.0.5' },
      secret: 'prod/none',
      authorized: false,
      outcome: 'denied',
    });
  });

  it('records tagged callers by tags and the version actually read', async () => {
    const { svc, events } = setup();
    await svc.put(admin, 'a', bytes('one'));
    await svc.put(admin, 'a', bytes('two'));
    const web = caller([{ action: ['get'], secret: ['a'] }], ['tag:web']);
    const got = await svc.get(web, { name: 'a', version: 2, updateIfChanged: false });
    expect(text(got.value)).toBe('two');
    expect(events.at(-1)).toMatchObject({ action: 'get', principal: { tags: ['tag:web'] }, version: 2, outcome: 'ok' });
  });

  it('answers an unchanged conditional get without an audit entry', async () => {
    const { svc, events } = setup();
    await svc.put(admin, 'a', bytes('one'));
    const before = events.length;
    expect(await kindOf(svc.get(admin, { name: 'a', version: 1, updateIfChanged: true }))).toBe('not-modified');
    expect(events).toHaveLength(before);
  });

  it('fails a write and leaves the store unchanged when the audit cannot be written', async () => {
    const { svc, store, audit } = setup();
    await svc.put(admin, 'a', bytes('one'));
    audit.failAppend = true;
    expect(await kindOf(svc.put(admin, 'a', bytes('two')))).toBe('cannot write the audit log');
    expect(await kindOf(svc.put(admin, 'b', bytes('new')))).toBe('cannot write the audit log');
    expect(await kindOf(svc.delete(admin, 'a'))).toBe('cannot write the audit log');
    expect(store.info('a')).toEqual({ name: 'a', versions: [1], activeVersion: 1 });
    expect(store.info('b')).toBeUndefined();
  });

  it('withholds a value when its audit entry cannot be committed', async () => {
    const { svc, audit } = setup();
    await svc.put(admin, 'a', bytes('one'));
    audit.failCommit = true;
    expect(await kindOf(svc.get(admin, { name: 'a', version: 0, updateIfChanged: false }))).toBe('cannot write the audit log');
    expect(await kindOf(svc.list(admin))).toBe('cannot write the audit log');
  });

  it('retries a write whose new data key was wrapped by a KEK rotated away meanwhile', async () => {
    let rotate: (() => void) | undefined;
    const { svc, store, kek } = setup({ keks: 2, onLookup: () => rotate?.() });
    const next = kek.keks[1]?.id as string;
    rotate = () => {
      rotate = undefined;
      // A rotation commits between wrapping the new key and the write's transaction.
      queueMicrotask(() => store.setKekId(next));
    };
    expect(await svc.put(admin, 'a', bytes('one'))).toBe(1);
    expect(store.dekOf('a')?.kekId).toBe(next);
  });

  it('filters list by info, and allows create-version with put or create-version', async () => {
    const { svc } = setup();
    await svc.put(admin, 'dev/a', bytes('1'));
    await svc.put(admin, 'prod/a', bytes('1'));
    const dev = caller([{ action: ['info'], secret: ['dev/*'] }, { action: ['put'], secret: ['x/*'] }, { action: ['create-version'], secret: ['y/*'] }]);
    expect((await svc.list(dev)).map((s) => s.name)).toEqual(['dev/a']);
    expect(await kindOf(svc.createVersion(dev, 'x/a', 5, bytes('v')))).toBe('ok');
    expect(await kindOf(svc.createVersion(dev, 'y/a', 5, bytes('v')))).toBe('ok');
    expect(await kindOf(svc.createVersion(dev, 'z/a', 5, bytes('v')))).toBe('denied');
  });
});
