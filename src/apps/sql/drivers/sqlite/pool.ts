/**
 * A small pool of SQLite runner processes (see `runner.ts`): each runs one request at a time and
 * stays alive across requests (its connections and statement cache with it); a runner whose
 * query is stopped early is killed with SIGKILL and replaced on a later request.
 *
 * Runners are shared fairly (see `fair-queue.ts`): one caller holds at most `size - 1` of them
 * (at least one), the rest of its requests wait in its own bounded queue, and waiting callers
 * take turns. A caller over its queue bound gets 429; all queues full, 503.
 *
 * Runners start lazily, so a tailyard without SQLite sources, or one nobody queries, spends
 * nothing on them.
 *
 * @example
 *   const pool = new SqlitePool({ size: 2, protectedFiles, log });
 *   const job = await pool.start(request, signal, 'amy@example.com'); // frames in order via job.next()
 */
import { type ChildProcess, spawn } from 'node:child_process';
import type { Readable } from 'node:stream';
import type { Logger } from 'pino';
import { QueryError } from '../types.js';
import { runnerEntry } from './entry.js';
import type { PrivateFile } from '../../../../platform/suite-view.js';
import { FairQueue } from './fair-queue.js';
import { type JobRunner, RunnerJob } from './job.js';
import type { RunnerRequest } from './protocol.js';

export interface PoolOptions {
  size: number;
  /** Files no runner may open (`ctx.suite.privateFiles()`: the secrets and identity databases…). */
  protectedFiles: readonly PrivateFile[];
  log: Pick<Logger, 'warn' | 'error'>;
  /** Requests one caller may have waiting (default 16). */
  queuedPerCaller?: number;
  /** Requests all callers may have waiting together (default 256). */
  queuedTotal?: number;
}

/** After this many runners in a row die on their own, requests fail instead of spawning more. */
const MAX_CRASHES = 3;
/** The longest pause between start attempts once runners keep dying on start. */
const CRASH_BACKOFF_MAX_MS = 30_000;

/** What the pool reports about itself (metrics, tests). */
export interface PoolStats {
  /** Runner processes alive (or killed and not yet gone). */
  runners: number;
  /** Runners working on a request. */
  busy: number;
  /** Requests waiting for a runner. */
  queued: number;
  /** Busy runners whose reader is behind, so their pipe is paused (a slow client). */
  paused: number;
  /** Bytes received from runners and not yet read. */
  buffered: number;
}

class Runner implements JobRunner {
  readonly child: ChildProcess;
  job: RunnerJob | undefined;
  /** Whose request the runner is working on (undefined when idle). */
  owner: string | undefined;
  dead = false;
  /** Killed by the pool (a stopped query), as opposed to dying on its own. */
  killed = false;
  served = false;
  #forgotten = false;

  constructor(
    private readonly pool: SqlitePool,
    entry: string,
    protectedFiles: readonly PrivateFile[],
  ) {
    this.child = spawn(process.execPath, [entry], { stdio: ['ignore', 'inherit', 'inherit', 'pipe', 'ipc'], serialization: 'json' });
    this.child.on('error', (err) => {
      this.pool.log.error({ err: err.message }, 'SQLite runner failed');
      // A process that never started sends no 'exit'.
      if (this.child.pid === undefined) this.#gone(`could not start: ${err.message}`);
    });
    this.child.on('exit', (code, signal) => this.#gone(signal ?? `exit ${code}`));
    this.child.send({ op: 'init', protectedFiles });
    const pipe = this.#pipe();
    pipe.on('data', (chunk: Buffer) => {
      this.served = true;
      this.job?.feed(chunk);
    });
    // A broken pipe loses the answer: the runner is of no further use.
    pipe.on('error', (err) => {
      this.pool.log.error({ err: err.message }, 'SQLite runner pipe failed');
      this.kill();
    });
  }

  #gone(why: string): void {
    this.dead = true;
    this.job?.fail(new QueryError('database', `the SQLite runner stopped (${why})`));
    if (this.#forgotten) return;
    this.#forgotten = true;
    this.pool.forget(this);
  }

  #pipe(): Readable {
    return this.child.stdio[3] as Readable;
  }

