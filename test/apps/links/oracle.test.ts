/**
 * golink fidelity against the recorded oracle (`test/fixtures/oracle/golink/`): the real golink's
 * snapshot is loaded with `--links-snapshot`, every request target of `cases.tsv` is sent byte
 * for byte on a raw socket with `Host: go` (an HTTP client library would re-encode it), and the
 * status and `Location` must match: 302s by `Location` exactly, other statuses by code.
 *
 * The recorder read `Location` as Latin-1 and wrote it out as UTF-8 (raw UTF-8 bytes in golink's
 * header appear as `Ã¼`), so the header is compared as the Latin-1 string Node also yields.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { TestApp } from '../../support/platform.js';
import { ORACLE, socketGet, startLinks } from './helpers.js';

interface OracleCase {
  line: number;
  target: string;
  status: number;
  location: string;
}

function loadCases(): OracleCase[] {
  return readFileSync(join(ORACLE, 'cases.tsv'), 'utf8')
    .split('\n')
    .map((text, i) => ({ text, line: i + 1 }))
    .filter(({ text }) => text !== '')
    .map(({ text, line }) => {
      const [target = '', status = '', location = ''] = text.split('\t');
      return { line, target, status: Number(status), location };
    });
}

describe('golink oracle', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startLinks({ login: 'foo@example.com', appConfig: { snapshot: join(ORACLE, 'snapshot.jsonl') } });
  });
  afterAll(() => t.cleanup());

  test('every recorded request target gets golink’s status and Location', async () => {
    const port = Number(new URL(t.url).port);
    const cases = loadCases();
    expect(cases.length).toBeGreaterThan(1000);
    const mismatches: string[] = [];
    for (const c of cases) {
      const got = await socketGet(port, Buffer.from(c.target, 'utf8'));
      const ok = got.status === c.status && (c.status !== 302 || got.location === c.location);
      if (!ok) mismatches.push(`line ${c.line}: ${c.target} → want ${c.status} ${c.location} got ${got.status} ${got.location}`);
    }
    const matched = cases.length - mismatches.length;
    console.log(`golink oracle: ${matched}/${cases.length} match (${((100 * matched) / cases.length).toFixed(1)}%)`);
    expect(mismatches).toEqual([]);
  }, 60_000);
});
