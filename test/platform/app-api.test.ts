/**
 * The app API v1 on the real platform, through a small app that uses each part: the version
 * check, its own files folder, scheduled work, its readiness on /healthz, typed peers, the error
 * renderer (for its mapped errors, unexpected ones, unknown paths and the platform's refusals),
 * its own static files next to the suite's, and the suite view (SQL views, private files).
 */
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type AppDefinition, type AppEnv, defineApp } from '../../src/platform/app.js';
import { ConfigError } from '../../src/platform/config.js';
import type { AppContext } from '../../src/platform/context.js';
import { silentLogger } from '../../src/platform/logging.js';
import { definePeer } from '../../src/platform/peers/peer.js';
import { type RunningPlatform, startPlatform } from '../../src/platform/platform.js';
import { suite } from '../../src/suite.js';
import { tempDataDir } from '../support/platform.js';

class NoteExists extends Error {}

const Counter = definePeer<{ count(): number }>('test-counter');

/** What the test app saw of its context. */
const seen: { ctx?: AppContext; ticks: number; tickedThrice?: () => void; failures: number } = { ticks: 0, failures: 0 };
const tickedThrice = new Promise<void>((resolve) => {
  seen.tickedThrice = resolve;
});
let healthy = true;

const noteFile = join(tempDataDir('tailyard-app-api-assets-'), 'notes.css');
writeFileSync(noteFile, 'body { color: teal }\n');

const notesApp = defineApp({
  apiVersion: 1,
  id: 'notes',
  title: 'Notes',
  defaultHostname: 'notes',
  defaultDevPort: 8091,
  defaultCapName: 'example.com/cap/notes',
  fullAccessCaps: [{}],
  configSchema: z.object({}).strict(),
  migrations: [{ version: 1, name: 'create notes', up: 'CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)' }],
  assets: { 'notes.css': noteFile },
  sqlViews: ({ database }) => ({ label: 'notes', database, views: { notes: 'SELECT body FROM notes' } }),
  privateFiles: { holds: 'notes vault', files: ['vault.db*'] },
  errors: (err) => (err instanceof NoteExists ? { status: 409, code: 'conflict', message: 'that note exists', hint: 'pick another title' } : undefined),
  create(ctx) {
    seen.ctx = ctx;
    ctx.peers.provide(Counter, { count: () => seen.ticks });
    ctx.schedule('tick', 1, () => {
      seen.ticks++;
      if (seen.ticks === 3) seen.tickedThrice?.();
    });
    ctx.schedule('always fails', 1, () => {
      seen.failures++;
      throw new Error('the disk is full');
    });
    ctx.health(() => (healthy ? { ready: true } : { ready: false, detail: 'resting' }));
    return new Hono<AppEnv>()
      .get('/exists', () => {
        throw new NoteExists();
      })
      .get('/boom', () => {
        throw new Error('secret detail');
      })
      .get('/', (c) => c.text('notes\n'));
  },
});

/** A second app that only consumes the peer. */
const readerApp = defineApp({
  apiVersion: 1,
  id: 'reader',
  title: 'Reader',
  defaultHostname: 'reader',
  defaultDevPort: 8092,
  defaultCapName: 'example.com/cap/reader',
  fullAccessCaps: [{}],
  configSchema: z.object({}).strict(),
  migrations: [],
  create(ctx) {
    return new Hono<AppEnv>().get('/count', (c) => c.text(`${ctx.peers.get(Counter)?.count() ?? 'none'}\n`));
  },
});

/** A GET with headers fetch will not send (Host). */
function rawGet(base: string, headers: Record<string, string>): Promise<{ status: number; type: string | undefined; body: string }> {
  const u = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request({ host: u.hostname, port: u.port, path: '/', headers }, (res) => {
      let body = '';
      res.on('data', (d) => {
        body += d;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: res.headers['content-type'], body }));
    });
    req.on('error', reject);
    req.end();
  });
}

let p: RunningPlatform;
let dataDir: string;
const url = (id: string) => (p.urls[id]?.[0] ?? '').replace(/\/$/, '');