  start(req: RunnerRequest): RunnerJob {
    const pipe = this.#pipe();
    const job = new RunnerJob(this, pipe);
    this.job = job;
    if (this.dead) {
      // Died between being handed out and now: the request fails like one it was running.
      job.fail(new QueryError('database', 'the SQLite runner stopped before the query started'));
      return job;
    }
    // A job that ended while its reader was behind leaves the pipe paused; this one starts afresh.
    pipe.resume();
    this.child.send(req);
    return job;
  }

  release(job: RunnerJob): void {
    if (this.job !== job) return;
    this.job = undefined;
    this.pool.idle(this);
  }

  abort(job: RunnerJob): void {
    if (this.job !== job) return;
    this.kill();
    this.pool.vacate(this);
  }

  kill(): void {
    if (this.dead) return;
    this.dead = true;
    this.killed = true;
    this.child.kill('SIGKILL');
  }
}

interface Waiter {
  grant(r: Runner): void;
  fail(err: unknown): void;
}

export class SqlitePool {
  #all = new Set<Runner>();
  #free: Runner[] = [];
  #fair: FairQueue<Waiter>;
  #loading: Promise<void> | undefined;
  /** The runner script, known once loaded (see `entry.ts`). */
  #entry: string | undefined;
  #closed = false;
  #crashes = 0;
  /** While runners keep dying on start: no new runner before this time (epoch ms). */
  #retryAfter = 0;

