/**
 * Where the recordings of the real upstream programs are: `TAILYARD_ORACLE_DIR` when set (to
 * replay other recordings of the same kinds), else the copy in `test/fixtures/oracle`. The
 * generated recordings (issue 19) always come from the repository: their lists of expected
 * differences name lines of exactly those files.
 *
 * @example const cases = readFileSync(join(oracleDir('golink'), 'cases.tsv'), 'utf8');
 */
import { join } from 'node:path';

const FIXTURES = join(import.meta.dirname, '../fixtures/oracle');

export function oracleDir(program: 'golink' | 'tailsql'): string {
  return join(process.env.TAILYARD_ORACLE_DIR || FIXTURES, program);
}

/** The folder of `generated.tsv` / `generated.jsonl`, written by scripts/differential. */
export function generatedOracleDir(program: 'golink' | 'tailsql'): string {
  return join(FIXTURES, program);
}