beforeAll(async () => {
  dataDir = tempDataDir();
  p = await startPlatform({
    config: { dataDir, admin: { listen: '127.0.0.1:0' }, serve: { notes: { devPort: 0 }, reader: { devPort: 0 } } },
    apps: [notesApp as AppDefinition, readerApp as AppDefinition],
    log: silentLogger(),
    defaultMetrics: false,
    ...suite(),
  });
});
afterAll(() => p?.close());

const BROWSER = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

describe('the app API version', () => {
  const v2 = { ...(notesApp as AppDefinition), apiVersion: 2 };
  const none = { ...(notesApp as AppDefinition), apiVersion: undefined as unknown as number };
  const start = (def: AppDefinition, appSources?: Record<string, string>) =>
    startPlatform({ config: { dataDir: tempDataDir(), admin: { enabled: false } }, apps: [def], appSources, log: silentLogger(), defaultMetrics: false });

  it('refuses an app asking for a version this tailyard does not implement, naming where it came from', async () => {
    await expect(start(v2)).rejects.toThrow(ConfigError);
    await expect(start(v2)).rejects.toThrow(/^app "notes" \(built in\) asks for app API version 2; this tailyard \(\d+\.\d+\.\d+\) supports version 1$/);
    await expect(start(none, { notes: '/srv/plugins/notes.mjs' })).rejects.toThrow(
      /^app "notes" \(\/srv\/plugins\/notes\.mjs\) asks for app API version \(none: apiVersion is missing\); this tailyard/,
    );
  });
});

