import { describe, expect, it } from 'vitest';
import { SecretsError } from './errors.js';
import { secretsEnvelope } from './sealing.js';
import { KekChangedError, type Recorder, SecretsStore, StaleKeyError, type WriteKey } from './store.js';
import { memoryDb, memoryKeks } from '../../../test/apps/secrets/support/memory.js';

const { createDek } = secretsEnvelope;

const bytes = (s: string) => new TextEncoder().encode(s);

function setup() {
  const db = memoryDb();
  const store = new SecretsStore(db);
  const kek = memoryKeks(2);
  store.setKekId(kek.initialId);
  const records: Array<[number, string | undefined]> = [];
  const record: Recorder = (v, note) => {
    records.push([v, note]);
  };
  /** The key a write to `name` must use: its own, or a fresh one. */
  const key = async (name: string, kekId = kek.initialId): Promise<WriteKey> => {
    const existing = store.dekOf(name);
    if (existing) {
      return { dek: await secretsEnvelope.unwrapDek(await kek.byId(existing.kekId), existing), wrapped: existing };
    }
    return createDek(await kek.byId(kekId));
  };
  return { db, store, kek, records, record, key };
}

const kindOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    return err instanceof SecretsError ? err.kind : (err as Error).name;
  }
  return 'no error';
};

