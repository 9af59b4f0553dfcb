/**
 * tailsql fidelity on generated inputs (issue 19): the requests of
 * `test/fixtures/oracle/tailsql/generated.jsonl` (seed 19) and of the recordings of later seeds
 * (`generated-<seed>.jsonl`), recorded from the real tailsql by scripts/differential, replayed
 * byte for byte on raw sockets against the SQL app on the same config (generated.hujson, used
 * unchanged) and databases. Per seed and category, exactly the cases listed in that seed's
 * generated-differences*.ts may differ: a new difference fails, and so does a listed case that
 * now matches, until it is taken off the list.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { expectOnlyListed } from '../../support/expected-differences.js';
import { FIRST_SEED, generatedOracleDir, seedFile, seedRecordings } from '../../support/oracle.js';
import type { TestApp } from '../../support/platform.js';
import { exchange } from '../../support/raw-http.js';
import {
  describeTailsql,
  generatedWorkspace,
  loadTailsqlCases,
  recordedAnswer,
  TAILSQL_CATEGORIES,
  type TailsqlCase,
  tailsqlAnswer,
  tailsqlDifference,
  tailsqlRequest,
} from '../../support/tailsql-generated.js';
import { EXPECTED_DIFFERENCES } from './generated-differences.js';
import { EXPECTED_DIFFERENCES as EXPECTED_1907 } from './generated-differences-1907.js';
import { EXPECTED_DIFFERENCES as EXPECTED_2026 } from './generated-differences-2026.js';
import { startSql } from './helpers.js';

const FIXTURES = generatedOracleDir('tailsql');
const LISTS = [[FIRST_SEED, EXPECTED_DIFFERENCES], [1907, EXPECTED_1907], [2026, EXPECTED_2026]] as const;
const RECORDINGS = seedRecordings(LISTS, '.jsonl', (file) => loadTailsqlCases(FIXTURES, file));
/** Per seed, per case id: undefined when tailyard answered as tailsql, else what differed. */
const differences = new Map(RECORDINGS.map((r) => [r.seed, new Map<number, string | undefined>()]));
const dir = mkdtempSync(join(tmpdir(), 'sql-generated-oracle-'));
const cwd = process.cwd();
let t: TestApp;

async function replay(port: number, seed: number, c: TailsqlCase): Promise<void> {
  const [res] = await exchange(port, [tailsqlRequest(c)]);
  const want = recordedAnswer(c);
  const got = tailsqlAnswer(res!);
  differences.get(seed)!.set(c.id, tailsqlDifference(want, got) === undefined ? undefined : `case ${c.id}: ${describeTailsql(c, want, got)}`);
}

beforeAll(async () => {
  const { config } = generatedWorkspace(FIXTURES, dir);
  // The config's relative `file:DATA/…` URLs resolve against the working directory, as in tailsql.
  process.chdir(dir);
  t = await startSql({ appConfig: { configFile: config } });
  const port = Number(new URL(t.url).port);
  // The queries that run into the timeout wait it out side by side; the rest go one at a time.
  await Promise.all(RECORDINGS.flatMap(({ seed, cases }) => cases.filter((c) => c.category === 'timeout').map((c) => replay(port, seed, c))));
  for (const { seed, cases } of RECORDINGS) for (const c of cases) if (c.category !== 'timeout') await replay(port, seed, c);
}, 240_000);
afterAll(async () => {
  await t?.cleanup();
  process.chdir(cwd);
  rmSync(dir, { recursive: true, force: true });
});

describe.each(RECORDINGS)('tailsql generated oracle, seed $seed ($file)', ({ seed, cases, expected }) => {
  test('the recording covers every category (seed 19 with at least 1 000 requests, later seeds a few hundred)', () => {
    expect(cases.length).toBeGreaterThanOrEqual(seed === FIRST_SEED ? 1000 : 300);
    for (const category of TAILSQL_CATEGORIES) expect(cases.some((c) => c.category === category), category).toBe(true);
  });

  for (const category of TAILSQL_CATEGORIES) {
    test(`${category}: tailsql's answers, except the listed differences`, () => {
      const ids = cases.filter((c) => c.category === category).map((c) => c.id);
      expectOnlyListed(category, ids, expected[category], differences.get(seed)!, `test/apps/sql/${seedFile('generated-differences', seed, '.ts')}`);
    });
  }
});