  constructor(private readonly opts: PoolOptions) {
    this.#fair = new FairQueue({
      perOwner: Math.max(1, opts.size - 1),
      queuedPerOwner: opts.queuedPerCaller ?? 16,
      queuedTotal: opts.queuedTotal ?? 256,
    });
  }

  get log(): PoolOptions['log'] {
    return this.opts.log;
  }

  /** How many runner processes are alive (for tests and metrics). */
  get size(): number {
    return this.#all.size;
  }

  stats(): PoolStats {
    const busy = [...this.#all].filter((r) => r.owner !== undefined);
    return {
      runners: this.#all.size,
      busy: busy.length,
      queued: this.#fair.queued,
      paused: busy.filter((r) => r.job?.paused).length,
      buffered: busy.reduce((n, r) => n + (r.job?.buffered ?? 0), 0),
    };
  }

  /** The runners' process ids (the bench measures their memory). */
  pids(): number[] {
    return [...this.#all].map((r) => r.child.pid ?? 0).filter((p) => p > 0);
  }

  /**
   * Runs `req` on a runner as soon as `owner` (the caller) gets its turn. Rejects with
   * `signal.reason` when the caller gives up while waiting.
   */
  async start(req: RunnerRequest, signal?: AbortSignal, owner = ''): Promise<RunnerJob> {
    this.#loading ??= runnerEntry().then(
      (path) => {
        this.#entry = path;
      },
      (err: Error) => {
        this.#loading = undefined; // the next request tries again
        throw new QueryError('unavailable', `the SQLite runner cannot be prepared: ${err.message}`);
      },
    );
    await this.#loading;
    const runner = await this.#acquire(owner, signal);
    if (signal?.aborted) {
      this.idle(runner);
      throw signal.reason;
    }
    return runner.start(req);
  }

  #acquire(owner: string, signal?: AbortSignal): Runner | Promise<Runner> {
    if (this.#closed) throw new QueryError('unavailable', 'the SQL console is shutting down');
    if (signal?.aborted) throw signal.reason;
    if (this.#fair.mayRun(owner) && this.#hasRunner()) {
      const r = this.#take();
      this.#fair.started(owner);
      r.owner = owner;
      return r;
    }
    return new Promise<Runner>((resolve, reject) => {
      const onAbort = () => {
        if (this.#fair.remove(owner, waiter)) reject(signal?.reason);
      };
      const waiter: Waiter = {
        grant: (r) => {
          signal?.removeEventListener('abort', onAbort);
          r.owner = owner;
          resolve(r);
        },
        fail: (err) => {
          signal?.removeEventListener('abort', onAbort);
          reject(err);
        },
      };
      const where = this.#fair.enqueue(owner, waiter);
      if (where === 'owner-full') {
        const n = this.#fair.limits.queuedPerOwner;
        reject(new QueryError('throttled', `${n} of your SQLite queries are already waiting for a runner; let them finish (or cancel them), then try again`));
      } else if (where === 'full') {
        reject(new QueryError('busy', 'too many SQLite queries are waiting; try again shortly'));
      } else {
        signal?.addEventListener('abort', onAbort, { once: true });
      }
    });
  }

  #hasRunner(): boolean {
    return this.#free.length > 0 || this.#all.size < this.opts.size;
  }

  /** A free runner, or a new one (call only when {@link #hasRunner}, after the entry is known). */
  #take(): Runner {
    const free = this.#free.pop();
    if (free) return free;
    if (this.#crashes >= MAX_CRASHES && Date.now() < this.#retryAfter) {
      throw new QueryError('unavailable', 'the SQLite runner keeps failing to start; see the server log (trying again shortly)');
    }
    const r = new Runner(this, this.#entry as string, this.opts.protectedFiles);
    this.#all.add(r);
    return r;
  }

  /**
   * Gives free runners to waiting requests, in the fair order. Called after every change that can
   * make a waiting request runnable, so no request waits while a runner it may take is free.
   */
  #dispatch(): void {
    if (this.#closed) return;
    while (this.#fair.queued > 0 && this.#hasRunner()) {
      const turn = this.#fair.next();
      if (!turn) return;
      try {
        turn.item.grant(this.#take());
      } catch (err) {
        this.#fair.finished(turn.owner);
        turn.item.fail(err);
      }
    }
  }

  /** The runner's request ended normally: it waits for the next one. */
  idle(r: Runner): void {
    if (!r.dead) this.#free.push(r);
    this.vacate(r);
  }

  /** The runner no longer works for its owner (finished, stopped or dead): the owner's share has room again. */
  vacate(r: Runner): void {
    if (r.owner !== undefined) this.#fair.finished(r.owner);
    r.owner = undefined;
    this.#dispatch();
  }

  forget(r: Runner): void {
    this.#all.delete(r);
    this.#free = this.#free.filter((x) => x !== r);
    if (r.killed || r.served) this.#crashes = 0;
    else if (++this.#crashes >= MAX_CRASHES) {
      // Back off rather than give up: whatever kills them (memory pressure, a bad upgrade being
      // rolled back) may pass, and the console must come back without a restart.
      const waitMs = Math.min(CRASH_BACKOFF_MAX_MS, 1000 * 2 ** (this.#crashes - MAX_CRASHES));
      this.#retryAfter = Date.now() + waitMs;
      this.opts.log.error({ crashes: this.#crashes, waitMs }, 'SQLite runners die on start; not starting another for a while');
    }
    // A waiting request gets a fresh runner in place of the dead one.
    this.vacate(r);
  }

  async close(): Promise<void> {
    this.#closed = true;
    for (const w of this.#fair.drain()) w.fail(new QueryError('unavailable', 'the SQL console is shutting down'));
    const exited = (r: Runner) => r.child.exitCode !== null || r.child.signalCode !== null;
    const exits = [...this.#all].map((r) => new Promise((resolve) => (exited(r) ? resolve(undefined) : r.child.once('exit', resolve))));
    for (const r of this.#all) r.kill();
    await Promise.all(exits);
  }
}
