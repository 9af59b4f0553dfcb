/**
 * Where the recordings of the real upstream programs are: `TAILYARD_ORACLE_DIR` when set (to
 * replay other recordings of the same kinds), else the copy in `test/fixtures/oracle`.
 *
 * @example const cases = readFileSync(join(oracleDir('golink'), 'cases.tsv'), 'utf8');
 */
import { join } from 'node:path';

export function oracleDir(program: 'golink' | 'tailsql'): string {
  return join(process.env.TAILYARD_ORACLE_DIR || join(import.meta.dirname, '../fixtures/oracle'), program);
}
