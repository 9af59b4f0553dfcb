import { beforeEach, describe, expect, it } from 'vitest';
import { anonymousCaller, type Caller, makeCaller } from '../../platform/identity.js';
import { openAppDatabase } from '../../platform/storage.js';
import { PasteConfigSchema } from './config.js';
import { PasteError } from './errors.js';
import { FULL_ACCESS_GRANT } from './access.js';
import { RateLimiter } from '../../platform/ratelimit.js';
import { RenderCache } from './render-cache.js';
import { loadRenderers } from './renderers.js';
import { migrations } from './schema.js';
import { PAGE_SIZE, PasteService } from './service.js';
import { PasteStore } from './store.js';

const CAP = 'example.com/cap/tclip';
const amy = makeCaller({ kind: 'user', login: 'amy@example.com', displayName: 'Amy' });
const bob = makeCaller({ kind: 'user', login: 'bob@example.com' });
const admin = makeCaller({ kind: 'user', login: 'root@example.com', capMap: { [CAP]: [FULL_ACCESS_GRANT] } });

let t: number;
let cache: RenderCache;
let service: PasteService;

function build(config: object = {}) {
  t = Date.parse('2024-05-01T12:00:00Z');
  const store = new PasteStore(openAppDatabase(':memory:', migrations));
  cache = new RenderCache(1 << 20);
  const parsed = PasteConfigSchema.parse(config);
  service = new PasteService({
    store,
    config: parsed,
    capName: CAP,
    log: { warn: () => {}, info: () => {} },
    limiter: new RateLimiter(parsed.rateLimit, () => t),
    cache,
    renderers: loadRenderers,
    now: () => new Date(t),
  });
}

async function kind(fn: () => unknown): Promise<string> {
  try {
    await fn();
    return 'ok';
  } catch (err) {
    return err instanceof PasteError ? err.kind : String(err);
  }
}

beforeEach(() => build());

