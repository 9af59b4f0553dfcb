import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openAppDatabase, type SqliteDatabase } from '../../platform/storage.js';
import type { Author } from './author.js';
import { migrations } from './schema.js';
import { type NewPaste, PasteStore, SearchSyntaxError } from './store.js';

const AMY: Author = { key: 'amy@example.com', login: 'amy@example.com', displayName: 'Amy', node: 'amy-laptop', tags: [], profilePicURL: '' };
const CI: Author = { key: 'node:ci.tailnet.test', login: 'tagged-devices', displayName: 'ci (tag:ci)', node: 'ci', tags: ['tag:ci'], profilePicURL: '' };
const NOW = '2024-05-01T12:00:00.000Z';
const page = (offset = 0, now = NOW) => ({ limit: 10, offset, now });

let dir: string;
let db: SqliteDatabase;
let store: PasteStore;
let n = 0;

function paste(over: Partial<NewPaste> = {}): NewPaste {
  n++;
  const p: NewPaste = {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    createdAt: NOW,
    expiresAt: null,
    author: AMY,
    filename: `file${n}.txt`,
    language: 'plaintext',
    content: `content number ${n}`,
    unlisted: false,
    burn: false,
    ...over,
  };
  store.insert(p);
  return p;
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'paste-store-'));
  db = openAppDatabase(join(dir, 'paste.db'), migrations);
  store = new PasteStore(db);
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('PasteStore', () => {
  it('stores and reads a paste with its author', () => {
    const p = paste({ content: 'héllo', author: CI });
    expect(store.get(p.id)).toMatchObject({ id: p.id, content: 'héllo', size: 6, author: { key: CI.key, tags: ['tag:ci'] }, node: 'ci' });
    expect(store.get('nope')).toBeUndefined();
  });

  it('refuses to change a stored paste', () => {
    const p = paste();
    expect(() => db.prepare("UPDATE pastes SET content = 'x' WHERE id = ?").run(p.id)).toThrow('pastes are immutable');
  });

  it('lists listed, live pastes newest first; admins also see unlisted ones', () => {
    const a = paste();
    const hidden = paste({ unlisted: true });
    const burn = paste({ burn: true });
    paste({ expiresAt: '2024-05-01T11:00:00.000Z' });
    const b = paste();
    expect(store.list(page()).map((p) => p.id)).toEqual([b.id, a.id]);
    expect(store.list(page(), true).map((p) => p.id)).toEqual([b.id, burn.id, hidden.id, a.id]);
    expect(store.list(page(1)).map((p) => p.id)).toEqual([a.id]);
  });

  it("lists an author's pastes, unlisted ones included", () => {
    const mine = paste({ unlisted: true });
    paste({ author: CI });
    expect(store.byAuthor(AMY.key, page()).map((p) => p.id)).toEqual([mine.id]);
  });

  it('searches filename and content of listed pastes only', () => {
    const a = paste({ filename: 'deploy.sh', content: 'kubectl rollout restart' });
    paste({ content: 'kubectl secret', unlisted: true });
    paste({ content: 'kubectl burn', burn: true });
    const c = paste({ content: 'kubectl apply', author: CI });
    expect(store.search('kubectl', page()).map((p) => p.id).sort()).toEqual([a.id, c.id].sort());
    expect(store.search('deploy', page()).map((p) => p.id)).toEqual([a.id]);
    expect(store.search('kube*', page(), CI.key).map((p) => p.id)).toEqual([c.id]);
    expect(store.search('secret', page())).toEqual([]);
    expect(store.search('deploy.sh', page()).map((p) => p.id)).toEqual([a.id]);
  });

  it('reports malformed search queries as SearchSyntaxError', () => {
    paste();
    for (const q of ['"unbalanced', 'AND', 'a OR', 'a AND (b', 'x)']) {
      expect(() => store.search(q, page()), q).toThrow(SearchSyntaxError);
    }
  });

  it('removes pastes with a tombstone, and take() hands a burnt paste out once', () => {
    const p = paste();
    expect(store.remove([p.id], 'deleted', NOW)).toBe(1);
    expect(store.get(p.id)).toBeUndefined();
    expect(store.gone(p.id)).toEqual({ reason: 'deleted', at: NOW });
    expect(store.remove([p.id], 'deleted', NOW)).toBe(0);
    const b = paste({ burn: true });
    expect(store.take(b.id, 'burnt', NOW)?.content).toBe(b.content);
    expect(store.take(b.id, 'burnt', NOW)).toBeUndefined();
    expect(store.gone(b.id)?.reason).toBe('burnt');
  });


  it('keeps opened summaries, but never past a removal (by any connection) or an author profile change', () => {
    const p = paste();
    const b = paste({ burn: true });
    expect(store.open(p.id)?.author.displayName).toBe('Amy');
    expect(store.open(b.id)?.content).toBe(b.content);
    expect(store.remove([p.id], 'deleted', NOW)).toBe(1);
    expect(store.open(p.id)).toBeUndefined();
    expect(store.take(b.id, 'burnt', NOW)?.content).toBe(b.content);
    expect(store.open(b.id)).toBeUndefined();

    const q = paste();
    expect(store.open(q.id)?.author.displayName).toBe('Amy');
    paste({ author: { ...AMY, displayName: 'Amy R.' } });
    expect(store.open(q.id)?.author.displayName).toBe('Amy R.');
    // Another connection (a second process on the same data directory) removing it is seen too.
    const otherDb = openAppDatabase(join(dir, 'paste.db'), migrations);
    expect(store.open(q.id)?.id).toBe(q.id);
    expect(new PasteStore(otherDb).remove([q.id], 'burnt', NOW)).toBe(1);
    otherDb.close();
    expect(store.open(q.id)).toBeUndefined();
    const r = paste();
    // A caller changing what it was handed changes nothing kept.
    const opened = store.open(r.id);
    if (!opened) throw new Error('the paste should be there');
    (opened.author.tags as string[]).push('tag:x');
    expect(store.open(r.id)?.author.tags).toEqual([]);
  });
  it('finds expired pastes', () => {
    const old = paste({ expiresAt: '2024-05-01T11:59:59.000Z' });
    paste({ expiresAt: '2024-05-01T12:00:01.000Z' });
    expect(store.expiredIds(NOW)).toEqual([old.id]);
  });

  it('leaves no trace of removed content in the database file, its WAL or the index', () => {
    const secret = 'zebracorn-7f3a91-unique-marker';
    const big = `${secret}\n${'filler text that spills into overflow pages '.repeat(400)}`;
    const listed = paste({ content: big, filename: `${secret}.txt` });
    const hidden = paste({ content: `${secret} unlisted`, unlisted: true });
    const small = paste({ content: `short ${secret}` });
    db.pragma('wal_checkpoint(PASSIVE)');
    const files = () => ['paste.db', 'paste.db-wal'].map((f) => join(dir, f)).filter(existsSync);
    const contains = (marker = secret) => files().some((f) => readFileSync(f).includes(marker));
    expect(contains()).toBe(true);
    store.remove([listed.id, hidden.id], 'deleted', NOW);
    // Each removal cleans up after itself, not the next write.
    expect(contains(`${secret} unlisted`)).toBe(false);
    expect(contains(`short ${secret}`)).toBe(true);
    store.take(small.id, 'burnt', NOW);
    expect(contains()).toBe(false);
    expect(store.search(secret.split('-')[0] ?? '', page())).toEqual([]);
  });
});
