import { expect, test } from 'vitest';
import { openAppDatabase } from '../../../platform/storage.js';
import type { Actor } from '../access.js';
import { InputError, LinkError, NameTakenError } from '../errors.js';
import { migrations } from '../schema.js';
import { ClickStats } from '../stats.js';
import { LinkStore } from '../store.js';
import { editedFields, LinksService, recordImport } from './index.js';

const AMY: Actor = { login: 'amy@example.com', admin: false };
const BOB: Actor = { login: 'bob@example.com', admin: false };
const ROOT: Actor = { login: 'root@example.com', admin: true };
const ANON: Actor = { login: '', admin: false };

function service(config: { readonly?: boolean; allowUnknownUsers?: boolean } = {}) {
  const db = openAppDatabase(':memory:', migrations);
  const store = new LinkStore(db);
  const entries: Record<string, unknown>[] = [];
  const links = new LinksService({
    store,
    stats: new ClickStats(db),
    audit: { append: (e) => entries.push(e) },
    config: { readonly: false, allowUnknownUsers: false, ...config },
  });
  return { links, store, entries };
}

/** What a call threw, as `status message`. */
function failure(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    if (err instanceof LinkError) return `${err.status} ${err.message}`;
    throw err;
  }
  throw new Error('did not throw');
}

test('save checks in golink’s order: read-only, the fields, the login, the owner of the link, the new owner', () => {
  expect(failure(() => service({ readonly: true }).links.save(AMY, { short: '', long: '' }))).toBe('405 golink is in read-only mode');
  const { links, store, entries } = service();
  expect(failure(() => links.save(ANON, { short: '', long: 'x' }))).toBe('400 short and long required');
  expect(failure(() => links.save(ANON, { short: 'a', long: 'x' }))).toMatch(/^403 forbidden: you could not be identified/);
  links.save(AMY, { short: 'a', long: 'https://a/' });
  expect(failure(() => links.save(BOB, { short: 'A', long: 'https://b/' }))).toBe('403 cannot update link owned by "amy@example.com"');
  expect(failure(() => links.save(AMY, { short: 'a', long: 'https://b/', owner: 'tagged-devices' }))).toBe('400 new owner not a valid user: tagged-devices');
  expect(store.getLive('a')?.long).toBe('https://a/');
  expect(entries).toEqual([{ action: 'link.create', actor: 'amy@example.com', short: 'a', long: 'https://a/', owner: 'amy@example.com' }]);
});

test('refused fields are InputErrors (a browser gets its form back), other refusals are not', () => {
  const { links } = service();
  links.save(AMY, { short: 'a', long: 'https://a/' });
  const thrown = (fn: () => unknown) => {
    try {
      fn();
    } catch (err) {
      return err;
    }
  };
  expect(thrown(() => links.save(AMY, { short: 'b', long: 'https://x/{{' }))).toBeInstanceOf(InputError);
  expect(thrown(() => links.save(AMY, { short: 'x'.repeat(200), long: 'https://x/' }))).toMatchObject({ status: 413 });
  expect(thrown(() => links.save(BOB, { short: 'a', long: 'https://b/' }))).not.toBeInstanceOf(InputError);
});

test('with keepExisting an existing link is returned untouched; without it, it is updated', () => {
  const { links, store, entries } = service();
  links.save(AMY, { short: 'docs', long: 'https://one/' });
  const kept = links.save(AMY, { short: 'Docs', long: 'https://two/' }, { keepExisting: true });
  expect('existing' in kept && kept.existing.long).toBe('https://one/');
  expect(links.save(AMY, { short: 'Docs', long: 'https://two/' })).toMatchObject({ created: false, link: { short: 'Docs', long: 'https://two/' } });
  expect(store.getLive('docs')?.long).toBe('https://two/');
  expect(entries.map((e) => e.action)).toEqual(['link.create', 'link.update']);
});

test('changeable: missing (deleted ones only for restore), then the login, then the owner', () => {
  const { links } = service();
  links.save(AMY, { short: 'a', long: 'https://a/' });
  links.save(AMY, { short: 'gone', long: 'https://g/' });
  links.remove(AMY, 'gone');
  expect(failure(() => links.changeable(AMY, 'nope', 'update'))).toBe('404 404 page not found');
  expect(failure(() => links.changeable(AMY, 'gone', 'delete'))).toBe('404 404 page not found');
  expect(links.changeable(AMY, 'gone', 'restore').short).toBe('gone');
  expect(failure(() => links.changeable(ANON, 'a', 'update'))).toMatch(/^403 forbidden: you could not be identified/);
  for (const verb of ['update', 'delete', 'restore'] as const) {
    expect(failure(() => links.changeable(BOB, 'a', verb))).toBe(`403 cannot ${verb} link owned by "amy@example.com"`);
  }
  expect(links.changeable(ROOT, 'a', 'delete').short).toBe('a');
});

