/**
 * The seeded fuzz run over every route of the SQL console (harness.ts), on SQLite sources (the
 * oracle databases): tailsql's `/`, `/csv`, `/json`, `/meta`, and the console's `/export`,
 * `/schema`, `/history`, `/api/query`, `/api/cancel`, `/api/schema`, with queries that work,
 * fail, write, attach, run named and meta queries, are too long or bind parameters nobody gives,
 * values that stress the encoders (±Inf, huge integers, invalid UTF-8 text, blobs, NUL), every
 * source and format, and the headers that decide access (Sec-Tailsql, the cookie, the console
 * header, Sec-Fetch-Site, Origin). Results stay small: the runner's handling of results over
 * 1 MiB is tested apart. PostgreSQL sources are not fuzzed here (the driver suites cover them).
 *
 * Two 5xx answers are documented and allowed, as tailsql gives them (reference §1.2): a query the
 * database itself rejects is a 500 whose body is the database's error, in modernc's words
 * (`SQL logic error: no such table: nope (1)`), on the routes that answer with the raw result
 * (`/csv`, `/json`, `/export`); the page and the script's API show it inside a 200. Same seed,
 * same run. So is `/json` of a result holding ±Inf, which tailsql answers with a 500 and Go's
 * encoder's words (`json: unsupported value: +Inf`).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { TestApp } from '../../support/platform.js';
import { oracleWorkspace, startSql } from '../sql/helpers.js';
import { browserHeaders, GARBAGE, prng, query, type Req, type Rng, run, segment } from './harness.js';

const SEED = 0x5eed_2026 + 17;
const REQUESTS = 700;

const QUERIES = [
  'select 1',
  'select * from users',
  'select id, name from users order by id',
  'select kind, count(*) as n from events group by kind',
  'select * from events where id < 5',
  'select * from t',
  'select * from sqlite_schema',
  'with recursive c(x) as (select 1 union all select x + 1 from c limit 50) select x from c',
  'select 1e308 * 10 as inf, -1e308 * 10 as ninf',
  'select 9223372036854775807 as big, -9223372036854775808 as small, 9223372036854775807 + 1 as over',
  "select cast(x'ff00fe' as text) as bad_utf8, x'00ff' as blob, char(0) as nul",
  "select 'a\nb,c\"d' as tricky, null as nothing, 1.5 as f",
  "select json('{\"a\":1}') as j, zeroblob(1000) as z",
  'select 1 as a, 2 as a',
  "select hex(randomblob(64)) as r, printf('%.1000c', 'x') as pad",
  'EXPLAIN QUERY PLAN select * from events where user_id = 1',
  'select',
  'selec 1',
  'select * from nosuch',
  "select '",
  'select 1; select 2',
  'delete from users',
  "attach database 'x.db' as y",
  "/* ' */ ATTACH 'x.db' AS y; -- '",
  'create temp table x(a)',
  'pragma writable_schema = 1',
  'vacuum',
  'select ?',
  'select :name, @x, $y',
  "select load_extension('x')",
  "select readfile('/etc/passwd')",
  'select abs(-9223372036854775808)',
  'select 1/0, 1 % 0',
  "select substr('abc', 99999999999999999999)",
  'named:kinds',
  'named:nope',
  'meta:named',
  'meta:tables',
  '',
  '   ',
  `select '${'x'.repeat(4100)}'`,
  `select '${'é'.repeat(1999)}'`,
];
const SOURCES = ['main', 'main', 'main', 'other', 'other', 'nosuch', '', 'MAIN', '../main'];
const FORMATS = ['csv', 'ndjson', 'json', 'tsv', 'md', 'xlsx', ''];
const ROUTES = ['/', '/csv', '/json', '/meta', '/export', '/schema', '/history', '/api/query', '/api/schema', '/api/cancel'];

