/**
 * A throwaway PostgreSQL cluster for tests: `initdb` in a temp dir, started on a free loopback
 * port, removed by `stop()`. PostgreSQL refuses to run as root, so when the tests run as root the
 * cluster belongs to the unprivileged `postgres` system user (`runuser -u postgres`).
 *
 * Needs Debian's `postgresql` package (`/usr/lib/postgresql/<v>/bin`). Without it suites skip with
 * a loud message, unless TAILYARD_REQUIRE_POSTGRES=1 (CI), where a missing PostgreSQL fails.
 *
 * @example
 *   const pg = await startPostgres();
 *   pg.psql("CREATE ROLE reader LOGIN PASSWORD 'r'");
 *   const url = pg.url('reader', 'r');
 *   pg.halt(); pg.resume();   // a restart: sessions are terminated, the data stays
 *   await pg.stop();
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

/** The newest installed PostgreSQL's bin directory, or undefined. */
export function postgresBinDir(): string | undefined {
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return undefined;
  const versions = readdirSync(base)
    .filter((v) => existsSync(join(base, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(base, versions[0], 'bin') : undefined;
}

/**
 * Whether PostgreSQL tests can run; logs a loud skip, or throws when TAILYARD_REQUIRE_POSTGRES=1.
 */
export function postgresAvailable(suite: string): boolean {
  if (postgresBinDir() && existsSync('/usr/bin/psql')) return true;
  if (process.env.TAILYARD_REQUIRE_POSTGRES === '1') throw new Error('PostgreSQL (initdb, psql) is missing and TAILYARD_REQUIRE_POSTGRES=1');
  process.stderr.write(`\n*** SKIPPING ${suite}: PostgreSQL is not installed (apt-get install postgresql) ***\n\n`);
  return false;
}

export interface TestPostgres {
  port: number;
  /** A connection URL for `role` on database `db` (default `app`). */
  url(role: string, password: string, db?: string): string;
  /** Runs SQL as the cluster superuser (`postgres`) and returns psql's unaligned output. */
  psql(sql: string, db?: string): string;
  /** Shuts the server down (`pg_ctl stop -m fast`: open sessions are terminated), keeping its files. */
  halt(): void;
  /** Starts a halted server again, on the same port. */
  resume(): void;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

export async function startPostgres(): Promise<TestPostgres> {
  const bin = postgresBinDir();
  if (!bin) throw new Error('PostgreSQL is not installed');
  const root = mkdtempSync(join(tmpdir(), 'tailyard-pg-'));
  const data = join(root, 'data');
  const asRoot = userInfo().uid === 0;
  let owner: { uid: number; gid: number } | undefined;
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    owner = { uid, gid };
    chmodSync(root, 0o700);
    chownSync(root, uid, gid);
  }
  const run = (cmd: string, args: string[]) =>
    asRoot ? execFileSync('runuser', ['-u', 'postgres', '--', join(bin, cmd), ...args], { stdio: 'pipe' }) : execFileSync(join(bin, cmd), args, { stdio: 'pipe' });
  const port = await freePort();
  let running = false;
  const start = () => {
    const opts = `-p ${port} -k ${join(root, 'sock')} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off`;
    run('pg_ctl', ['-D', data, '-o', opts, '-l', join(root, 'log'), '-w', '-t', '60', 'start']);
    running = true;
  };
  try {
    run('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
    mkdirSync(join(root, 'sock'));
    if (owner) chownSync(join(root, 'sock'), owner.uid, owner.gid);
    start();
  } catch (err) {
    rmSync(root, { recursive: true, force: true });
    throw new Error(`cannot start PostgreSQL: ${(err as { stderr?: Buffer }).stderr?.toString() ?? (err as Error).message}`);
  }
  const psql = (sql: string, db = 'postgres') =>
    execFileSync('psql', ['-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-d', db, '-c', sql], {
      stdio: 'pipe',
    }).toString();
  psql('CREATE DATABASE app');
  return {
    port,
    url: (role, password, db = 'app') => `postgres://${encodeURIComponent(role)}:${encodeURIComponent(password)}@127.0.0.1:${port}/${db}`,
    psql,
    halt: () => {
      run('pg_ctl', ['-D', data, '-m', 'fast', '-w', '-t', '60', 'stop']);
      running = false;
    },
    resume: start,
    stop: async () => {
      try {
        if (running) run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(root, { recursive: true, force: true });
      }
    },
  };
}
