/**
 * golink fidelity on generated inputs (issue 19): the request targets of
 * `test/fixtures/oracle/golink/generated.tsv` (seed 19) and of the recordings of later seeds
 * (`generated-<seed>.tsv`), recorded from the real golink by scripts/differential, replayed byte
 * for byte on raw sockets (keep-alive connections as they were sent) against the links app on the
 * same snapshot. Per seed and category, exactly the cases listed in that seed's
 * generated-differences*.ts may differ: a new difference fails, and so does a listed case that
 * now matches, until it is taken off the list.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  describeGolink,
  GOLINK_CATEGORIES,
  golinkAnswer,
  golinkConnections,
  golinkRequests,
  golinkSilence,
  loadGolinkCases,
  sameGolinkAnswer,
} from '../../support/golink-generated.js';
import { expectOnlyListed } from '../../support/expected-differences.js';
import { FIRST_SEED, generatedOracleDir, seedFile, seedRecordings } from '../../support/oracle.js';
import type { TestApp } from '../../support/platform.js';
import { exchange } from '../../support/raw-http.js';
import { EXPECTED_DIFFERENCES } from './generated-differences.js';
import { EXPECTED_DIFFERENCES as EXPECTED_1907 } from './generated-differences-1907.js';
import { EXPECTED_DIFFERENCES as EXPECTED_2026 } from './generated-differences-2026.js';
import { startLinks } from './helpers.js';

const DIR = generatedOracleDir('golink');
const LISTS = [[FIRST_SEED, EXPECTED_DIFFERENCES], [1907, EXPECTED_1907], [2026, EXPECTED_2026]] as const;
const RECORDINGS = seedRecordings(LISTS, '.tsv', (file) => loadGolinkCases(DIR, file));
/** Per seed, per case id: undefined when tailyard answered as golink, else what differed. */
const differences = new Map(RECORDINGS.map((r) => [r.seed, new Map<number, string | undefined>()]));
/** Per seed, per case id: tailyard's status. */
const answered = new Map(RECORDINGS.map((r) => [r.seed, new Map<number, number>()]));
let t: TestApp;

beforeAll(async () => {
  t = await startLinks({ login: 'foo@example.com', appConfig: { snapshot: join(DIR, 'snapshot.jsonl') } });
  const port = Number(new URL(t.url).port);
  for (const { seed, cases } of RECORDINGS) {
    for (const conn of golinkConnections(cases)) {
      const answers = await exchange(port, golinkRequests(conn.map((c) => c.target)));
      conn.forEach((c, i) => {
        const got = golinkAnswer(answers[i]!);
        answered.get(seed)!.set(c.id, got.status);
        differences.get(seed)!.set(c.id, sameGolinkAnswer(c, got) ? undefined : `case ${c.id}: ${describeGolink(c.target, c, got)}`);
      });
    }
  }
}, 240_000);
afterAll(() => t?.cleanup());

describe.each(RECORDINGS)('golink generated oracle, seed $seed ($file)', ({ seed, cases, expected }) => {
  test('the recording covers every category (seed 19 with at least 2 000 targets, later seeds a few hundred)', () => {
    expect(cases.length).toBeGreaterThanOrEqual(seed === FIRST_SEED ? 2000 : 300);
    for (const category of GOLINK_CATEGORIES) expect(cases.some((c) => c.category === category), category).toBe(true);
  });

  test("where golink panicked (no answer), tailyard answers 404 and keeps the connection", () => {
    const panics = golinkConnections(cases).flatMap((conn) => conn.filter((_, i) => golinkSilence(conn.map((c) => c.status), i) === 'panic'));
    expect(panics.length).toBeGreaterThan(0);
    expect(panics.filter((c) => answered.get(seed)!.get(c.id) !== 404).map((c) => `case ${c.id}: tailyard ${answered.get(seed)!.get(c.id)}`)).toEqual([]);
  });

  for (const category of GOLINK_CATEGORIES) {
    test(`${category}: golink's answers, except the listed differences`, () => {
      const ids = cases.filter((c) => c.category === category).map((c) => c.id);
      expectOnlyListed(category, ids, expected[category], differences.get(seed)!, `test/apps/links/${seedFile('generated-differences', seed, '.ts')}`);
    });
  }
});
