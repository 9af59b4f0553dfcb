/**
 * The replicator, supervised by the platform as it supervises tailscaled: one `litestream
 * replicate` child replicating every app database and audit database of the data directory
 * (settings in `settings.ts`, its config in `litestream-config.ts`, how it is started and dies
 * with tailyard in `litestream.ts`).
 *
 * - Start-up fails, with a message saying what to do, when the binary is not Litestream v0.5.18,
 *   the credentials file cannot be read, or the replicator exits before it answers on its control
 *   socket (a config it refuses). A replica it cannot reach does not fail start-up: Litestream
 *   keeps retrying, and `/healthz` shows the lag growing.
 * - Afterwards, when it exits it is started again after a backoff (1 s, doubling to 1 min; back
 *   to 1 s once a run lasted a minute), with its config written again for the databases that
 *   exist then. Its log lines (JSON on stderr) go to tailyard's log under `litestream`.
 * - `health()` for `/healthz`: the state, and each database's last successful upload and the lag
 *   it bounds (`status.ts`); `/metrics` gets `tailyard_replication_*` (see {@link replicationMetrics}).
 * - `stop()` (on shutdown, after the apps closed their databases): SIGTERM, so Litestream uploads
 *   what it has not yet, then SIGKILL if it takes longer than its own shutdown sync timeout.
 *
 * @example
 *   const r = new ReplicationSupervisor({ settings, dataDir, databases: () => existing(), log });
 *   await r.start();
 *   … await r.health() …
 *   await r.stop();
 */
import fs from 'node:fs';
import path from 'node:path';
import { Counter, Gauge, type Registry } from 'prom-client';
import { ensurePrivateDir } from '../files.js';
import type { Logger } from '../logging.js';
import { litestreamConfig } from './litestream-config.js';
import { checkLitestreamVersion, killLeftover, type ParentDeath, parentDeathMethod, type Replicator, spawnReplicator, writePidfile } from './litestream.js';
import { replicatePaths } from './paths.js';
import { litestreamEnv, type ReplicateSettings, shownUrl } from './settings.js';
import { type DatabaseState, listDatabases, ping } from './status.js';

const BACKOFF_FIRST_MS = 1000;
const BACKOFF_MAX_MS = 60_000;
/** A run this long resets the backoff. */
const STABLE_MS = 60_000;
/** How long a start may take until the control socket answers. */
const START_TIMEOUT_MS = 30_000;
/** How long a stop waits for Litestream's final upload (its `shutdown-sync-timeout` is 10 s: litestream-config.ts). */
const STOP_TIMEOUT_MS = 15_000;
/** Stderr lines kept to explain an exit. */
const TAIL_LINES = 20;

export type ReplicationState = 'starting' | 'running' | 'restarting' | 'stopped';

/** One database on `/healthz`. */
export interface DatabaseHealth {
  status: string;
  /** RFC 3339. */
  lastSyncAt?: string;
  /** Seconds since the last successful upload: how far behind the replica can be. */
  lagSeconds?: number;
}

/** Replication on `/healthz`. */
export interface ReplicationHealth {
  state: ReplicationState;
  /** The replica (its URL without a query string). */
  url: string;
  pid?: number;
  restarts: number;
  /** How the last run ended, when it ended by itself. */
  lastExit?: string;
  databases: Record<string, DatabaseHealth>;
  /** Why the databases' state is unknown (the replicator does not answer). */
  error?: string;
}

export interface SupervisorOptions {
  settings: ReplicateSettings;
  dataDir: string;
  /** The database files to replicate now (absolute paths of files that exist). */
  databases: () => string[];
  log: Logger;
  /** tailyard's environment (default `process.env`): Litestream gets it plus the credentials file. */
  env?: NodeJS.ProcessEnv;
  /** Default: `setpriv` where it works (see litestream.ts). */
  parentDeath?: ParentDeath;
}

export class ReplicationSupervisor {
  readonly #o: SupervisorOptions;
  readonly #paths: ReturnType<typeof replicatePaths>;
  readonly #log: Logger;
  #env: NodeJS.ProcessEnv = {};
  #child: Replicator | undefined;
  #state: ReplicationState = 'stopped';
  #restarts = 0;
  #lastExit: string | undefined;
  #backoffMs = BACKOFF_FIRST_MS;
  #timer: NodeJS.Timeout | undefined;
  #stopping = false;
  #tail: string[] = [];

  constructor(o: SupervisorOptions) {
    this.#o = o;
    this.#paths = replicatePaths(o.dataDir);
    this.#log = o.log.child({ component: 'litestream' });
  }