describe('the context', () => {
  it('gives the app its own folder, created 0700 when first used', () => {
    const files = join(dataDir, 'notes');
    expect(existsSync(files)).toBe(false);
    expect(seen.ctx?.files).toBe(files);
    expect(statSync(files).mode & 0o777).toBe(0o700);
  });

  it('runs scheduled work, and logs and counts a failing task without stopping it', async () => {
    await tickedThrice;
    await expect
      .poll(async () => (await (await fetch(`${p.adminUrl}/metrics`)).text()).match(/tailyard_scheduled_task_failures_total\{app="notes",task="always fails"\} (\d+)/)?.[1])
      .toMatch(/^[1-9]\d*$/);
    const failures = seen.failures;
    await expect.poll(() => seen.failures).toBeGreaterThan(failures);
  });

  it('shows the app’s own readiness on /healthz next to its node state', async () => {
    const ready = await fetch(`${p.adminUrl}/healthz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ ready: true, apps: { notes: { ready: true, state: 'dev', app: { ready: true } }, reader: { ready: true } } });
    healthy = false;
    const resting = await fetch(`${p.adminUrl}/healthz`);
    expect(resting.status).toBe(503);
    expect(await resting.json()).toMatchObject({ ready: false, apps: { notes: { ready: false, app: { ready: false, detail: 'resting' } }, reader: { ready: true } } });
    healthy = true;
  });

  it('lets another app use a typed peer', async () => {
    expect(Number(await (await fetch(`${url('reader')}/count`)).text())).toBeGreaterThanOrEqual(3);
  });

  it('tells every app the SQL views and private files of the others', () => {
    const suiteView = seen.ctx?.suite;
    expect(suiteView?.sqlViews()).toEqual({ notes: { label: 'notes', database: join(dataDir, 'notes.db'), views: { notes: 'SELECT body FROM notes' } } });
    const files = suiteView?.privateFiles() ?? [];
    expect(files).toContainEqual({ path: join(dataDir, 'vault.db'), prefix: true, holds: 'notes vault' });
    expect(files).toContainEqual({ path: join(dataDir, 'notes.audit.db'), prefix: true, holds: "notes app's audit log" });
    expect(files).toContainEqual({ path: join(dataDir, 'notes.audit.jsonl'), prefix: true, holds: "notes app's audit log" });
    expect(files).toContainEqual({ path: join(dataDir, 'reader.key'), prefix: true, holds: "reader app's key" });
    // Everything under backups/ (copies of the above, taken before migrations).
    expect(files).toContainEqual({ path: join(dataDir, 'backups/'), prefix: true, holds: 'backups taken before migrations' });
  });
});

describe('the error renderer', () => {
  it("answers an app's mapped error as text, JSON or a page in the suite's frame", async () => {
    const text = await fetch(`${url('notes')}/exists`);
    expect(text.status).toBe(409);
    expect(text.headers.get('content-type')).toBe('text/plain; charset=UTF-8');
    expect(await text.text()).toBe('that note exists (pick another title)\n');
    const json = await fetch(`${url('notes')}/exists`, { headers: { Accept: 'application/json' } });
    expect(json.status).toBe(409);
    expect(await json.json()).toEqual({ error: 'conflict', message: 'that note exists', hint: 'pick another title' });
    const page = await fetch(`${url('notes')}/exists`, { headers: { Accept: BROWSER } });
    expect(page.status).toBe(409);
    expect(page.headers.get('content-type')).toBe('text/html; charset=UTF-8');
    const html = await page.text();
    expect(html).toMatch(/^<!DOCTYPE html>/);
    // Worded for people on the page: a sentence, and the hint as what to do next.
    expect(html).toContain('That note exists.');
    expect(html).toContain('Pick another title.');
    expect(html).toContain('/.tailyard/static/tailyard.css?v=');
    expect(html).toContain('class="brand"');
  });

  it('answers an unexpected error with a bare 500 that reveals nothing', async () => {
    const res = await fetch(`${url('notes')}/boom`);
    expect(res.status).toBe(500);
    expect(await res.text()).toBe('internal error\n');
    const page = await (await fetch(`${url('notes')}/boom`, { headers: { Accept: BROWSER } })).text();
    expect(page).toContain('Internal error.');
    expect(page).not.toContain('secret detail');
  });

  it('answers an unknown path with Go’s 404 text, or a page', async () => {
    const res = await fetch(`${url('notes')}/nope`);
    expect(res.status).toBe(404);
    expect(await res.text()).toBe('404 page not found\n');
    expect(await (await fetch(`${url('notes')}/nope`, { headers: { Accept: 'application/json' } })).json()).toEqual({ error: 'not_found', message: '404 page not found' });
  });

  it("renders the platform's own refusals too: text as before for API clients, a page for browsers", async () => {
    const evil = { Origin: 'https://evil.example', 'Sec-Fetch-Site': 'cross-site', 'Content-Type': 'application/x-www-form-urlencoded' };
    const text = await fetch(`${url('notes')}/`, { method: 'POST', headers: evil, body: 'x=1' });
    expect(text.status).toBe(403);
    expect(await text.text()).toBe(
      'forbidden: cross-origin request refused (Sec-Fetch-Site is "cross-site"); this page can only be used from its own site\n',
    );
    const page = await fetch(`${url('notes')}/`, { method: 'POST', headers: { ...evil, Accept: BROWSER }, body: 'x=1' });
    expect(page.status).toBe(403);
    expect(await page.text()).toContain('Not allowed');
    const misdirected = await rawGet(url('notes'), { Host: 'evil.example', Accept: BROWSER });
    expect(misdirected.status).toBe(421);
    expect(misdirected.type).toBe('text/html; charset=UTF-8');
    expect(misdirected.body).toContain('serve.notes.extraHosts');
  });
});

describe('static files', () => {
  it("serves the suite's shared files to every app, and an app's own only from that app", async () => {
    for (const id of ['notes', 'reader']) expect((await fetch(`${url(id)}/.tailyard/static/tailyard.css`)).status, id).toBe(200);
    const own = await fetch(`${url('notes')}/.tailyard/static/notes.css`);
    expect(own.status).toBe(200);
    expect(own.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(own.headers.get('cache-control')).toContain('immutable');
    expect(await own.text()).toBe('body { color: teal }\n');
    expect((await fetch(`${url('reader')}/.tailyard/static/notes.css`)).status).toBe(404);
  });

  it("refuses an app file that reuses a shared file's name", async () => {
    const clash = { ...(readerApp as AppDefinition), assets: { 'tailyard.css': noteFile } };
    await expect(
      startPlatform({ config: { dataDir: tempDataDir(), admin: { enabled: false }, serve: { reader: { devPort: 0 } } }, apps: [clash], log: silentLogger(), defaultMetrics: false, ...suite() }),
    ).rejects.toThrow(/static file tailyard.css is already one of the suite's shared files/);
  });
});
