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
  tailsqlAnswer,
  tailsqlDifference,
  tailsqlRequest,
  generatedWorkspace,
} from '../../test/support/tailsql-generated.js';
import { freePort, REPO, type RunOptions, startTailyard, startUpstream } from './processes.js';
import { Random } from './random.js';
import { Tally } from './report.js';
import { planTailsqlRequests } from './tailsql-requests.js';

const FIXTURES = join(REPO, 'test/fixtures/oracle/tailsql');
const DIFFERENCES = join(REPO, 'test/apps/sql/generated-differences.ts');

const LIST_HEADER = `/**
 * tailsql's recorded answers (test/fixtures/oracle/tailsql/generated.jsonl) that tailyard does not
 * give yet (issue 19), by category; the ids are lines of generated.jsonl. Written by
 * scripts/differential (\`npm run differential -- tailsql\`). Remove an id once its case matches
 * (or move a deliberate difference to the documented ones): the replay test
 * (generated-oracle.test.ts) fails until you do, so this list only shrinks.
 */`;

export async function recordTailsql(opts: RunOptions): Promise<string> {
  const plan = planTailsqlRequests(new Random(opts.seed));
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
  writeFileSync(join(FIXTURES, 'generated.jsonl'), `${lines.join('\n')}\n`);
  writeFileSync(DIFFERENCES, tally.differenceModule(LIST_HEADER, "import type { TailsqlCategory } from '../../support/tailsql-generated.js';", 'TailsqlCategory'));
  const intro = [
    `Seed ${opts.seed}; ${lines.length} requests (\`test/fixtures/oracle/tailsql/generated.jsonl\`), config \`generated.hujson\` (main, other and the odd-values source).`,
    'Compared: status, Content-Type (for pages the media type only), Location, and the body byte for byte; pages by what they show (error, column names, cell texts).',
  ];
  writeFileSync(opts.reportPath, tally.markdown('tailsql', intro));
  const { cases, same } = tally.total;
  return `tailsql: ${same}/${cases} same; wrote generated.jsonl, ${DIFFERENCES}, ${opts.reportPath}`;
}
