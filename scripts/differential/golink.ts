/**
 * The golink differential run: the real golink (dev mode on loopback, a throwaway database, the
 * oracle snapshot) and tailyard's links app on the same snapshot get the same generated targets
 * on raw sockets; golink's answers become `generated.tsv`, and what tailyard answers otherwise
 * becomes the report and the replay test's expected differences.
 *
 * @example await recordGolink({ bin, seed: 19, workDir, reportPath });
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  describeGolink,
  formatGolinkLine,
  GOLINK_CATEGORIES,
  GOLINK_SILENCE_REASONS,
  type GolinkCase,
  golinkAnswer,
  golinkRequests,
  golinkSilence,
  sameGolinkAnswer,
} from '../../test/support/golink-generated.js';
import { exchange } from '../../test/support/raw-http.js';
import { planGolinkConnections } from './golink-targets.js';
import { freePort, REPO, type RunOptions, startTailyard, startUpstream } from './processes.js';
import { seedFile } from '../../test/support/oracle.js';
import { Random } from './random.js';
import { sampleByCategory } from './sample.js';
import { Tally } from './report.js';

const FIXTURES = join(REPO, 'test/fixtures/oracle/golink');

const listHeader = (seed: number, file: string) => `/**
 * golink's recorded answers (test/fixtures/oracle/golink/${file}, seed ${seed}) that tailyard does
 * not give, by category; the ids are lines of ${file}. Written by scripts/differential
 * (\`npm run differential -- golink --seed ${seed}\`). An entry whose comment starts with \`deliberate:\` is a
 * difference on purpose (docs/compatibility.md, golink); any other is still to fix. Remove an id
 * once its case matches: the replay test (generated-oracle.test.ts) fails until you do.
 */`;

export async function recordGolink(opts: RunOptions): Promise<string> {
  const snapshot = join(FIXTURES, 'snapshot.jsonl');
  const seen = new Set(
    readFileSync(join(FIXTURES, 'cases.tsv'), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => Buffer.from(l.split('\t')[0] ?? '', 'utf8').toString('latin1')),
  );
  const random = new Random(opts.seed);
  const plan = sampleByCategory(planGolinkConnections(random, seen), opts.count, random, (p) => p.category);
  const file = seedFile('generated', opts.seed, '.tsv');
  const differences = join(REPO, 'test/apps/links', seedFile('generated-differences', opts.seed, '.ts'));
  mkdirSync(join(opts.workDir, 'golink'), { recursive: true });
  const port = await freePort();
  const upstream = await startUpstream(opts.bin, ['--dev-listen', `127.0.0.1:${port}`, '--sqlitedb', join(opts.workDir, 'golink/golink.db'), '--snapshot', snapshot], {
    cwd: opts.workDir,
    port,
  });
  const ours = await startTailyard('links', ['--links-snapshot', snapshot, '--dev-login', 'foo@example.com'], { cwd: opts.workDir, dataDir: join(opts.workDir, 'tailyard') }).catch(
    async (err: unknown) => {
      await upstream.stop();
      throw err;
    },
  );
  const tally = new Tally(GOLINK_CATEGORIES);
  const lines: string[] = [];
  try {
    for (const [conn, planned] of plan.entries()) {
      const requests = golinkRequests(planned.targets);
      const [theirs, mine] = [await exchange(upstream.port, requests), await exchange(ours.port, requests)];
      const statuses = theirs.map((r) => golinkAnswer(r).status);
      planned.targets.forEach((target, i) => {
        const want = golinkAnswer(theirs[i]!);
        const got = golinkAnswer(mine[i]!);
        const c: Omit<GolinkCase, 'id'> = { target, ...want, category: planned.category, conn: conn + 1 };
        lines.push(formatGolinkLine(c));
        const note = describeGolink(target, want, got);
        const silence = golinkSilence(statuses, i);
        tally.add(planned.category, lines.length, sameGolinkAnswer(want, got), note, silence ? `${GOLINK_SILENCE_REASONS[silence]}: ${note}` : note);
      });
    }
  } finally {
    await Promise.all([upstream.stop(), ours.stop()]);
  }
  writeFileSync(join(FIXTURES, file), `${lines.join('\n')}\n`);
  writeFileSync(differences, tally.differenceModule(listHeader(opts.seed, file), "import type { GolinkCategory } from '../../support/golink-generated.js';", 'GolinkCategory'));
  const intro = [
    `Seed ${opts.seed}; ${plan.length} connections, ${lines.length} request targets (\`test/fixtures/oracle/golink/${file}\`).`,
    'Compared as cases.tsv: the status, and for a 302 the `Location` exactly. Status 0: no answer, the connection was closed —',
    'after an earlier answer that closed it, or (golink) a panic: an unknown short name that is not valid UTF-8 panics in its',
    'Prometheus label (`clickNotFound.WithLabelValues`), and Go drops the connection.',
  ];
  writeFileSync(opts.reportPath, tally.markdown('golink', intro));
  const { cases, same } = tally.total;
  return `golink: ${same}/${cases} same; wrote ${file}, ${differences}, ${opts.reportPath}`;
}
