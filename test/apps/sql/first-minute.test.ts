/**
 * The SQL console on a first run: in dev mode, with no `apps.sql` settings at all, the links and
 * paste databases are its sources (so `npm start` has something to query); a source whose file
 * cannot be opened is reported at start-up in the log and on `/healthz` (still ready: the other
 * sources and apps work) with its path and the OS error, stays listed, and every query on it
 * names the same reason, until the file appears.
 */
import { copyFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linksApp } from '../../../src/apps/links/index.js';
import { pasteApp } from '../../../src/apps/paste/index.js';
import { sqlApp } from '../../../src/apps/sql/index.js';
import type { AppDefinition } from '../../../src/platform/app.js';
import { type RunningPlatform, startPlatform } from '../../../src/platform/platform.js';
import { tempDataDir, withBuiltIns } from '../../support/platform.js';
import { type MultiApp, ndjson, oracleWorkspace, q, startApps } from './helpers.js';

const API = { headers: { 'Sec-Tailsql': '1' } };

describe('dev mode without any SQL settings', () => {
  let apps: MultiApp;
  beforeAll(async () => {
    apps = await startApps([linksApp as AppDefinition, pasteApp as AppDefinition, sqlApp as AppDefinition], {});
  });
  afterAll(() => apps?.cleanup());

  it('offers the links and paste databases as sources, to a caller whose grant names them', async () => {
    apps.as({ 'tailscale.com/cap/tailsql': [{ src: ['*'] }] });
    const meta = (await (await fetch(`${apps.url('sql')}/meta`, API)).json()) as { meta: { sources: Array<{ source: string; label: string }> } };
    expect(meta.meta.sources).toEqual([
      { source: 'links', label: 'go/ links (tailyard)' },
      { source: 'paste', label: 'paste (tailyard)' },
    ]);
    const rows = ndjson(await (await fetch(`${apps.url('sql')}${q('/json', 'select count(*) as n from links', 'links')}`, API)).text());
    expect(rows).toEqual([{ n: 0n }]);
  });
});

describe('a source that cannot be opened', () => {
  const dir = tempDataDir('sql-unopenable-');
  const missing = join(dir, 'DATA', 'later.db');
  const lines: Array<{ level: number; msg: string; source?: string }> = [];
  let p: RunningPlatform;
  let url: string;

  beforeAll(async () => {
    oracleWorkspace(dir);
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        for (const l of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(l));
        done();
      },
    });
    const known = withBuiltIns([sqlApp as AppDefinition]);
    p = await startPlatform({
      config: {
        dataDir: join(dir, 'state'),
        admin: { listen: '127.0.0.1:0' },
        dev: { login: 'amy@example.com' },
        serve: known.serve,
        apps: {
          sql: {
            devPort: 0,
            sources: [
              { source: 'main', driver: 'sqlite', url: `file:${join(dir, 'DATA', 'main.db')}?mode=ro` },
              { source: 'later', label: 'Later', driver: 'sqlite', url: `file:${missing}?mode=ro` },
            ],
          },
        },
      },
      apps: known.apps,
      log: pino({ level: 'info' }, sink),
      defaultMetrics: false,
    });
    url = (p.urls.sql?.[0] ?? '').replace(/\/$/, '');
  });
  afterAll(async () => {
    await p?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const reason = `source "later" cannot be opened: ${missing}: ENOENT: no such file or directory`;

  it('is logged at start-up with its path and the OS error', async () => {
    await expect.poll(() => lines.find((l) => l.source === 'later')).toMatchObject({ level: 50, msg: `SQL source "later" cannot be used: ${reason}` });
    expect(lines.some((l) => l.source === 'main' && l.level >= 40)).toBe(false);
  });

  it('makes /healthz name it without failing the suite (a restart would not bring the file back)', async () => {
    const res = await fetch(`${p.adminUrl}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ready: true, apps: { sql: { ready: true, app: { ready: true, detail: `cannot be used: ${reason}` } } } });
  });

  it('stays listed, and a query on it names the same reason; the other source works', async () => {
    const meta = (await (await fetch(`${url}/meta`, API)).json()) as { meta: { sources: Array<{ source: string }> } };
    expect(meta.meta.sources.map((s) => s.source)).toEqual(['main', 'later']);
    const res = await fetch(`${url}${q('/csv', 'select 1', 'later')}`, API);
    expect(res.status).toBe(503);
    expect(await res.text()).toBe(`${reason}\n`);
    expect((await fetch(`${url}${q('/csv', 'select 1 as one', 'main')}`, API)).status).toBe(200);
  });

  it('is used, and /healthz is ready again, once the file is there', async () => {
    copyFileSync(join(dir, 'DATA', 'main.db'), missing);
    const res = await fetch(`${url}${q('/csv', 'select count(*) as n from users', 'later')}`, API);
    expect(await res.text()).toBe('n\n4\n');
    const health = await fetch(`${p.adminUrl}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ apps: { sql: { ready: true, app: { ready: true } } } });
  });
});
