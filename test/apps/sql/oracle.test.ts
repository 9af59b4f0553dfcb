/**
 * The recordings of the real tailsql (`test/fixtures/oracle/tailsql`), replayed against the SQL app
 * started with that config file, unchanged (`--sql-config`; its relative `file:DATA/…` URLs
 * resolve against the working directory, as in tailsql). Statuses and content types match
 * exactly; NDJSON rows match as parsed JSON with exact integers; CSV cell by cell; error bodies
 * byte for byte.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../support/platform.js';
import { get, ndjson, oracleCases, oracleWorkspace, parseCsv, startSql } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'sql-oracle-'));
const cwd = process.cwd();
let t: TestApp;

beforeAll(async () => {
  const { config } = oracleWorkspace(dir);
  process.chdir(dir);
  t = await startSql({ appConfig: { configFile: config } });
});
afterAll(async () => {
  await t?.cleanup();
  process.chdir(cwd);
  rmSync(dir, { recursive: true, force: true });
});

describe('tailsql oracle', () => {
  for (const c of oracleCases()) {
    it(`${c.path} ${JSON.stringify(c.headers)} → ${c.status}`, async () => {
      const res = await get(t, c.path, c.headers);
      const body = await res.text();
      expect(res.status).toBe(c.status);
      expect(res.headers.get('content-type')).toBe(c.type);
      if (c.status !== 200 || c.path.startsWith('/meta')) expect(body).toBe(c.body);
      else if (c.path.startsWith('/json')) expect(ndjson(body)).toEqual(ndjson(c.body));
      else expect(parseCsv(body)).toEqual(parseCsv(c.body));
      // Go's encoders are reproduced exactly, so the bytes match too.
      expect(body).toBe(c.body);
    });
  }
});