  /** The running replicator's pid (its process group). */
  get pid(): number | undefined {
    return this.#child?.pid;
  }

  get restarts(): number {
    return this.#restarts;
  }

  /** Checks the binary and settings, kills a replicator left by an earlier run, and starts one (see the module comment). */
  async start(): Promise<void> {
    const { settings } = this.#o;
    await checkLitestreamVersion(settings.litestream);
    const { env, warnings } = litestreamEnv(settings, this.#o.env ?? process.env);
    this.#env = env;
    for (const w of warnings) this.#log.warn(w);
    ensurePrivateDir(this.#paths.dir, { tighten: true });
    const killed = await killLeftover(this.#paths.pidfile);
    if (killed !== undefined) this.#log.warn({ pid: killed }, 'killed a replicator left running by an earlier tailyard');
    this.#stopping = false;
    await this.#launch();
  }

  /** Starts the replicator and resolves once it answers on its socket; rejects if it exits first. */
  async #launch(): Promise<void> {
    this.#state = this.#restarts === 0 ? 'starting' : 'restarting';
    this.#tail = [];
    const databases = this.#o.databases();
    fs.writeFileSync(this.#paths.config, litestreamConfig(this.#o.settings, databases, this.#paths), { mode: 0o600 });
    const child = spawnReplicator({
      bin: this.#o.settings.litestream,
      config: this.#paths.config,
      env: this.#env,
      parentDeath: this.#o.parentDeath ?? parentDeathMethod(),
    });
    this.#child = child;
    const exited = new Promise<string>((resolve) => {
      child.once('exit', (code, signal) => resolve(signal ? `killed by ${signal}` : `exited with status ${code}`));
      // `on`, not `once`: a child can emit 'error' again (a signal that cannot be sent), and an
      // unheard one would take the process down.
      child.on('error', (err) => resolve(`could not start: ${err.message}`));
    });
    this.#forwardLog(child.stderr);
    this.#forwardLog(child.stdout);
    if (child.pid !== undefined) writePidfile(this.#paths.pidfile, child.pid);
    const startedAt = Date.now();
    let ready: boolean;
    try {
      ready = await Promise.race([this.#answering(child), exited.then(() => false)]);
    } catch (err) {
      if (child.pid !== undefined) signalGroup(child.pid, 'SIGKILL');
      ready = false;
      await exited;
      this.#tail.push((err as Error).message);
    }
    if (!ready) {
      const how = await exited;
      this.#child = undefined;
      fs.rmSync(this.#paths.pidfile, { force: true });
      throw new Error(`litestream ${how} before it was ready: ${this.#tail.join(' | ') || 'no output'}`);
    }
    this.#state = 'running';
    this.#log.info({ pid: child.pid, url: shownUrl(this.#o.settings.url), databases: databases.map((d) => path.basename(d)) }, 'replicating');
    void exited.then((how) => this.#exited(child, how, Date.now() - startedAt));
  }

  /** Waits (bounded) until the control socket of `child` answers; false once the child is gone. */
  async #answering(child: Replicator): Promise<boolean> {
    const deadline = Date.now() + START_TIMEOUT_MS;
    while (child.exitCode === null && child.signalCode === null) {
      try {
        await ping(this.#paths.socket, 500);
        return true;
      } catch {
        if (Date.now() > deadline) throw new Error(`litestream did not answer on ${this.#paths.socket} within ${START_TIMEOUT_MS} ms`);
        await new Promise((r) => setTimeout(r, 50));
      }
    }
    return false;
  }

  #exited(child: Replicator, how: string, ranMs: number): void {
    if (this.#child !== child) return;
    this.#child = undefined;
    this.#restartLater(how, ranMs);
  }

  /** Starts the replicator again after the backoff (see the module comment). */
  #restartLater(how: string, ranMs: number): void {
    if (this.#stopping) return;
    this.#lastExit = how;
    this.#backoffMs = ranMs >= STABLE_MS ? BACKOFF_FIRST_MS : this.#backoffMs;
    const wait = this.#backoffMs;
    this.#backoffMs = Math.min(this.#backoffMs * 2, BACKOFF_MAX_MS);
    this.#state = 'restarting';
    this.#log.error({ how, restartInMs: wait, output: this.#tail.slice(-5) }, 'litestream ended; restarting it');
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      if (this.#stopping) return;
      this.#restarts++;
      this.#launch().catch((err: unknown) => this.#restartLater((err as Error).message, 0));
    }, wait);
  }

  /** Forwards Litestream's JSON log lines to tailyard's log, keeping the last few for errors. */
  #forwardLog(stream: NodeJS.ReadableStream): void {
    let pending = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      pending += chunk;
      for (let nl = pending.indexOf('\n'); nl >= 0; nl = pending.indexOf('\n')) {
        const line = pending.slice(0, nl).trim();
        pending = pending.slice(nl + 1);
        if (line) this.#logLine(line);
      }
    });
  }

  #logLine(line: string): void {
    this.#tail.push(line);
    if (this.#tail.length > TAIL_LINES) this.#tail.shift();
    let entry: { level?: string; msg?: string; [k: string]: unknown };
    try {
      entry = JSON.parse(line) as typeof entry;
    } catch {
      this.#log.info({ line }, 'litestream output');
      return;
    }
    const { level, msg, time: _time, ...fields } = entry;
    const at = level === 'ERROR' ? 'error' : level === 'WARN' ? 'warn' : 'debug';
    this.#log[at](fields, String(msg ?? 'litestream'));
  }

  /** The state and each database's last upload (asked over the control socket; never throws). */
  async health(now = new Date()): Promise<ReplicationHealth> {
    const base: ReplicationHealth = {
      state: this.#state,
      url: shownUrl(this.#o.settings.url),
      ...(this.pid === undefined ? {} : { pid: this.pid }),
      restarts: this.#restarts,
      ...(this.#lastExit === undefined ? {} : { lastExit: this.#lastExit }),
      databases: {},
    };
    if (this.#state !== 'running') return base;
    let dbs: DatabaseState[];
    try {
      dbs = await listDatabases(this.#paths.socket);
    } catch (err) {
      return { ...base, error: (err as Error).message };
    }
    for (const d of dbs) {
      base.databases[d.name] = {
        status: d.status,
        ...(d.lastSyncAt ? { lastSyncAt: d.lastSyncAt.toISOString(), lagSeconds: Math.max(0, (now.getTime() - d.lastSyncAt.getTime()) / 1000) } : {}),
      };
    }
    return base;
  }

  /** Stops the replicator (see the module comment); idempotent. */
  async stop(): Promise<void> {
    this.#stopping = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    const child = this.#child;
    if (child?.pid !== undefined && child.exitCode === null && child.signalCode === null) {
      const gone = new Promise<void>((r) => child.once('exit', () => r()));
      signalGroup(child.pid, 'SIGTERM');
      const timer = setTimeout(() => signalGroup(child.pid as number, 'SIGKILL'), STOP_TIMEOUT_MS);
      await gone;
      clearTimeout(timer);
    }
    this.#child = undefined;
    this.#state = 'stopped';
    fs.rmSync(this.#paths.pidfile, { force: true });
  }
}

/** Signals a replicator's process group (its wrapper too, for the pipe method). */
function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}

/**
 * The replication metrics on the platform's registry, read from `supervisor` at scrape time:
 * `tailyard_replication_up`, `tailyard_replication_restarts_total`, and per database
 * `tailyard_replication_last_sync_timestamp_seconds` and `tailyard_replication_lag_seconds`.
 */
export function replicationMetrics(registry: Registry, supervisor: ReplicationSupervisor): void {
  let last: Promise<ReplicationHealth> | undefined;
  // One socket question per scrape, whichever metric asks first.
  const health = () => {
    last ??= supervisor.health().finally(() => setImmediate(() => (last = undefined)));
    return last;
  };
  new Gauge({
    name: 'tailyard_replication_up',
    help: 'Whether the replicator (Litestream) is running and answering: 1 or 0.',
    registers: [registry],
    async collect() {
      const h = await health();
      this.set(h.state === 'running' && h.error === undefined ? 1 : 0);
    },
  });
  new Counter({
    name: 'tailyard_replication_restarts_total',
    help: 'Times the replicator was started again after it ended.',
    registers: [registry],
    collect() {
      this.reset();
      this.inc(supervisor.restarts);
    },
  });
  new Gauge({
    name: 'tailyard_replication_last_sync_timestamp_seconds',
    help: 'When each database was last uploaded to the replica (Unix time).',
    labelNames: ['database'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const [name, d] of Object.entries((await health()).databases)) {
        if (d.lastSyncAt) this.set({ database: name }, Date.parse(d.lastSyncAt) / 1000);
      }
    },
  });
  new Gauge({
    name: 'tailyard_replication_lag_seconds',
    help: 'Seconds since each database was last uploaded to the replica: how far behind the replica can be.',
    labelNames: ['database'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const [name, d] of Object.entries((await health()).databases)) {
        if (d.lagSeconds !== undefined) this.set({ database: name }, d.lagSeconds);
      }
    },
  });
}
