/**
 * `apps.paste.policy: "grants"`: each grant value `{"all": {admin, list, read, delete}, "user":
 * {write, read, list}}`, OR-ed over grants and evaluated per request; malformed values are ignored
 * and logged. Under the default tclip policy, `all.admin` still lets someone delete any paste and
 * see unlisted ones.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/platform/logging.js';
import type { TestApp } from '../../support/platform.js';
import { asUser, CAP, createPaste, get, startPaste } from './helpers.js';

const logLines: string[] = [];
const WRITE = { user: { write: true, read: true, list: true } };

let t: TestApp;
beforeAll(async () => {
  const log = createLogger('warn', { write: (line: string) => void logLines.push(line) });
  t = await startPaste({ login: 'amy@example.com', caps: { [CAP]: [WRITE] }, appConfig: { policy: 'grants' }, log });
});
afterAll(() => t.cleanup());

const as = (login: string, values: unknown[]) => asUser(t, { login, caps: { [CAP]: values } });

describe('grants policy', () => {
  it('needs user.write to create, user.read to read one’s own, all.read for everyone’s', async () => {
    as('amy@example.com', [WRITE]);
    const mine = await createPaste(t, { content: 'amy wrote this' });
    as('nobody@example.com', []);
    const refused = await fetch(`${t.url}/api/post`, { method: 'POST', body: new URLSearchParams({ content: 'x' }), headers: { Accept: 'text/plain' } });
    expect(refused.status).toBe(403);
    expect(await refused.text()).toBe(`forbidden: creating pastes needs the grant {"user": {"write": true}} on ${CAP}\n`);
    expect((await get(t, `/paste/${mine.id}/raw`)).status).toBe(403);
    as('reader@example.com', [{ all: { read: true } }]);
    expect(await (await get(t, `/paste/${mine.id}/raw`)).text()).toBe('amy wrote this');
    as('amy@example.com', [{ user: { write: true } }]);
    expect((await get(t, `/paste/${mine.id}/raw`)).status).toBe(403);
  });

  it('needs all.list for everyone’s list and search, user.list for one’s own', async () => {
    as('amy@example.com', [WRITE]);
    const p = await createPaste(t, { content: 'listable words' });
    expect((await get(t, '/paste/list')).status).toBe(403);
    expect((await get(t, '/api/pastes?q=listable', { Accept: 'application/json' })).status).toBe(403);
    expect(await (await get(t, '/paste/mine')).text()).toContain(p.id);
    as('lister@example.com', [{ all: { list: true } }]);
    expect(await (await get(t, '/paste/list?q=listable')).text()).toContain(p.id);
    expect((await get(t, '/paste/list')).status).toBe(200);
  });

  it('ORs values over grants, re-evaluated on every request', async () => {
    as('amy@example.com', [WRITE]);
    const p = await createPaste(t, { content: 'or-ed' });
    as('carl@example.com', [{ all: { read: true } }]);
    expect((await fetch(`${t.url}/paste/${p.id}`, { method: 'DELETE' })).status).toBe(403);
    as('carl@example.com', [{ all: { read: true } }, { all: { delete: true } }]);
    expect((await fetch(`${t.url}/paste/${p.id}`, { method: 'DELETE' })).status).toBe(204);
  });

  it('ignores a malformed grant value (and logs it), keeping the well-formed ones', async () => {
    as('amy@example.com', [WRITE]);
    const p = await createPaste(t, { content: 'malformed test' });
    as('mallory@example.com', [{ all: { read: 'yes', admin: 'true' } }, 'admin', { user: { write: true } }]);
    expect((await get(t, `/paste/${p.id}/raw`)).status).toBe(403);
    expect((await fetch(`${t.url}/paste/${p.id}`, { method: 'DELETE' })).status).toBe(403);
    expect((await createPaste(t, { content: 'mallory may still write' })).id).toBeTruthy();
    await expect.poll(() => logLines.join('')).toContain('ignoring a malformed capability value');
    expect(logLines.join('')).toContain(CAP);
  });

  it('all.admin deletes anything and sees unlisted pastes in lists', async () => {
    as('amy@example.com', [WRITE]);
    const hidden = await createPaste(t, { content: 'hidden', unlisted: true });
    as('root@example.com', [{ all: { admin: true } }]);
    const list = (await (await get(t, '/api/pastes', { Accept: 'application/json' })).json()) as { pastes: Array<{ id: string; unlisted: boolean }> };
    expect(list.pastes.find((x) => x.id === hidden.id)).toMatchObject({ unlisted: true });
    expect((await fetch(`${t.url}/paste/${hidden.id}`, { method: 'DELETE' })).status).toBe(204);
  });
});

describe('tclip policy with an admin grant', () => {
  it('lets all.admin delete any paste and list unlisted ones, while others need no grant at all', async () => {
    const tclip = await startPaste({ login: 'amy@example.com' });
    try {
      const p = await createPaste(tclip, { content: 'amy', unlisted: true });
      asUser(tclip, { login: 'bob@example.com' });
      expect((await get(tclip, '/paste/list')).status).toBe(200);
      expect(await (await get(tclip, '/paste/list')).text()).not.toContain(p.id);
      expect((await fetch(`${tclip.url}/paste/${p.id}`, { method: 'DELETE' })).status).toBe(403);
      asUser(tclip, { login: 'root@example.com', caps: { [CAP]: [{ all: { admin: true } }] } });
      expect(await (await get(tclip, '/paste/list')).text()).toContain(p.id);
      expect((await fetch(`${tclip.url}/paste/${p.id}`, { method: 'DELETE' })).status).toBe(204);
    } finally {
      await tclip.cleanup();
    }
  });
});
