import { describe, expect, it } from 'vitest';
import { capValues, makeCaller } from '../../platform/identity.js';
import { canDelete, canListOwn, canRead, PasteGrant, permissionsFor } from './access.js';

const CAP = 'example.com/cap/tclip';

describe('tclip policy', () => {
  it('lets every tailnet user and tagged node create, list and read, and delete only their own', () => {
    for (const kind of ['user', 'tagged'] as const) {
      const p = permissionsFor(kind, [], 'tclip');
      expect(p).toMatchObject({ write: true, listAll: true, readAll: true, admin: false, deleteAll: false });
      expect(canDelete(p, true)).toBe(true);
      expect(canDelete(p, false)).toBe(false);
      expect(canRead(p, false)).toBe(true);
    }
  });

  it('honours all.admin', () => {
    const p = permissionsFor('user', [{ all: { admin: true } }], 'tclip');
    expect(p.admin).toBe(true);
    expect(canDelete(p, false)).toBe(true);
  });

  it('gives anonymous callers nothing', () => {
    expect(Object.values(permissionsFor('anonymous', [{ all: { admin: true } }], 'tclip')).some(Boolean)).toBe(false);
  });
});

describe('grants policy', () => {
  it('gives nothing without grants', () => {
    const p = permissionsFor('user', [], 'grants');
    expect(Object.values(p).some(Boolean)).toBe(false);
    expect(canRead(p, true)).toBe(false);
  });

  it('maps user.* to the caller’s own pastes and all.* to everyone’s', () => {
    const own = permissionsFor('user', [{ user: { write: true, read: true, list: true } }], 'grants');
    expect(own).toMatchObject({ write: true, readOwn: true, listOwn: true, readAll: false, listAll: false });
    expect(canRead(own, true)).toBe(true);
    expect(canRead(own, false)).toBe(false);
    expect(canDelete(own, true)).toBe(true);
    expect(canDelete(own, false)).toBe(false);
    expect(canListOwn(own)).toBe(true);

    const reader = permissionsFor('user', [{ all: { read: true, list: true } }], 'grants');
    expect(canRead(reader, false)).toBe(true);
    expect(reader.write).toBe(false);
    expect(canListOwn(reader)).toBe(true);
  });

  it('ORs values over grants', () => {
    const p = permissionsFor('user', [{ all: { read: true } }, { user: { write: true } }, { all: { delete: true, read: false } }], 'grants');
    expect(p).toMatchObject({ readAll: true, write: true, deleteAll: true, listAll: false });
  });

  it('all.admin implies everything', () => {
    const p = permissionsFor('tagged', [{ all: { admin: true } }], 'grants');
    expect(Object.values(p).every(Boolean)).toBe(true);
  });

  it('ignores malformed grant values and logs them', () => {
    const warnings: unknown[] = [];
    const caller = makeCaller({
      kind: 'user',
      login: 'alice@example.com',
      capMap: { [CAP]: [{ all: { read: 'yes' } }, 'write', { user: { write: true }, extra: 1 }, { all: { list: true } }] },
    });
    const grants = capValues(caller, CAP, PasteGrant, { warn: (o: unknown) => warnings.push(o) });
    expect(grants).toHaveLength(2);
    const p = permissionsFor('user', grants, 'grants');
    expect(p).toMatchObject({ write: true, listAll: true, readAll: false });
    expect(warnings).toHaveLength(2);
  });
});
