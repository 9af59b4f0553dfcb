/**
 * Durability: a server killed with SIGKILL in the middle of a stream of writes loses none that
 * it acknowledged. The server is a child process (`support/serve.ts`) on a real data directory;
 * a writer here sends puts and create-versions concurrently and records every 200; after the
 * kill a fresh server on the same directory must return each acknowledged version's value.
 */
import fs from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../../src/platform/audit.js';
import { tempDataDir } from '../../support/platform.js';
import { b64, call } from './helpers.js';
import { killAll, spawnServer } from './support/child.js';

const dataDir = tempDataDir('tailyard-crash-');

afterAll(() => {
  killAll();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('crash safety', () => {
  it('keeps every acknowledged write across a SIGKILL', { timeout: 60_000 }, async () => {
    const first = await spawnServer(dataDir);
    const acked: Array<{ name: string; version: number; value: string }> = [];
    let stop = false;
    let failures = 0;
    const writer = async (w: number) => {
      for (let i = 0; !stop; i++) {
        const name = `crash/w${w}/s${i % 5}`;
        const value = `w${w}-i${i}-${Math.random()}`;
        try {
          if (i % 7 === 6) {
            const version = 1000 + i;
            const r = await call(first.url, 'create-version', { Name: name, Version: version, Value: b64(value) });
            if (r.status === 200) acked.push({ name, version, value });
          } else {
            const r = await call(first.url, 'put', { Name: name, Value: b64(value) });
            if (r.status === 200) acked.push({ name, version: Number(r.text), value });
          }
        } catch {
          failures++;
          return;
        }
      }
    };
    const writers = Array.from({ length: 6 }, (_, w) => writer(w));
    while (acked.length < 150) await new Promise((r) => setTimeout(r, 10));
    await first.kill();
    stop = true;
    await Promise.all(writers);
    expect(failures).toBeGreaterThan(0);

    const second = await spawnServer(dataDir);
    for (const a of acked) {
      const r = await call(second.url, 'get', { Name: a.name, Version: a.version });
      expect(r.status, `${a.name} v${a.version}`).toBe(200);
      expect(JSON.parse(r.text), `${a.name} v${a.version}`).toEqual({ Value: b64(a.value), Version: a.version });
    }
    await second.kill();
    const audit = verifyAuditChain(join(dataDir, 'secrets.audit.db'));
    expect(audit).toMatchObject({ ok: true });
  });
});
