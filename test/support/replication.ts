/**
 * Replication in tests: the pinned Litestream and the S3-compatible store (versitygw) built by
 * `scripts/build-test-binaries.sh` (`TAILYARD_REPLICATION_BIN` overrides where), a versitygw
 * started on a free loopback port over a temporary directory, and the processes of a data
 * directory's replicator.
 *
 * Without the binaries the suites skip with a loud message, unless TAILYARD_REQUIRE_REPLICATION=1
 * (CI), where a missing binary fails.
 *
 * @example
 *   const bins = replicationBinaries('the replication suite');
 *   const s3 = await startVersitygw(bins.versitygw);
 *   // replicate.url = s3.url, replicate.endpoint = s3.endpoint, credentials in s3.credentialsFile
 *   await s3.stop();
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export interface ReplicationBinaries {
  litestream: string;
  versitygw: string;
}

/** The binaries' directory: `TAILYARD_REPLICATION_BIN`, else the build script's cache. */
function binDir(): string {
  if (process.env.TAILYARD_REPLICATION_BIN) return process.env.TAILYARD_REPLICATION_BIN;
  const script = resolve(import.meta.dirname, '../../scripts/build-test-binaries.sh');
  try {
    return execFileSync('bash', [script, '--print-replication-dir'], { encoding: 'utf8' }).trim();
  } catch (err) {
    return String((err as { stdout?: string }).stdout ?? '').trim();
  }
}

/**
 * The binaries, or undefined (with a loud skip message) when they are missing; throws instead
 * when TAILYARD_REQUIRE_REPLICATION=1.
 */
export function replicationBinaries(suite: string): ReplicationBinaries | undefined {
  const dir = binDir();
  const bins = { litestream: join(dir, 'litestream'), versitygw: join(dir, 'versitygw') };
  const missing = Object.entries(bins).filter(([, p]) => !dir || !existsSync(p));
  if (missing.length === 0) return bins;
  const reason = `${missing.map(([n]) => n).join(' and ')} missing in ${dir || '(no cache dir)'}; build them with scripts/build-test-binaries.sh (needs Go)`;
  if (process.env.TAILYARD_REQUIRE_REPLICATION === '1') throw new Error(`${reason}, and TAILYARD_REQUIRE_REPLICATION=1`);
  process.stderr.write(`\n${'!'.repeat(100)}\n!!! SKIPPING ${suite}: ${reason}\n${'!'.repeat(100)}\n\n`);
  return undefined;
}

/** A free loopback TCP port (the listener is closed again: used at once, it stays free). */
export async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const { port } = srv.address() as { port: number };
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

export interface S3Store {
  /** The replica URL in its bucket, e.g. `s3://tailyard/prod`. */
  url: string;
  /** `http://127.0.0.1:<port>` */
  endpoint: string;
  /** A 0600 env file with the access key and secret, as `replicate.credentialsFile` takes it. */
  credentialsFile: string;
  accessKey: string;
  secretKey: string;
  /** Where the bucket's objects are on disk (versitygw's posix backend). */
  root: string;
  stop(): Promise<void>;
}

/**
 * Starts versitygw (posix backend over a temporary directory, bucket `tailyard`) and resolves
 * once it answers S3 requests.
 */
export async function startVersitygw(bin: string): Promise<S3Store> {
  const dir = mkdtempSync(join(tmpdir(), 'tailyard-s3-'));
  const root = join(dir, 'root');
  mkdirSync(join(root, 'tailyard'), { recursive: true, mode: 0o700 });
  const accessKey = 'tailyard-test';
  const secretKey = 'tailyard-test-secret-do-not-log';
  const credentialsFile = join(dir, 'replica.env');
  writeFileSync(credentialsFile, `# the test store's root user\nLITESTREAM_ACCESS_KEY_ID=${accessKey}\nLITESTREAM_SECRET_ACCESS_KEY=${secretKey}\n`, { mode: 0o600 });
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const child = spawn(bin, ['--port', `127.0.0.1:${port}`, '--access', accessKey, '--secret', secretKey, '--quiet', 'posix', root], { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr?.on('data', (d: Buffer) => {
      err += d.toString();
    });
    const endpoint = `http://127.0.0.1:${port}`;
    if (await answering(endpoint, child)) {
      return {
        url: 's3://tailyard/prod',
        endpoint,
        credentialsFile,
        accessKey,
        secretKey,
        root,
        stop: async () => {
          if (child.exitCode === null && child.signalCode === null) {
            const gone = new Promise((r) => child.once('exit', r));
            child.kill('SIGTERM');
            await gone;
          }
          rmSync(dir, { recursive: true, force: true });
        },
      };
    }
    if (attempt === 3) throw new Error(`versitygw did not start: ${err.slice(-2000)}`);
  }
}

/** Waits (bounded) until `endpoint` answers HTTP; false once the process is gone. */
async function answering(endpoint: string, child: ChildProcess): Promise<boolean> {
  for (let i = 0; i < 300 && child.exitCode === null; i++) {
    try {
      await fetch(endpoint);
      return true;
    } catch {
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  return false;
}

/** The processes whose command line names `needle` (Linux /proc): how many replicators run on a config. */
export function processesNaming(needle: string): number[] {
  const out: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const state = readFileSync(`/proc/${name}/stat`, 'utf8');
      if (state.slice(state.lastIndexOf(')') + 2).startsWith('Z')) continue;
      if (readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0').includes(needle)) out.push(Number(name));
    } catch {
      // gone while listing
    }
  }
  return out;
}

/** The pid the replicator's pidfile in `dataDir` names. */
export function replicatorPid(dataDir: string): number {
  return (JSON.parse(readFileSync(join(dataDir, 'replicate', 'litestream.pid'), 'utf8')) as { pid: number }).pid;
}

/** Resolves once process `pid` is gone (bounded: 10 s). */
export async function gone(pid: number): Promise<boolean> {
  for (let i = 0; i < 1000; i++) {
    try {
      const state = readFileSync(`/proc/${pid}/stat`, 'utf8');
      if (state.slice(state.lastIndexOf(')') + 2).startsWith('Z')) return true;
    } catch {
      return true;
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  return false;
}
