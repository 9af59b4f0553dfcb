/**
 * `npm run differential -- <golink|tailsql> [--seed N] [--report FILE]`: records what the real
 * upstream program answers to generated requests into test/fixtures/oracle/<program>/, next to
 * what tailyard answers, and writes the report of differences and the replay test's list of
 * expected differences. The upstream binaries come from the environment and are never built
 * here: TAILYARD_GOLINK_BIN (golink, run in dev mode on loopback) and TAILYARD_TAILSQL_BIN
 * (tailsql, run with --local). tailyard itself runs from this checkout's dist/.
 *
 *   TAILYARD_GOLINK_BIN=/path/to/golink npm run differential -- golink
 *   TAILYARD_TAILSQL_BIN=/path/to/tailsql npm run differential -- tailsql --seed 19
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { recordGolink } from './golink.js';
import { binaryFromEnv, REPO } from './processes.js';
import { recordTailsql } from './tailsql.js';


const PROGRAMS = {
  golink: { env: 'TAILYARD_GOLINK_BIN', record: recordGolink },
  tailsql: { env: 'TAILYARD_TAILSQL_BIN', record: recordTailsql },
};

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { seed: { type: 'string', default: '19' }, report: { type: 'string' } } });
  const names = positionals.length ? positionals : Object.keys(PROGRAMS);
  if (values.report && names.length > 1) throw new Error('--report names one file: record one program at a time');
  for (const name of names) {
    const program = PROGRAMS[name as keyof typeof PROGRAMS];
    if (!program) throw new Error(`unknown program "${name}" (known: ${Object.keys(PROGRAMS).join(', ')})`);
    const bin = binaryFromEnv(program.env, name);
    const workDir = mkdtempSync(join(tmpdir(), `tailyard-differential-${name}-`));
    const reportPath = values.report ?? join(REPO, `test/fixtures/oracle/${name}/generated-report.md`);
    try {
      process.stdout.write(`${await program.record({ bin, seed: Number(values.seed), workDir, reportPath })}\n`);
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
