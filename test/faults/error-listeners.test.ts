/**
 * Every event emitter tailyard's shipped code creates (src/ and the server side of views/) has
 * its 'error' handled where it is created — the rule, its scope and its one escape hatch
 * (`error-events: <why>`) are described in `emitter-rule.ts`. An emitter without a listener
 * turns its first error into an uncaught exception that takes every app down (issue 16: a
 * terminated PostgreSQL backend did exactly that), so a new one fails this test until it is
 * handled or its comment says where its errors go.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkEmitters } from './emitter-rule.js';

const root = join(import.meta.dirname, '../..');

function shippedSources(): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, e.name);
      if (e.isDirectory()) {
        // Browser code (views/*/client) never runs in the server process.
        if (e.name !== 'client' && e.name !== 'node_modules') walk(path);
      } else if (/\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts')) files.push(path);
    }
  };
  walk(join(root, 'src'));
  walk(join(root, 'views'));
  return files;
}

describe("every event emitter has its 'error' handled where it is created", () => {
  it('holds for the whole shipped source tree', () => {
    const files = shippedSources();
    expect(files.length).toBeGreaterThan(100);
    const violations = files.flatMap((f) => checkEmitters(relative(root, f), readFileSync(f, 'utf8')));
    expect(violations.map((v) => `${v.file}:${v.line} ${v.what}: ${v.problem}`)).toEqual([]);
  }, 60_000);

  it('finds the constructions it is about (so an empty answer above means something)', () => {
    const found = shippedSources().flatMap((f) => {
      const src = readFileSync(f, 'utf8');
      // Strip every error listener and waiver: each construction must then be reported.
      const bare = src.replace(/\.on\('error'/g, ".on('error-gone'").replace(/error-events:/g, 'gone:');
      return checkEmitters(relative(root, f), bare).map((v) => `${v.file} ${v.what}`);
    });
    for (const expected of [
      'src/apps/sql/drivers/postgres/driver.ts pg:Pool',
      'src/apps/sql/drivers/postgres/lease.ts pg:Pool.connect',
      'src/apps/sql/drivers/postgres/driver.ts pg:Client',
      'src/apps/sql/drivers/sqlite/process.ts child_process:spawn',
      'src/platform/tailnet/managed/tailscaled.ts child_process:spawn',
      'src/platform/tailnet/managed/tailscaled.ts readline:createInterface',
      'src/platform/tailnet/http-server.ts http:createServer',
      'src/platform/tailnet/backend.ts net:createServer',
      'src/platform/tailnet/localapi.ts http:request',
      'src/platform/tailnet/localapi.ts undici:Pool',
      'src/platform/logging.ts pino:pino.destination',
    ]) {
      expect(found).toContain(expected);
    }
  }, 60_000);

  describe('the rule itself', () => {
    const check = (src: string) => checkEmitters('x.ts', src).map((v) => v.problem);

    it('accepts a construction whose name gets .on("error") in the creating function, or a chained one', () => {
      expect(check("import { spawn } from 'node:child_process';\nfunction f() { const c = spawn('ls'); c.on('error', () => {}); }")).toEqual([]);
      expect(check("import net from 'node:net';\nclass S { s; constructor() { this.s = net.createServer(); this.s?.on('error', () => {}); } }")).toEqual([]);
      expect(check("import * as fs from 'node:fs';\nfs.createReadStream('x').on('error', () => {});")).toEqual([]);
      expect(check("import pg from 'pg';\nasync function f(p) { const pool = p; const c = await pool.connect(); c.on('error', () => {}); }")).toEqual([]);
    });

    it('refuses a missing listener, a once() listener, a listener on another name or elsewhere, an unbound emitter', () => {
      expect(check("import { spawn as run } from 'node:child_process';\nconst c = run('ls');")).toEqual([expect.stringMatching(/no c\.on\('error'/)]);
      expect(check("import { createServer } from 'node:http';\nconst s = createServer(); s.once('error', () => {});")).toHaveLength(1);
      expect(check("import pg from 'pg';\nconst a = new pg.Pool(); const b = new pg.Pool(); b.on('error', () => {});")).toHaveLength(1);
      expect(check("import pg from 'pg';\nfunction f() { const p = new pg.Client(); }\nfunction g(p) { p.on('error', () => {}); }")).toHaveLength(1);
      expect(check("import { createInterface } from 'node:readline';\ncreateInterface({ input }).on('line', () => {});")).toEqual([expect.stringMatching(/not bound/)]);
      expect(check("import pg from 'pg';\nasync function f(pool) { const c = await pool.connect(); }")).toHaveLength(1);
      expect(check("import { EventEmitter } from 'node:events';\nclass Bus extends EventEmitter {}")).toHaveLength(1);
      expect(check("import EventEmitter from 'events';\nconst e = new EventEmitter();")).toHaveLength(1);
    });

    it('accepts a construction whose statement says where its errors go', () => {
      expect(check("import { Pool } from 'undici';\n// error-events: failures reach each request's promise\nconst p = new Pool('http://x');")).toEqual([]);
    });

    it('ignores names that are not imported from an emitter module', () => {
      expect(check("function spawn() {}\nconst c = spawn(); const r = request();")).toEqual([]);
    });
  });
});
