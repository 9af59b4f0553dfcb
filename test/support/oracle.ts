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

/** The seed of the first generated recordings, whose files keep their unnumbered names. */
export const FIRST_SEED = 19;

/**
 * A generated recording's file name for a seed: `generated.jsonl` for seed 19, else
 * `generated-<seed>.jsonl` (the same for `.tsv`, the report's `-report.md` and the lists of
 * expected differences), so every seed's recording stays beside the others.
 *
 * @example seedFile('generated', 1907, '.tsv') // → 'generated-1907.tsv'
 */
export function seedFile(stem: string, seed: number, ext: string): string {
  return seed === FIRST_SEED ? `${stem}${ext}` : `${stem}-${seed}${ext}`;
}

/**
 * The generated recordings a replay test goes through: per seed, its file (`ext`: `.tsv` or
 * `.jsonl`), its cases and its list of expected differences.
 *
 * @example seedRecordings([[19, LIST_19], [1907, LIST_1907]], '.tsv', (file) => loadGolinkCases(dir, file))
 */
export function seedRecordings<L, C>(lists: readonly (readonly [number, L])[], ext: string, load: (file: string) => C[]): { seed: number; expected: L; file: string; cases: C[] }[] {
  return lists.map(([seed, expected]) => {
    const file = seedFile('generated', seed, ext);
    return { seed, expected, file, cases: load(file) };
  });
}