describe('PasteService', () => {
  it('creates pastes with a cleaned name, detected language and RFC 3339 times', async () => {
    const p = await service.create(amy, { content: 'package main\n', filename: ' main.go ', expires: '1h' });
    expect(p).toMatchObject({ filename: 'main.go', language: 'go', createdAt: '2024-05-01T12:00:00.000Z', expiresAt: '2024-05-01T13:00:00.000Z', size: 13 });
    expect((await service.create(amy, { content: 'x', filename: '', contentFileName: 'upload.py' })).filename).toBe('upload.py');
    expect((await service.create(amy, { content: 'x' })).filename).toBe('untitled');
  });

  it('refuses anonymous callers, oversized pastes and unknown languages', async () => {
    expect(await kind(() => service.create(anonymousCaller(), { content: 'x' }))).toBe('anonymous');
    build({ maxBytes: 4 });
    await expect(service.create(amy, { content: 'héllo' })).rejects.toThrow('paste too large: the paste is 6 bytes; the limit is 4 bytes');
    expect(await kind(() => service.create(amy, { content: 'x', language: 'klingon' }))).toBe('bad-request');
  });

  it('rate-limits creation per author with a Retry-After', async () => {
    build({ rateLimit: { perMinute: 2, burst: 2 } });
    await service.create(amy, { content: '1' });
    await service.create(amy, { content: '2' });
    await expect(service.create(amy, { content: '3' })).rejects.toMatchObject({ kind: 'rate-limited', headers: { 'Retry-After': '30' } });
    expect(await kind(() => service.create(bob, { content: 'x' }))).toBe('ok');
    t += 30_000;
    expect(await kind(() => service.create(amy, { content: '4' }))).toBe('ok');
  });

  it('expires pastes: 410 once the time has come, and the sweeper removes them', async () => {
    const a = await service.create(amy, { content: 'a', expires: '1h' });
    const b = await service.create(amy, { content: 'b', expires: '1d' });
    t += 3600_000;
    expect(await kind(() => service.open(bob, a.id))).toBe('gone');
    expect(() => service.open(bob, a.id)).toThrow('gone: this paste expired (2024-05-01 13:00 UTC)');
    expect(service.sweep()).toBe(0);
    t += 86_400_000;
    expect(service.sweep()).toBe(1);
    expect(await kind(() => service.open(amy, b.id))).toBe('gone');
    expect(await kind(() => service.open(amy, '11111111-1111-4111-8111-111111111111'))).toBe('not-found');
  });

  it('caps lifetimes at the server maximum', async () => {
    build({ maxExpiry: '1w', defaultExpiry: 'never' });
    expect((await service.create(amy, { content: 'x' })).expiresAt).toBe('2024-05-08T12:00:00.000Z');
  });

  it('burns after reading: only a reveal by someone else removes it, once', async () => {
    const p = await service.create(amy, { content: 'secret', burn: true });
    expect(service.open(amy, p.id).needsReveal).toBe(false);
    expect(service.reveal(amy, p.id).paste.content).toBe('secret');
    const opened = service.open(bob, p.id);
    expect(opened.needsReveal).toBe(true);
    await service.code(opened.paste, 'plaintext');
    expect(service.reveal(bob, p.id).paste.content).toBe('secret');
    expect(cache.size).toBe(0);
    expect(() => service.reveal(bob, p.id)).toThrow(/gone: this paste was burnt after reading/);
  });

  it('lets authors and admins delete, nobody else', async () => {
    const p = await service.create(amy, { content: 'x' });
    expect(await kind(() => service.remove(bob, p.id))).toBe('forbidden');
    expect(await kind(() => service.remove(anonymousCaller(), p.id))).toBe('anonymous');
    expect(await kind(() => service.remove(amy, p.id))).toBe('ok');
    expect(await kind(() => service.remove(amy, p.id))).toBe('gone');
    const q = await service.create(bob, { content: 'y' });
    expect(await kind(() => service.remove(admin, q.id))).toBe('ok');
  });

  it('offers a paste to copy ("edit as new") once its reader may see it, and names what a deletion would take', async () => {
    const p = await service.create(amy, { content: 'copy me', burn: true });
    expect(service.copySource(amy, p.id).content).toBe('copy me');
    expect(await kind(() => service.copySource(bob, p.id))).toBe('burn-unrevealed');
    expect(service.open(bob, p.id).paste.id).toBe(p.id);
    expect(service.deletable(amy, p.id).id).toBe(p.id);
    expect(await kind(() => service.deletable(bob, p.id))).toBe('forbidden');
    expect(await kind(() => service.deletable(anonymousCaller(), p.id))).toBe('anonymous');
    expect(service.open(amy, p.id).paste.content).toBe('copy me');
  });

  it('hides the author from anonymous viewers only under hideFunnelUsers', async () => {
    const p = await service.create(amy, { content: 'x' });
    const author = { displayName: 'Amy', login: 'amy@example.com', node: p.node };
    expect(service.visibleAuthor(p, anonymousCaller())).toEqual(author);
    expect(service.visibleAuthor(p, bob)).toEqual(author);
    build({ hideFunnelUsers: true });
    expect(service.visibleAuthor(p, anonymousCaller())).toBeUndefined();
    expect(service.visibleAuthor(p, bob)).toEqual(author);
  });

  it('lists 25 per page, keeps unlisted pastes out (except for admins and their authors)', async () => {
    for (let i = 0; i < PAGE_SIZE + 2; i++) await service.create(admin, { content: `n${i}` });
    const hidden = await service.create(amy, { content: 'hidden words', unlisted: true });
    const first = service.list(bob, { scope: 'all', page: 0 });
    expect(first).toMatchObject({ page: 0, hasNext: true });
    expect(first.rows).toHaveLength(PAGE_SIZE);
    expect(service.list(bob, { scope: 'all', page: 1 }).rows).toHaveLength(2);
    expect(service.list(bob, { scope: 'all', page: -3 }).page).toBe(0);
    expect(service.list(admin, { scope: 'all', page: 0 }).rows[0]?.id).toBe(hidden.id);
    expect(service.list(amy, { scope: 'mine', page: 0 }).rows.map((r) => r.id)).toEqual([hidden.id]);
    expect(service.list(bob, { scope: 'all', q: 'hidden', page: 0 }).rows).toEqual([]);
    expect(service.recent(amy).map((r) => r.id)).toEqual([hidden.id]);
  });

  it('follows the grants policy per request', async () => {
    build({ policy: 'grants' });
    const with_ = (caps: unknown[]): Caller => makeCaller({ kind: 'user', login: 'carl@example.com', capMap: { [CAP]: caps } });
    expect(await kind(() => service.create(with_([]), { content: 'x' }))).toBe('forbidden');
    const p = await service.create(with_([{ user: { write: true } }]), { content: 'x' });
    expect(await kind(() => service.open(with_([{ user: { write: true } }]), p.id))).toBe('forbidden');
    expect(await kind(() => service.open(with_([{ user: { read: true } }]), p.id))).toBe('ok');
    expect(await kind(() => service.open(bob, p.id))).toBe('forbidden');
    expect(await kind(() => service.list(with_([{ all: { read: true } }]), { scope: 'all', page: 0 }))).toBe('forbidden');
    expect(await kind(() => service.list(with_([{ all: { list: true } }]), { scope: 'all', page: 0 }))).toBe('ok');
    expect(await kind(() => service.open(anonymousCaller(), p.id))).toBe('ok');
  });

  it('caches renderings and drops them on delete', async () => {
    const p = await service.create(amy, { content: '# Title\n', filename: 'a.md' });
    expect(await service.document(p)).toContain('<h1>Title</h1>');
    expect(await service.code(p, 'markdown')).toContain('id="L1"');
    await service.code(p, 'markdown');
    expect(cache.hits).toBe(1);
    service.remove(amy, p.id);
    expect(cache.size).toBe(0);
  });
});