describe('SecretsStore', () => {
  it('numbers puts from 1, activates only the first, dedupes against the latest value', async () => {
    const { store, record, records, key } = setup();
    expect(store.put('a', bytes('one'), await key('a'), record)).toBe(1);
    expect(store.put('a', bytes('two'), await key('a'), record)).toBe(2);
    expect(store.put('a', bytes('two'), await key('a'), record)).toBe(2);
    expect(store.put('a', bytes('one'), await key('a'), record)).toBe(3);
    expect(store.info('a')).toEqual({ name: 'a', versions: [1, 2, 3], activeVersion: 1 });
    expect(records).toEqual([
      [1, undefined],
      [2, undefined],
      [2, 'unchanged'],
      [3, undefined],
    ]);
  });

  it('stores only sealed values', async () => {
    const { db, store, record, key } = setup();
    store.put('a', bytes('plaintext-marker'), await key('a'), record);
    const row = db.prepare('SELECT sealed FROM versions').get() as { sealed: Buffer };
    expect(row.sealed.includes(Buffer.from('plaintext-marker'))).toBe(false);
  });

  it('writes nothing when the recorder (the audit) throws', async () => {
    const { db, store, key } = setup();
    const failing: Recorder = () => {
      throw new Error('audit down');
    };
    const k = await key('a');
    expect(() => store.put('a', bytes('x'), k, failing)).toThrow('audit down');
    expect(() => store.createVersion('b', 5, bytes('x'), k, failing)).toThrow('audit down');
    const count = (t: string) => (db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n;
    expect([count('secrets'), count('versions'), count('deks')]).toEqual([0, 0, 0]);
  });

  it('create-version: refuses 0 and used or deleted numbers, activates, raises the high-water mark', async () => {
    const { store, record, key } = setup();
    expect(kindOf(() => store.createVersion('a', 0, bytes('x'), null as never, record))).toBe('invalid-version');
    store.createVersion('a', 100, bytes('h'), await key('a'), record);
    expect(store.put('a', bytes('n'), await key('a'), record)).toBe(101);
    store.createVersion('a', 10, bytes('t'), await key('a'), record);
    expect(store.info('a')).toEqual({ name: 'a', versions: [10, 100, 101], activeVersion: 10 });
    const k = await key('a');
    expect(kindOf(() => store.createVersion('a', 100, bytes('again'), k, record))).toBe('version-claimed');
    store.deleteVersion('a', 101, record);
    expect(kindOf(() => store.createVersion('a', 101, bytes('again'), k, record))).toBe('version-claimed');
  });

  it('activate and delete-version follow setec, with 4xx kinds for client mistakes', async () => {
    const { store, record, key } = setup();
    store.put('a', bytes('1'), await key('a'), record);
    store.put('a', bytes('2'), await key('a'), record);
    expect(kindOf(() => store.activate('a', 0, record))).toBe('invalid-version');
    expect(kindOf(() => store.activate('a', 9, record))).toBe('not-found');
    expect(kindOf(() => store.activate('nope', 1, record))).toBe('not-found');
    store.activate('a', 2, record);
    expect(store.activeVersion('a')).toBe(2);
    expect(kindOf(() => store.deleteVersion('a', 2, record))).toBe('active-version');
    expect(kindOf(() => store.deleteVersion('a', 0, record))).toBe('invalid-version');
    store.deleteVersion('a', 1, record);
    expect(kindOf(() => store.deleteVersion('a', 1, record))).toBe('not-found');
    expect(store.value('a', 1)).toBeUndefined();
    expect(store.value('a', 0)?.version).toBe(2);
  });

  it('delete drops the data key and keeps the numbers; a re-created secret gets a new key', async () => {
    const { db, store, record, records, key } = setup();
    store.put('a', bytes('1'), await key('a'), record);
    store.put('a', bytes('2'), await key('a'), record);
    const oldDek = store.dekOf('a')?.dekId;
    expect(store.delete('a', record)).toBe(oldDek);
    expect(store.delete('a', record)).toBeUndefined();
    expect(records.at(-1)).toEqual([0, 'absent']);
    expect(store.info('a')).toBeUndefined();
    expect(db.prepare('SELECT count(*) AS n FROM deks').get()).toEqual({ n: 0 });
    expect(store.put('a', bytes('3'), await key('a'), record)).toBe(3);
    expect(store.info('a')).toEqual({ name: 'a', versions: [3], activeVersion: 3 });
    expect(store.dekOf('a')?.dekId).not.toBe(oldDek);
  });

  it('refuses a stale key or one wrapped by a KEK the database no longer names', async () => {
    const { store, record, key, kek } = setup();
    store.put('a', bytes('1'), await key('a'), record);
    const stranger = await createDek(await kek.byId(kek.initialId));
    expect(() => store.put('a', bytes('2'), stranger, record)).toThrow(StaleKeyError);
    const other = kek.keks[1]?.id as string;
    const wrongKek = await createDek(await kek.byId(other));
    expect(() => store.put('b', bytes('1'), wrongKek, record)).toThrow(KekChangedError);
    expect(store.info('b')).toBeUndefined();
  });

  it('runs out of version numbers with a clear kind instead of wrapping to 0', async () => {
    const { store, record, key } = setup();
    store.createVersion('a', 4294967295, bytes('max'), await key('a'), record);
    const k = await key('a');
    expect(kindOf(() => store.put('a', bytes('more'), k, record))).toBe('versions-exhausted');
  });

  it('rewrapDeks refuses a batch computed before the keys changed', async () => {
    const { store, record, key } = setup();
    store.put('a', bytes('1'), await key('a'), record);
    const before = store.allDeks();
    store.put('b', bytes('1'), await key('b'), record);
    expect(store.rewrapDeks(before, before, 'other')).toBe(false);
    expect(store.rewrapDeks(store.allDeks(), store.allDeks(), 'other')).toBe(true);
    expect(store.kekId()).toBe('other');
  });

  it('lists live secrets by name bytes with ascending versions', async () => {
    const { store, record, key } = setup();
    for (const n of ['b', 'a/x', 'B', 'a']) store.put(n, bytes(n), await key(n), record);
    store.put('a', bytes('2'), await key('a'), record);
    store.delete('b', record);
    expect(store.list()).toEqual([
      { name: 'B', versions: [1], activeVersion: 1 },
      { name: 'a', versions: [1, 2], activeVersion: 1 },
      { name: 'a/x', versions: [1], activeVersion: 1 },
    ]);
  });
});