test('an edit that renames is audited as a rename, and a name already taken (even deleted) is a 409 InputError', () => {
  const { links, store, entries } = service();
  links.save(AMY, { short: 'old', long: 'https://old/' });
  links.save(AMY, { short: 'taken', long: 'https://t/' });
  links.remove(AMY, 'taken');
  const current = links.changeable(AMY, 'old', 'update');
  expect(() => links.edit(AMY, current, editedFields(current, { short: 'Taken' }))).toThrow(NameTakenError);
  const renamed = links.edit(AMY, current, editedFields(current, { short: 'new-name', description: 'd' }));
  expect(renamed).toMatchObject({ short: 'new-name', long: 'https://old/', description: 'd', owner: 'amy@example.com' });
  expect(store.history(renamed.id).map((h) => h.action)).toEqual(['rename', 'create']);
  expect(entries.at(-1)).toEqual({ action: 'link.rename', from: 'old', actor: 'amy@example.com', short: 'new-name', long: 'https://old/', owner: 'amy@example.com' });
});

test('editedFields keeps what was not sent; an empty name keeps the name', () => {
  const { links, store } = service();
  links.save(AMY, { short: 'a', long: 'https://a/', description: 'about a' });
  const link = store.getLive('a');
  if (!link) throw new Error('not saved');
  expect(editedFields(link, { short: '', long: 'https://b/' })).toEqual({ short: 'a', long: 'https://b/', description: 'about a', owner: 'amy@example.com' });
});

test('remove and restore: soft delete, 409 for restoring a live link, each audited', () => {
  const { links, store, entries } = service();
  links.save(AMY, { short: 'a', long: 'https://a/' });
  expect(failure(() => links.restore(AMY, 'a'))).toBe('409 go/a is not deleted');
  links.remove(AMY, 'a');
  expect(store.getLive('a')).toBeUndefined();
  expect(links.restore(AMY, 'a')).toMatchObject({ short: 'a', deletedAt: null, deletedBy: '' });
  expect(store.getLive('a')?.long).toBe('https://a/');
  expect(entries.map((e) => e.action)).toEqual(['link.create', 'link.delete', 'link.restore']);
  expect(failure(() => service({ readonly: true }).links.remove(AMY, 'a'))).toBe('405 golink is in read-only mode');
});

test('import: admins only, the policy before the file, nothing written or audited on a dry run', () => {
  const { links, store, entries } = service();
  const file = '{"Short":"a","Long":"https://a/"}\n{"Short":"b","Long":"https://b/"}\n';
  expect(failure(() => links.import(AMY, file, { policy: 'skip', dryRun: false }))).toBe('403 forbidden: importing links needs the admin grant ({"admin": true})');
  expect(failure(() => links.import(ROOT, 'not json', { policy: 'merge', dryRun: false }))).toBe('400 policy must be "skip" or "overwrite", not "merge"');
  expect(failure(() => links.import(ROOT, `${file}[1]\n`, { policy: 'skip', dryRun: false }))).toMatch(/^400 import:3: expected a JSON object/);
  expect(links.import(ROOT, file, { policy: 'skip', dryRun: true }).added).toEqual(['a', 'b']);
  expect([store.count(), entries.length]).toEqual([0, 0]);
  expect(links.import(ROOT, file, { policy: 'skip', dryRun: false }).added).toEqual(['a', 'b']);
  expect(entries).toEqual([{ action: 'links.import', actor: 'root@example.com', policy: 'skip', added: 2, updated: 0 }]);
});

test('recordImport writes the CLI’s entry with how it came in, and names what was done when it cannot', () => {
  const entries: Record<string, unknown>[] = [];
  const report = { added: ['a'], updated: [], skipped: ['b'], unchanged: [] };
  recordImport({ sink: { append: (e) => entries.push(e) }, actor: 'root', via: 'cli', done: 'the import of x.jsonl is done' }, 'overwrite', report);
  expect(entries).toEqual([{ action: 'links.import', actor: 'root', via: 'cli', policy: 'overwrite', added: 1, updated: 0 }]);
  const broken = {
    append: () => {
      throw new Error('disk full');
    },
  };
  expect(() => recordImport({ sink: broken, actor: 'root', done: 'the import of x.jsonl is done' }, 'skip', report)).toThrow(
    'the import of x.jsonl is done, but its audit entry could not be written: disk full',
  );
});

test('listing pages are clamped and searches take owner:', () => {
  const { links } = service();
  links.save(AMY, { short: 'wiki', long: 'https://wiki/' });
  links.save(BOB, { short: 'wiki-bob', long: 'https://wiki/bob' });
  expect(links.list('', 7)).toMatchObject({ total: 2, page: 1, pages: 1 });
  expect(links.list('owner:bob@example.com wiki', 1).rows.map((r) => r.short)).toEqual(['wiki-bob']);
});
