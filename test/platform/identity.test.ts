import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { capValues, makeCaller } from '../../src/platform/identity.js';
import { startTestApp, type TestApp, tempDataDir } from '../support/platform.js';
import { whoamiApp } from '../support/whoami-app.js';

let t: TestApp | undefined;
afterEach(async () => {
  await t?.cleanup();
  t = undefined;
});

/** A pino logger that keeps its lines in memory, so tests can read what was logged. */
function memoryLogger() {
  const lines: Array<Record<string, unknown>> = [];
  const log = pino({ level: 'info' }, { write: (s: string) => void lines.push(JSON.parse(s)) });
  return { log, lines };
}

describe('the dev caller', () => {
  it('holds full access to every app by default', async () => {
    t = await startTestApp(whoamiApp, { login: 'bob@example.com' });
    const me = await (await fetch(`${t.url}/whoami`)).json();
    expect(me).toMatchObject({ kind: 'user', login: 'bob@example.com', isTagged: false, caps: [{ allow: true }] });
    expect((await fetch(`${t.url}/private`)).status).toBe(200);
  });

  it('--dev-caps replaces the capabilities entirely', async () => {
    const dir = tempDataDir();
    const caps = join(dir, 'caps.json');
    writeFileSync(caps, JSON.stringify({ 'example.com/cap/other': [{ x: 1 }] }));
    const { startPlatform } = await import('../../src/platform/platform.js');
    const { silentLogger } = await import('../../src/platform/logging.js');
    const p = await startPlatform({
      config: { dataDir: dir, admin: { enabled: false }, dev: { capsFile: caps }, apps: { whoami: { devPort: 0 } } },
      apps: [whoamiApp],
      log: silentLogger(),
      defaultMetrics: false,
    });
    try {
      const url = p.urls.whoami?.[0];
      const me = (await (await fetch(`${url}whoami`)).json()) as { caps: unknown[] };
      expect(me.caps).toEqual([]);
      expect((await fetch(`${url}private`)).status).toBe(403);
    } finally {
      await p.close();
    }
  });

  it('a bad --dev-caps file is a config error naming the file', async () => {
    const dir = tempDataDir();
    const caps = join(dir, 'caps.json');
    writeFileSync(caps, '["not", "an", "object"]');
    const { startPlatform } = await import('../../src/platform/platform.js');
    await expect(startPlatform({ config: { dataDir: dir, dev: { capsFile: caps } }, apps: [whoamiApp] })).rejects.toThrow(/dev\.capsFile .*caps\.json: expected a JSON object/);
  });

  it('can be a tagged node', async () => {
    t = await startTestApp(whoamiApp, { tags: ['tag:ci'] });
    const me = await (await fetch(`${t.url}/whoami`)).json();
    expect(me).toMatchObject({ kind: 'tagged', login: 'tagged-devices', tags: ['tag:ci'], isTagged: true });
  });
});

describe('malformed capability values', () => {
  const Schema = z.object({ allow: z.boolean() });

  it('are skipped and logged once, not fatal', () => {
    const { log, lines } = memoryLogger();
    const caller = makeCaller({ kind: 'user', login: 'a@x', capMap: { cap: [{ allow: 'yes' }, { allow: true }, 42] } });
    for (let i = 0; i < 3; i++) expect(capValues(caller, 'cap', Schema, log)).toEqual([{ allow: true }]);
    const warnings = lines.filter((l) => l.msg === 'ignoring a malformed capability value');
    expect(warnings).toHaveLength(2); // one per distinct bad value, not per request
    expect(warnings[0]).toMatchObject({ cap: 'cap', caller: 'a@x' });
  });

  it('never turn a request into a 500', async () => {
    const { log, lines } = memoryLogger();
    t = await startTestApp(whoamiApp, { caps: { 'example.com/cap/whoami': ['garbage', { allow: 1 }, { allow: true }] }, log });
    expect((await fetch(`${t.url}/private`)).status).toBe(200);
    t.as({ caps: { 'example.com/cap/whoami': [null, { allow: 'sure' }] } });
    expect((await fetch(`${t.url}/private`)).status).toBe(403);
    expect(lines.some((l) => l.msg === 'ignoring a malformed capability value')).toBe(true);
  });
});
