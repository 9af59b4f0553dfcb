/**
 * `npm run compat:fixture [-- --out DIR]`: writes the golden fixture set of this build (default
 * `test/compat/<package.json version>/`, replacing what is there), for every later release's
 * replay test (`test/compat/replay.test.ts`).
 *
 * In a scratch directory it writes the config and the files it names (fixture-config.ts), runs
 * this build's `tailyard serve` twice under a fixed clock to populate every app through its HTTP
 * API and CLI (populate.ts), takes the exports (golink JSON Lines, a backup), and copies that —
 * data directory, key files, config, exports — into the fixture set. Then it serves the same
 * data at the fixture's time and records what a client does with it (exercise.ts) as
 * `transcript.jsonl`, and writes `fixture.json` (version, commit, clock). Random values differ
 * from one run to the next; everything else, timestamps included, comes out the same.
 *
 * @example npm run compat:fixture -- --out test/compat/1.0.0
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { builtInApps } from '../../src/suite.js';
import { exercise } from './exercise.js';
import { FIXTURE_INPUTS, missingKeys, PORT_ARGS, writeFixtureFiles } from './fixture-config.js';
import { AMY_AT, BOB_AT, FIXTURE_AT, populateAsAmy, populateAsBob, type State } from './populate.js';
import { packageVersion, repoRoot, runCli, startSuite } from './suite-process.js';
import { type Place, Session } from './transcript.js';

/** What a fixture set says about itself (`fixture.json`); the replay reads `clock` and `serveArgs`. */
export interface FixtureManifest {
  version: string;
  commit: string;
  /** The time the transcript was recorded at, and is replayed at. */
  clock: string;
  /** `tailyard serve` arguments, with `{{work}}` for the copy of the fixture set. */
  serveArgs: string[];
  written: { bob: string; amy: string };
  /** Files the population read besides the config (FIXTURE_INPUTS). */
  inputs: string[];
}

const SERVE_ARGS = ['--config', '{{work}}/config.hujson', ...PORT_ARGS];

/** Serves `work` at `clock` while `body` runs, with a session on it. */
async function withSuite<T>(repo: string, work: string, clock: string, extraArgs: string[], body: (s: Session, p: Place) => Promise<T>): Promise<T> {
  const suite = { repo, clock, cwd: work };
  const running = await startSuite(suite, [...SERVE_ARGS.map((a) => a.replaceAll('{{work}}', work)), ...extraArgs]);
  const place: Place = { urls: running.urls, work, suite };
  try {
    return await body(new Session(place), place);
  } catch (err) {
    throw new Error(`${(err as Error).message}\n--- server output ---\n${running.output()}`);
  } finally {
    await running.stop();
  }
}

async function main(): Promise<void> {
  const repo = repoRoot(import.meta.dirname);
  const version = packageVersion(repo);
  const { values } = parseArgs({ options: { out: { type: 'string' } } });
  const out = resolve(values.out ?? join(repo, 'test/compat', version));
  const work = mkdtempSync(join(tmpdir(), 'tailyard-fixture-'));
  try {
    chmodSync(work, 0o700);
    writeFixtureFiles(work);
    mkdirSync(join(work, 'data'), { mode: 0o700 });
    mkdirSync(join(work, 'exports'));
    const missing = missingKeys(Object.fromEntries(builtInApps.map((a) => [a.id, a.configSchema])));
    if (missing.length) process.stderr.write(`compat:fixture: warning: the fixture config does not set ${missing.join(', ')}; add them to scripts/compat/fixture-config.ts\n`);

    const bob = await withSuite(repo, work, BOB_AT, ['--dev-login', 'bob@example.com'], (s) => populateAsBob(s));
    const state: State = await withSuite(repo, work, AMY_AT, [], async (s, p) => {
      const st = await populateAsAmy(s, bob);
      const exported = await s.http('export links', { app: 'links', method: 'GET', path: '/.export' });
      writeFileSync(join(work, 'exports/links.jsonl'), (exported.body ?? '').replaceAll('{{work}}', p.work));
      return st;
    });
    const backup = await runCli({ repo, clock: AMY_AT, cwd: work }, ['backup', join(work, 'exports/backup'), '--config', join(work, 'config.hujson')]);
    if (backup.exit !== 0) throw new Error(`tailyard backup failed: ${backup.stderr}`);

    // The fixture set is the state before the recorded part, which changes it.
    rmSync(out, { recursive: true, force: true });
    // Lock files say which process held the directory last (a pid, ports): noise, not data.
    cpSync(work, out, { recursive: true, filter: (src) => !src.endsWith('.lock') });

    const transcript = await withSuite(repo, work, FIXTURE_AT, [], async (s) => {
      await exercise(s, state);
      return s.jsonl();
    });
    writeFileSync(join(out, 'transcript.jsonl'), transcript);
    const manifest: FixtureManifest = { version, commit: commitOf(repo), clock: FIXTURE_AT, serveArgs: SERVE_ARGS, written: { bob: BOB_AT, amy: AMY_AT }, inputs: FIXTURE_INPUTS };
    writeFileSync(join(out, 'fixture.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    process.stdout.write(`fixture set of ${version} written to ${out} (${transcript.split('\n').length - 1} transcript entries)\n`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function commitOf(repo: string): string {
  if (!existsSync(join(repo, '.git'))) return 'unknown';
  const head = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: repo, encoding: 'utf8' }).trim();
  const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: repo, encoding: 'utf8' }).trim() !== '';
  return dirty ? `${head}+changes` : head;
}

main().catch((err: unknown) => {
  process.stderr.write(`compat:fixture: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
