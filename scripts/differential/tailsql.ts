/**
 * The tailsql differential run: the real tailsql (`--local`, loopback) and tailyard's SQL console
 * on the same config (generated.hujson) and the same database files get the same generated
 * requests, one at a time (tailsql holds one lock per source, so a query that runs into the
 * timeout would otherwise stall the requests beside it); tailsql's answers become
 * `generated.jsonl`, and what tailyard answers otherwise becomes the report and the replay
 * test's expected differences.
 *
 * @example await recordTailsql({ bin, seed: 19, workDir, reportPath });
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { exchange } from '../../test/support/raw-http.js';
import {
  describeTailsql,
  formatTailsqlLine,
  TAILSQL_CATEGORIES,
  type TailsqlCategory,
  tailsqlAnswer,
  tailsqlDifference,
  tailsqlRequest,
  generatedWorkspace,
} from '../../test/support/tailsql-generated.js';
import { freePort, REPO, type RunOptions, startTailyard, startUpstream } from './processes.js';
import { seedFile } from '../../test/support/oracle.js';
import { Random } from './random.js';
import { sampleByCategory } from './sample.js';
import { Tally } from './report.js';
import { planTailsqlRequests } from './tailsql-requests.js';

const FIXTURES = join(REPO, 'test/fixtures/oracle/tailsql');

const listHeader = (seed: number, file: string) => `/**
 * tailsql's recorded answers (test/fixtures/oracle/tailsql/${file}, seed ${seed})
 * that tailyard does not give yet (issue 19), by category; the ids are lines of ${file}. Written by
 * scripts/differential (\`npm run differential -- tailsql --seed ${seed}\`). Remove an id once
 * its case matches: the replay test (generated-oracle.test.ts) fails until you do, so this list
 * only shrinks. The ids left are deliberate or known differences; each category's reason, as
 * docs/compatibility.md (tailsql) gives it, heads its list (REASONS in
 * scripts/differential/tailsql.ts).
 */`;

const READ_ONLY = 'Deliberate: read-only refusals are made before SQLite sees the text and name the reason (docs/compatibility.md, tailsql).';

/** Why each category's remaining cases differ (docs/compatibility.md, tailsql): the comment heading its list. */
const REASONS: Partial<Record<TailsqlCategory, string>> = {
  ordinary: READ_ONLY,
  'multi-statement': READ_ONLY,
  'scan-error': "Deliberate: a value over SQLite's length limit is reported as an error, where tailsql's SQLite answers NULL (docs/compatibility.md, tailsql).",
  'unparseable-query-string':
    "Deliberate: a query's bytes that are not UTF-8 reach SQLite as U+FFFD (the driver takes UTF-8 text only): a literal returns U+FFFD, an error quotes U+FFFD (docs/compatibility.md, tailsql).",
  pragma: "Deliberate: query_only is a read-only gate, and readers wait 5 s for a writer's lock (docs/compatibility.md, tailsql).",
  'double-quoted-literal': 'Deliberate: better-sqlite3 is built with SQLITE_DQS=0 and cannot enable them (docs/compatibility.md, tailsql).',
  'row-cap': 'Deliberate: exports stream the whole result; there is no silent 10 000-row cap (docs/compatibility.md, tailsql).',
};

export async function recordTailsql(opts: RunOptions): Promise<string> {
  const random = new Random(opts.seed);
  const plan = sampleByCategory(planTailsqlRequests(random), opts.count, random, (p) => p.category);
  const file = seedFile('generated', opts.seed, '.jsonl');
  const differences = join(REPO, 'test/apps/sql', seedFile('generated-differences', opts.seed, '.ts'));
  // Relative `file:DATA/…` URLs resolve against the working directory, in both programs.
  const { config } = generatedWorkspace(FIXTURES, opts.workDir);
  const port = await freePort();
  const upstream = await startUpstream(opts.bin, ['--config', config, '--local', String(port)], { cwd: opts.workDir, port });
  const ours = await startTailyard('sql', ['--sql-config', config], { cwd: opts.workDir, dataDir: join(opts.workDir, 'tailyard') }).catch(async (err: unknown) => {
    await upstream.stop();
    throw err;
  });
  const tally = new Tally(TAILSQL_CATEGORIES);
  const lines: string[] = [];
  try {
    for (const { category, request } of plan) {
      const [theirs] = await exchange(upstream.port, [tailsqlRequest(request)]);
      const [mine] = await exchange(ours.port, [tailsqlRequest(request)]);
      const want = tailsqlAnswer(theirs!);
      const got = tailsqlAnswer(mine!);
      lines.push(formatTailsqlLine({ category, ...request, ...want }));
      tally.add(category, lines.length, tailsqlDifference(want, got) === undefined, describeTailsql(request, want, got), describeTailsql(request, want, got, 40));
    }
  } finally {
    await Promise.all([upstream.stop(), ours.stop()]);
  }
  writeFileSync(join(FIXTURES, file), `${lines.join('\n')}\n`);
  writeFileSync(differences, tally.differenceModule(listHeader(opts.seed, file), "import type { TailsqlCategory } from '../../support/tailsql-generated.js';", 'TailsqlCategory', REASONS));
  const intro = [
    `Seed ${opts.seed}; ${lines.length} requests (\`test/fixtures/oracle/tailsql/${file}\`), config \`generated.hujson\` (main, other and the odd-values source).`,
    'Compared: status, Content-Type (for pages the media type only), Location, and the body byte for byte; pages by what they show (error, column names, cell texts).',
  ];
  writeFileSync(opts.reportPath, tally.markdown('tailsql', intro));
  const { cases, same } = tally.total;
  return `tailsql: ${same}/${cases} same; wrote ${file}, ${differences}, ${opts.reportPath}`;
}
