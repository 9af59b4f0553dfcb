/**
 * Every committed fixture set (`test/compat/<version>/`, written by `npm run compat:fixture` from
 * that release's build) opens with HEAD and answers its transcript as that release did.
 *
 * Per set: a copy (git keeps no file modes: the data directory is made private again, as it was
 * when written) is served by this checkout's build under the fixture's clock, one start per set,
 * and each recorded request and CLI run is replayed and compared (scripts/compat/compare.ts:
 * random values by shape, HTML by status and type, all else exactly). Every file of the set is
 * then held to what it is — a database opens and passes its integrity check at a schema version
 * HEAD knows, a config validates, a backup restores, a golink export resolves, audit logs verify
 * — and a file that is none of these must be named by the config, the transcript or the
 * manifest's `inputs`, so a set
 * cannot carry something no check reads. A set without its transcript or manifest fails.
 *
 * Needs `npm run build` (as `npm test` does): the replay runs `bin/tailyard.js`.
 */
import { chmodSync, cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareCli, compareHttp } from '../../scripts/compat/compare.js';
import { type RunningSuite, repoRoot, runCli, type SuiteOptions, startSuite } from '../../scripts/compat/suite-process.js';
import { type Entry, parseTranscript, type Place, runRecordedCli, sendHttp } from '../../scripts/compat/transcript.js';
import type { FixtureManifest } from '../../scripts/compat/write-fixture.js';
import { MANIFEST as BACKUP_MANIFEST } from '../../src/platform/backup.js';
import { builtInApps } from '../../src/suite.js';

const HERE = import.meta.dirname;
const REPO = repoRoot(HERE);
const SETS = readdirSync(HERE, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name);

/** A private copy of a fixture set. */
function copySet(set: string): string {
  const work = mkdtempSync(join(tmpdir(), `tailyard-compat-${set}-`));
  cpSync(join(HERE, set), work, { recursive: true });
  privatise(work);
  return work;
}

function privatise(dir: string): void {
  chmodSync(dir, 0o700);
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, e.name);
    if (e.isDirectory()) privatise(path);
    else chmodSync(path, 0o600);
  }
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)]));
}

/** The newest schema version HEAD migrates each app's database to. */
const LATEST = Object.fromEntries(builtInApps.map((a) => [a.id, Math.max(0, ...a.migrations.map((m) => m.version))]));

it('test/compat holds at least one fixture set', () => {
  expect(SETS.length, 'write one with npm run compat:fixture').toBeGreaterThan(0);
});

describe.each(SETS)('fixture set %s', (set) => {
  const dir = join(HERE, set);
  const manifestFile = join(dir, 'fixture.json');
  const transcriptFile = join(dir, 'transcript.jsonl');
  const complete = existsSync(manifestFile) && existsSync(transcriptFile);

  it('has its manifest and transcript', () => {
    expect(existsSync(transcriptFile), `${relative(REPO, transcriptFile)} is missing: rewrite the set with npm run compat:fixture`).toBe(true);
    expect(existsSync(manifestFile), `${relative(REPO, manifestFile)} is missing: rewrite the set with npm run compat:fixture`).toBe(true);
  });

  describe.runIf(complete)('with HEAD', () => {
    const manifest = complete ? (JSON.parse(readFileSync(manifestFile, 'utf8')) as FixtureManifest) : undefined;
    const entries: Entry[] = complete ? parseTranscript(readFileSync(transcriptFile, 'utf8'), transcriptFile) : [];
    const scratch: string[] = [];
    let work: string;
    let suite: SuiteOptions;
    let running: RunningSuite;
    let place: Place;

    beforeAll(async () => {
      work = copySet(set);
      scratch.push(work);
      suite = { repo: REPO, clock: manifest?.clock ?? '', cwd: work };
      running = await startSuite(
        suite,
        (manifest?.serveArgs ?? []).map((a) => a.replaceAll('{{work}}', work)),
      );
      place = { urls: running.urls, work, suite };
    }, 60_000);
    afterAll(async () => {
      await running?.stop();
      for (const d of scratch) rmSync(d, { recursive: true, force: true });
    });

    it('answers its transcript as the release did', async () => {
      const diffs: string[] = [];
      for (const [i, e] of entries.entries()) {
        const found = e.kind === 'http' ? compareHttp(e.answer, await sendHttp(e.request, place)) : compareCli(e.answer, await runRecordedCli(e.args, e.stdin, place));
        const what = e.kind === 'http' ? `${e.request.method} ${e.request.path}` : `tailyard ${e.args.join(' ')}`;
        diffs.push(...found.map((d) => `#${i + 1} ${e.note} (${what}): ${d}`));
      }
      expect(diffs, `${diffs.length} of the answers differ from ${manifest?.version}'s\n${running.output()}`).toEqual([]);
    }, 180_000);

    it('holds only files HEAD understands', async () => {
      const pristine = copySet(set);
      scratch.push(pristine);
      const named = ['config.hujson', 'transcript.jsonl', 'fixture.json'].map((f) => readFileSync(join(pristine, f), 'utf8')).join('\n');
      const cli = (args: string[]) => runCli({ ...suite, cwd: pristine }, args);
      const problems: string[] = [];
      // A backup (a directory with a manifest) is checked whole: it must restore.
      const all = filesUnder(pristine).map((f) => relative(pristine, f));
      const backups = all.filter((f) => f.endsWith(`/${BACKUP_MANIFEST}`)).map((f) => f.slice(0, -BACKUP_MANIFEST.length - 1));
      for (const b of backups) {
        const r = await cli(['restore', join(pristine, b), '--data', join(pristine, `${b}.restored`)]);
        if (r.exit !== 0) problems.push(`${b}: tailyard restore failed: ${r.stderr}`);
      }
      const checked = new Map<string, Promise<string | undefined>>();
      for (const rel of all.filter((f) => !backups.some((b) => f.startsWith(`${b}/`)))) {
        const problem = await checkFile(pristine, rel, named, cli, checked);
        if (problem) problems.push(`${rel}: ${problem}`);
      }
      expect(problems).toEqual([]);
    }, 120_000);
  });
});

