/**
 * golink fidelity on generated inputs (issue 19): the request targets of
 * `test/fixtures/oracle/golink/generated.tsv`, recorded from the real golink by
 * scripts/differential, replayed byte for byte on raw sockets (keep-alive connections as they
 * were sent) against the links app on the same snapshot. Per category, exactly the cases listed
 * in generated-differences.ts may differ: a new difference fails, and so does a listed case that
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
import { generatedOracleDir } from '../../support/oracle.js';
import type { TestApp } from '../../support/platform.js';
import { exchange } from '../../support/raw-http.js';
import { EXPECTED_DIFFERENCES } from './generated-differences.js';
import { startLinks } from './helpers.js';

const DIR = generatedOracleDir('golink');
const cases = loadGolinkCases(DIR);
/** Per case id: undefined when tailyard answered as golink, else what differed. */
const differences = new Map<number, string | undefined>();
/** Per case id: tailyard's status. */
const answered = new Map<number, number>();
let t: TestApp;

beforeAll(async () => {
  t = await startLinks({ login: 'foo@example.com', appConfig: { snapshot: join(DIR, 'snapshot.jsonl') } });
  const port = Number(new URL(t.url).port);
  for (const conn of golinkConnections(cases)) {
    const answers = await exchange(port, golinkRequests(conn.map((c) => c.target)));
    conn.forEach((c, i) => {
      const got = golinkAnswer(answers[i]!);
      answered.set(c.id, got.status);
      differences.set(c.id, sameGolinkAnswer(c, got) ? undefined : `case ${c.id}: ${describeGolink(c.target, c, got)}`);
    });
  }
}, 180_000);
afterAll(() => t?.cleanup());

describe('golink generated oracle', () => {
  test('the recording covers every category with at least 2 000 targets', () => {
    expect(cases.length).toBeGreaterThanOrEqual(2000);
    for (const category of GOLINK_CATEGORIES) expect(cases.some((c) => c.category === category), category).toBe(true);
  });

  test("where golink panicked (no answer), tailyard answers 404 and keeps the connection", () => {
    const panics = golinkConnections(cases).flatMap((conn) => conn.filter((_, i) => golinkSilence(conn.map((c) => c.status), i) === 'panic'));
    expect(panics.length).toBeGreaterThan(0);
    expect(panics.filter((c) => answered.get(c.id) !== 404).map((c) => `case ${c.id}: tailyard ${answered.get(c.id)}`)).toEqual([]);
  });

  for (const category of GOLINK_CATEGORIES) {
    test(`${category}: golink's answers, except the listed differences`, () => {
      const ids = cases.filter((c) => c.category === category).map((c) => c.id);
      expectOnlyListed(category, ids, EXPECTED_DIFFERENCES[category], differences, 'test/apps/links/generated-differences.ts');
    });
  }
});
