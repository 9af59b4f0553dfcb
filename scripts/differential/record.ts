/**
 * `npm run differential -- <golink|tailsql> [--seed N] [--count N] [--report FILE]`: records what
 * the real upstream program answers to generated requests into test/fixtures/oracle/<program>/,
 * next to what tailyard answers, and writes the report of differences and the replay test's list
 * of expected differences. Seed 19 writes `generated.*`; any other seed its own
 * `generated-<seed>.*` files beside them (test/support/oracle.ts `seedFile`), so each seed's
 * recording is replayed on its own. `--count` keeps about that many requests (sample.ts). The upstream binaries come from the environment and are never built
 * here: TAILYARD_GOLINK_BIN (golink, run in dev mode on loopback) and TAILYARD_TAILSQL_BIN
 * (tailsql, run with --local). tailyard itself runs from this checkout's dist/.
 *
 *   TAILYARD_GOLINK_BIN=/path/to/golink npm run differential -- golink
 *   TAILYARD_TAILSQL_BIN=/path/to/tailsql npm run differential -- tailsql --seed 19
 *   TAILYARD_TAILSQL_BIN=/path/to/tailsql npm run differential -- tailsql --seed 1907 --count 400
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { recordGolink } from './golink.js';
import { binaryFromEnv, REPO } from './processes.js';
import { recordTailsql } from './tailsql.js';
import { seedFile } from '../../test/support/oracle.js';

const PROGRAMS = {
  golink: { env: 'TAILYARD_GOLINK_BIN', record: recordGolink },
  tailsql: { env: 'TAILYARD_TAILSQL_BIN', record: recordTailsql },
};

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { seed: { type: 'string', default: '19' }, count: { type: 'string' }, report: { type: 'string' } } });
  const seed = Number(values.seed);
  const count = values.count === undefined ? undefined : Number(values.count);
  if (!Number.isSafeInteger(seed) || seed < 0) throw new Error(`--seed must be a whole number, not "${values.seed}"`);
  if (count !== undefined && !(Number.isSafeInteger(count) && count > 0)) throw new Error(`--count must be a positive whole number, not "${values.count}"`);
  const names = positionals.length ? positionals : Object.keys(PROGRAMS);
  if (values.report && names.length > 1) throw new Error('--report names one file: record one program at a time');
  for (const name of names) {
    const program = PROGRAMS[name as keyof typeof PROGRAMS];
    if (!program) throw new Error(`unknown program "${name}" (known: ${Object.keys(PROGRAMS).join(', ')})`);
    const bin = binaryFromEnv(program.env, name);
    const workDir = mkdtempSync(join(tmpdir(), `tailyard-differential-${name}-`));
    const reportPath = values.report ?? join(REPO, `test/fixtures/oracle/${name}`, seedFile('generated', seed, '-report.md'));
    try {
      process.stdout.write(`${await program.record({ bin, seed, count, workDir, reportPath })}\n`);
    } finally {
      rmSync(workDir, { recursive: true, force: true });
    }
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`differential: ${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  },
);