type Cli = (args: string[]) => Promise<{ exit: number; stdout: string; stderr: string }>;

/** What is wrong with one file of a set, judged by what it is; undefined when nothing. */
async function checkFile(root: string, rel: string, named: string, cli: Cli, verified: Map<string, Promise<string | undefined>>): Promise<string | undefined> {
  const path = join(root, rel);
  const name = rel.split('/').at(-1) ?? rel;
  if (name === 'fixture.json' || name === 'transcript.jsonl') return undefined;
  if (name === 'tailyard.lock' || name.endsWith('.lock')) return undefined; // held while serving; empty or stale is fine
  if (isSqlite(path)) return checkDatabase(path, name);
  if (/\.audit\.jsonl(\.\d+)?$/.test(name)) {
    // One verification per data directory: it checks every app's log there.
    const dir = join(root, rel.split('/').slice(0, -1).join('/'));
    if (!verified.has(dir)) verified.set(dir, cli(['audit', 'verify', '--data', dir]).then((r) => (r.exit === 0 ? undefined : `tailyard audit verify failed: ${r.stderr}`)));
    return verified.get(dir);
  }
  if (name.endsWith('.hujson')) {
    const r = await cli(['config', 'check', path]);
    return r.exit === 0 ? undefined : `tailyard config check failed: ${r.stderr}`;
  }
  if (rel.startsWith('exports/') && name.endsWith('.jsonl')) {
    const first = JSON.parse(readFileSync(path, 'utf8').split('\n')[0] ?? '{}') as { Short?: string };
    const r = await cli(['links', 'resolve', `go/${first.Short ?? ''}`, '--from-backup', path]);
    return r.exit === 0 ? undefined : `a golink export that does not resolve: ${r.stderr}`;
  }
  if (/\.key(\.retired-[0-9a-f]+)?$/.test(name)) {
    return statSync(path).size > 0 ? undefined : 'an empty key file';
  }
  return named.includes(name) ? undefined : 'neither a known kind of file nor named by the config or the transcript: add a check for it here';
}

function isSqlite(path: string): boolean {
  return readFileSync(path).subarray(0, 16).toString('latin1') === 'SQLite format 3\0';
}

function checkDatabase(path: string, name: string): string | undefined {
  const db = new Database(path);
  try {
    const ok = db.pragma('integrity_check', { simple: true });
    if (ok !== 'ok') return `integrity check: ${String(ok)}`;
    const app = name.replace(/\.db$/, '');
    const version = db.pragma('user_version', { simple: true }) as number;
    const latest = LATEST[app];
    if (latest !== undefined && version > latest) return `schema version ${version} is newer than HEAD's ${latest}`;
    return undefined;
  } finally {
    db.close();
  }
}
