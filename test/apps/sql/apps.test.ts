/**
 * The SQL console next to the other apps on one platform: an endless recursive query is stopped
 * by the timeout while go/ links keeps answering; the links and paste databases are sources only
 * with an explicit grant, and paste only through views that hide unlisted, burn-after-reading
 * and expired pastes.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linksApp } from '../../../src/apps/links/index.js';
import { pasteMigrations } from '../../../src/apps/paste/schema.js';
import { sqlApp } from '../../../src/apps/sql/index.js';
import type { AppDefinition } from '../../../src/platform/app.js';
import { openAppDatabase } from '../../../src/platform/storage.js';
import { CAP, type MultiApp, ndjson, oracleWorkspace, q, startApps } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'sql-apps-'));
oracleWorkspace(dir);
const GOLINK = 'tailscale.com/cap/golink';
let apps: MultiApp;

beforeAll(async () => {
  apps = await startApps([linksApp as AppDefinition, sqlApp as AppDefinition], {
    sql: {
      // Only `main` has a timeout: the queries that follow the killed one wait for a new runner
      // to start, which on a loaded machine can take longer than the endless query is given.
      sources: [
        { source: 'main', driver: 'sqlite', url: `file:${join(dir, 'DATA', 'main.db')}?mode=ro`, timeout: '1s' },
        { source: 'patient', driver: 'sqlite', url: `file:${join(dir, 'DATA', 'main.db')}?mode=ro` },
      ],
      appSources: ['links', 'paste'],
      sqliteWorkers: 1,
    },
  });
  const paste = openAppDatabase(join(apps.dataDir, 'paste.db'), pasteMigrations);
  paste.exec(`INSERT INTO authors VALUES ('amy@example.com', 'amy@example.com', 'Amy', 'amy-laptop', '', '');
    INSERT INTO pastes (id, created_at, expires_at, author, node, filename, language, size, unlisted, burn, content) VALUES
      ('pub', '2026-01-01T00:00:00.000Z', NULL, 'amy@example.com', 'amy-laptop', 'a.txt', 'plaintext', 6, 0, 0, 'public'),
      ('hid', '2026-01-01T00:00:00.000Z', NULL, 'amy@example.com', 'amy-laptop', 'b.txt', 'plaintext', 6, 1, 0, 'hidden'),
      ('brn', '2026-01-01T00:00:00.000Z', NULL, 'amy@example.com', 'amy-laptop', 'c.txt', 'plaintext', 4, 0, 1, 'burn'),
      ('old', '2026-01-01T00:00:00.000Z', '2020-01-01T00:00:00.000Z', 'amy@example.com', 'amy-laptop', 'd.txt', 'plaintext', 7, 0, 0, 'expired');`);
  paste.close();
});
afterAll(async () => {
  await apps?.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

const sql = (path: string) => fetch(apps.url('sql') + path, { headers: { 'Sec-Tailsql': '1' } });

describe('next to the other apps', () => {
  it('stops an endless recursive query at the timeout while go/ links keeps answering', async () => {
    apps.as({ [CAP]: [{ src: ['*'] }], [GOLINK]: [] });
    const endless = sql(q('/json', 'with recursive c(x) as (select 1 union all select x + 1 from c) select count(*) from c', 'main'));
    let answered = 0;
    let settled = false;
    void endless.finally(() => {
      settled = true;
    });
    while (!settled) {
      const res = await fetch(`${apps.url('links')}/.help`);
      await res.text();
      if (res.status === 200) answered++;
    }
    const res = await endless;
    // tailsql's answer: Go's context error, 500.
    expect(res.status).toBe(500);
    expect(await res.text()).toBe('context deadline exceeded\n');
    expect(answered).toBeGreaterThan(3);
    // The runner that was killed is replaced: the next query runs.
    expect(await (await sql(q('/csv', 'select 1 as ok', 'patient'))).text()).toBe('ok\n1\n');
  });

  it('exposes the links database only with an explicit grant', async () => {
    apps.as({ [CAP]: [], [GOLINK]: [{ admin: true }] });
    const made = await fetch(apps.url('links'), { method: 'POST', headers: { 'Sec-Golink': '1' }, body: new URLSearchParams({ short: 'docs', long: 'https://docs.example/' }) });
    expect(made.status).toBe(200);
    apps.as({});
    expect((await sql(q('/json', 'select short from links', 'links'))).status).toBe(403);
    apps.as({ [CAP]: [{ src: ['links'] }] });
    expect(ndjson(await (await sql(q('/json', 'select short, long from links', 'links'))).text())).toEqual([{ long: 'https://docs.example/', short: 'docs' }]);
    expect((await sql(q('/json', 'delete from links', 'links'))).status).toBe(400);
  });

  it('shows only listed, lasting pastes, and nothing else of the paste database', async () => {
    apps.as({ [CAP]: [{ src: ['paste'] }] });
    expect(ndjson(await (await sql(q('/json', 'select id, content from pastes order by id', 'paste'))).text())).toEqual([{ content: 'public', id: 'pub' }]);
    expect(ndjson(await (await sql(q('/json', 'select count(*) as n from pastes a join pastes b on a.id = b.id', 'paste'))).text())).toEqual([{ n: 1n }]);
    expect(ndjson(await (await sql(q('/json', 'select login from authors', 'paste'))).text())).toEqual([{ login: 'amy@example.com' }]);
    for (const probe of ['select * from main.pastes where unlisted = 1', 'select * from gone', 'select * from pastes_fts', 'select name from sqlite_schema']) {
      const res = await sql(q('/json', probe, 'paste'));
      const body = await res.text();
      expect(body, probe).not.toMatch(/hidden|burn|expired/);
    }
  });
});
