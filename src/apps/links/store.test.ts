import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { openAppDatabase } from '../../platform/storage.js';
import { ClickStats } from './stats.js';
import { NameTakenError } from './errors.js';
import { ftsQuery, LinkStore } from './store.js';
import { migrations } from './schema.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function fileDb() {
  const dir = mkdtempSync(join(tmpdir(), 'links-store-'));
  dirs.push(dir);
  return join(dir, 'links.db');
}

test('ids ignore case and hyphens but keep dots and underscores', () => {
  const s = new LinkStore(openAppDatabase(':memory:', migrations));
  s.save({ short: 'Meeting-Notes', long: 'a', owner: '' }, 'x');
  s.save({ short: 'foo.bar', long: 'b', owner: '' }, 'x');
  s.save({ short: 'foo_bar', long: 'c', owner: '' }, 'x');
  expect(s.lookup('meetingnotes')?.short).toBe('Meeting-Notes');
  expect(s.lookup('MEETING--NOTES')?.long).toBe('a');
  expect(s.lookup('foobar')).toBeUndefined();
  expect([s.lookup('foo.bar')?.long, s.lookup('foo_bar')?.long]).toEqual(['b', 'c']);
});

test('rename moves history and stats, and refuses taken names (even deleted ones)', () => {
  const db = openAppDatabase(':memory:', migrations);
  const s = new LinkStore(db);
  const stats = new ClickStats(db);
  s.save({ short: 'old', long: 'a', owner: 'o' }, 'o');
  s.save({ short: 'dead', long: 'b', owner: 'o' }, 'o');
  s.softDelete(s.getLive('dead')!, 'o');
  stats.click('old');
  stats.flush();
  expect(() => s.edit(s.getLive('old')!, { short: 'Dead', long: 'a', owner: 'o' }, 'o')).toThrow(NameTakenError);
  const renamed = s.edit(s.getLive('old')!, { short: 'new', long: 'a', owner: 'o' }, 'o');
  expect(renamed.id).toBe('new');
  expect(s.history('new').map((h) => h.action)).toEqual(['rename', 'create']);
  expect(stats.totals().get('new')).toBe(1);
  expect(s.lookup('old')).toBeUndefined();
});

test('full-text search matches word prefixes in every field, and names by id', () => {
  const s = new LinkStore(openAppDatabase(':memory:', migrations));
  s.save({ short: 'team-wiki', long: 'https://wiki.example/eng', owner: 'amy@example.com', description: 'Onboarding guide' }, 'x');
  s.save({ short: 'cal', long: 'https://calendar.example/', owner: 'bob@example.com' }, 'x');
  const names = (q: string, owner?: string) => s.search(q, owner).map((l) => l.short);
  expect(names('onboard')).toEqual(['team-wiki']);
  expect(names('calendar')).toEqual(['cal']);
  expect(names('teamwiki')).toEqual(['team-wiki']);
  expect(names('bob')).toEqual(['cal']);
  expect(names('wiki', 'BOB@example.com')).toEqual([]);
  expect(names('"unbalanced')).toEqual([]);
  expect(ftsQuery(' a  "b" ')).toBe('"a"* "b"*');
  expect(ftsQuery('a\0b\x01c\u007f')).toBe('"a"* "b"* "c"*');
});

test('lookups see writes from another connection within a second', async () => {
  const path = fileDb();
  const a = new LinkStore(openAppDatabase(path, migrations));
  const b = new LinkStore(openAppDatabase(path, migrations));
  a.save({ short: 'x', long: 'one', owner: '' }, 'a');
  expect(b.lookup('x')?.long).toBe('one');
  a.save({ short: 'x', long: 'two', owner: '' }, 'a');
  expect(a.lookup('x')?.long).toBe('two');
  await new Promise((r) => setTimeout(r, 1100));
  expect(b.lookup('x')?.long).toBe('two');
});

test('popularity windows count only recent clicks', () => {
  const db = openAppDatabase(':memory:', migrations);
  const s = new LinkStore(db);
  const stats = new ClickStats(db);
  s.save({ short: 'old', long: 'a', owner: '' }, 'x');
  s.save({ short: 'new', long: 'b', owner: '' }, 'x');
  const longAgo = Math.floor(Date.now() / 1000) - 40 * 86400;
  db.prepare('INSERT INTO stats (id, created, clicks) VALUES (?, ?, ?)').run('old', longAgo, 5);
  stats.click('new');
  expect(stats.popular('7d').map((p) => [p.short, p.clicks])).toEqual([['new', 1]]);
  expect(stats.popular('30d').map((p) => p.short)).toEqual(['new']);
  expect(stats.popular('all').map((p) => [p.short, p.clicks])).toEqual([['old', 5], ['new', 1]]);
  expect(stats.exportCsv()).toMatch(new RegExp(`^old,${longAgo},5\\nnew,\\d+,1\\n$`));
});

test('clicks that fail to write stay pending and are written later', () => {
  const db = openAppDatabase(':memory:', migrations);
  const stats = new ClickStats(db);
  stats.click('a');
  db.exec('ALTER TABLE stats RENAME TO stats_away');
  expect(() => stats.flush()).toThrow();
  db.exec('ALTER TABLE stats_away RENAME TO stats');
  stats.click('a');
  stats.flush();
  expect(stats.totals().get('a')).toBe(2);
});