/** The database's own error, in modernc's words (errors.ts in the SQLite driver). */
const DATABASE_ERROR = /^(SQL logic error|datatype mismatch|string or blob too big|column index out of range|bad parameter or other API misuse|integer overflow)(: [^\n]*)? \(\d+\)\n$/;
/** tailsql's `/json` cannot encode ±Inf (Go's encoding/json): a 500 with Go's words (docs/compatibility.md). */
const JSON_INFINITY = /^json: unsupported value: [+-]Inf\n$/;

describe('fuzz: SQL console (SQLite sources)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sql-fuzz-'));
  let t: TestApp;

  beforeAll(async () => {
    oracleWorkspace(dir);
    const url = (name: string) => `file:${join(dir, 'DATA', `${name}.db`)}?mode=ro`;
    t = await startSql({
      appConfig: {
        sources: [
          { source: 'main', label: 'Main', driver: 'sqlite', url: url('main'), named: { kinds: 'select kind, count(*) n from events group by kind' }, timeout: '10s' },
          { source: 'other', label: 'Other', driver: 'sqlite', url: url('other'), uiRows: 1, maxRows: 3 },
        ],
        queryTimeout: '20s',
      },
    });
  });
  afterAll(async () => {
    await t?.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  function make(r: Rng): Req {
    const route = r.chance(0.9) ? r.pick(ROUTES) : `/${segment(r)}`;
    const params = {
      q: QUERIES,
      src: SOURCES,
      format: FORMATS,
      explain: ['1', '0', 'true'],
      id: ['abcdefgh-1234-5678', 'short', 'x'.repeat(80), ...GARBAGE],
    };
    // Most requests carry a real query; the rest whatever query() makes of the parameters.
    const q = r.chance(0.7) ? `q=${encodeURIComponent(r.pick(QUERIES))}&src=${r.pick(SOURCES)}&` : '';
    const target = `${route}?${q}${query(r, params)}`;
    const method = r.chance(route === '/api/cancel' ? 0.2 : 0.85) ? 'GET' : r.pick(['POST', 'HEAD', 'PUT', 'DELETE', 'OPTIONS']);
    const headers = browserHeaders(r, t.url, undefined, {
      'Sec-Tailsql': ['1', 'ok', ''],
      Cookie: ['tailsqlQuery=1', 'tailsqlQuery=0', 'tailsqlQuery=1; other=x', '%%%'],
      'X-Tailsql-Console': ['1', '0'],
    });
    // The markers that let a query run, more often than chance would give them.
    if (r.chance(0.5)) headers['Sec-Tailsql'] = '1';
    if (route.startsWith('/api/') && r.chance(0.6)) headers['X-Tailsql-Console'] = '1';
    let body = Buffer.alloc(0);
    if (method !== 'GET' && r.chance(0.5)) {
      headers['Content-Type'] = r.pick(['application/x-www-form-urlencoded', 'application/json', 'multipart/form-data; boundary=x']);
      body = Buffer.from(r.chance(0.5) ? `q=${encodeURIComponent(r.pick(QUERIES))}` : r.pick(['{', '--x\r\n', segment(r)]));
    }
    return { method, target, headers, body };
  }

  test(`${REQUESTS} requests, seed ${SEED}: no 5xx except the database's own errors on the raw-result routes`, async () => {
    let databaseErrors = 0;
    const { failures, statuses } = await run(t, REQUESTS, prng(SEED), make, async (req, res) => {
      const rawResult = /^\/(csv|json|export)\?/.test(req.target);
      const ok = rawResult && res.status === 500 && DATABASE_ERROR.test(res.text);
      if (ok) databaseErrors++;
      return ok || (req.target.startsWith('/json?') && res.status === 500 && JSON_INFINITY.test(res.text));
    });
    expect(failures).toEqual([]);
    // The run reached the databases: queries ran, some failed in the database, few were refused outright.
    expect(statuses.get(200) ?? 0).toBeGreaterThan(150);
    expect(databaseErrors).toBeGreaterThan(5);
  }, 180_000);
});
