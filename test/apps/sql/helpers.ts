/**
 * Helpers for the SQL console suites: the oracle databases built from their SQL dumps, the app on
 * the real platform, requests the way tailsql clients send them, and parsers that keep 64-bit
 * integers exact (CSV cells, NDJSON rows).
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { sqlApp } from '../../../src/apps/sql/index.js';
import type { AppDefinition } from '../../../src/platform/app.js';
import type { CapMap } from '../../../src/platform/identity.js';
import { silentLogger } from '../../../src/platform/logging.js';
import { type RunningPlatform, startPlatform } from '../../../src/platform/platform.js';
import type { DevMode } from '../../../src/platform/tailnet/dev.js';
import { startTestApp, type TestApp, type TestAppOptions, tempDataDir, withBuiltIns } from '../../support/platform.js';
import { oracleDir } from '../../support/oracle.js';
import { tailsqlWorkspace } from '../../support/tailsql-workspace.js';

export const ORACLE_DIR = oracleDir('tailsql');
export const CAP = 'tailscale.com/cap/tailsql';

/** Creates `<dir>/DATA/main.db` and `other.db` from the oracle dumps and copies the config unchanged. */
export function oracleWorkspace(dir: string): { config: string } {
  return tailsqlWorkspace(ORACLE_DIR, dir, ['main', 'other'], 'tailsql.hujson');
}

export interface OracleCase {
  path: string;
  headers: Record<string, string>;
  status: number;
  type: string;
  body: string;
}

export function oracleCases(): OracleCase[] {
  return readFileSync(join(ORACLE_DIR, 'cases.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as OracleCase);
}

export function startSql(opts: TestAppOptions = {}): Promise<TestApp> {
  return startTestApp(sqlApp as AppDefinition, { caps: {}, ...opts });
}

/** GET with tailsql's API header (or none), never following redirects. */
export function get(t: TestApp, path: string, headers: Record<string, string> = { 'Sec-Tailsql': '1' }): Promise<Response> {
  return fetch(t.url + path, { headers, redirect: 'manual' });
}

/** A query URL: `/json?q=…&src=…`. */
export function q(route: string, sql: string, src?: string, extra: Record<string, string> = {}): string {
  return `${route}?${new URLSearchParams({ q: sql, ...(src ? { src } : {}), ...extra })}`;
}

/** Parses JSON with every integer literal as a BigInt, so 2^53+1 stays exact. */
export function parseExact(text: string): unknown {
  const marked = text.replace(/"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/g, (tok) =>
    tok.startsWith('"') || /[.eE]/.test(tok) ? tok : `{"$int":"${tok}"}`,
  );
  return JSON.parse(marked, (_k, v) => (v && typeof v === 'object' && '$int' in v ? BigInt(v.$int) : v));
}

/** NDJSON rows, integers exact. */
export function ndjson(text: string): unknown[] {
  return text.split('\n').filter(Boolean).map(parseExact);
}

/** RFC 4180 / Go encoding/csv records. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === '') {
      quoted = true;
    } else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else {
      field += ch;
    }
    i++;
  }
  if (field !== '' || row.length) rows.push([...row, field]);
  return rows;
}

export interface MultiApp {
  platform: RunningPlatform;
  dataDir: string;
  url(appId: string): string;
  as(caps: CapMap, login?: string): void;
  cleanup(): Promise<void>;
}

/** Several apps on one real platform (dev mode, loopback, temp data dir). */
export async function startApps(defs: AppDefinition[], appConfigs: Record<string, Record<string, unknown>>, dataDir = tempDataDir()): Promise<MultiApp> {
  const known = withBuiltIns(defs);
  const platform = await startPlatform({
    config: {
      dataDir,
      admin: { enabled: false },
      dev: { login: 'amy@example.com' },
      serve: known.serve,
      apps: Object.fromEntries(defs.map((d) => [d.id, { devPort: 0, ...appConfigs[d.id] }])),
    },
    apps: known.apps,
    log: silentLogger(),
    defaultMetrics: false,
  });
  const mode = platform.mode as DevMode;
  return {
    platform,
    dataDir,
    url: (id) => (platform.urls[id]?.[0] ?? '').replace(/\/$/, ''),
    as: (caps, login = 'amy@example.com') => mode.setIdentity({ login, capMap: caps }),
    cleanup: async () => {
      await platform.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
