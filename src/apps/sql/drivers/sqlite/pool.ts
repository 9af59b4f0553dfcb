/**
 * A small pool of SQLite runner processes (see `runner.ts`, `process.ts`): each runs its
 * requests one at a time, in order, and stays alive across them (its connections and statement
 * cache with it); a runner whose query is stopped early is killed with SIGKILL and replaced on a
 * later request.
 *
 * Where a request goes: to a free runner when its caller may take one more (preferring one that
 * has its file open), else behind the caller's own requests on one of its runners (up to
 * `depth` each: pipelining, so a runner never waits a round trip between small queries), else it
 * waits. Runners are shared fairly (see `fair-queue.ts`): one caller holds at most `size - 1`
 * of them (at least one) and never shares a runner with another caller, so nobody's query waits
 * behind someone else's; the requests beyond a caller's share wait in its own bounded queue, and
 * waiting callers take turns. A caller over its bound gets 429; everyone's waiting, 503.
 *
 * Runners start lazily, so a tailyard without SQLite sources, or one nobody queries, spends
 * nothing on them.
 *
 * @example
 *   const pool = new SqlitePool({ size: 2, protectedFiles, log });
 *   const job = await pool.start(request, signal, 'amy@example.com'); // frames in order via job.next()
 */
import type { Logger } from 'pino';
import type { PrivateFile } from '../../../../platform/suite-view.js';
import type { StopSignal } from '../stop.js';
import { QueryError } from '../types.js';
import { runnerEntry } from './entry.js';
import { FairQueue } from './fair-queue.js';
import { RunnerJob } from './job.js';
import { RunnerProcess } from './process.js';
import { encodeRequest, type RunnerRequest, targetKey } from './protocol.js';

export interface PoolOptions {
  size: number;
  /** Files no runner may open (`ctx.suite.privateFiles()`: the secrets and identity databases…). */
  protectedFiles: readonly PrivateFile[];
  log: Pick<Logger, 'warn' | 'error'>;
  /** Requests one caller may have waiting (default 64). */
  queuedPerCaller?: number;
  /** Requests all callers may have waiting together (default 512). */
  queuedTotal?: number;
  /** Requests one runner takes at once, the first running and the rest queued in it (default 8). */
  depth?: number;
}

/** After this many runners in a row die on their own, requests fail instead of spawning more. */
const MAX_CRASHES = 3;
/** The longest pause between start attempts once runners keep dying on start. */
const CRASH_BACKOFF_MAX_MS = 30_000;

/** What the pool reports about itself (metrics, tests). */
export interface PoolStats {
  /** Runner processes alive (or killed and not yet gone). */
  runners: number;
  /** Runners working for a caller. */
  busy: number;
  /** Requests not yet begun: waiting for a runner, or queued in one behind another request. */
  queued: number;
  /** Busy runners whose reader is behind, so their pipe is paused (a slow client). */
  paused: number;
  /** Bytes received from runners and not yet read. */
  buffered: number;
}

interface Waiter {
  job: RunnerJob;
  target: string;
  /** Sent to `runner`. */
  grant(runner: RunnerProcess): void;
  fail(err: Error): void;
}

export class SqlitePool {
  #all = new Set<RunnerProcess>();
  #fair: FairQueue<Waiter>;
  /** Jobs counted as running for their owner. */
  #running = new Set<RunnerJob>();
  /** Jobs waiting in the fair queue, by job (to take one out when its reader gives up). */
  #waiting = new Map<RunnerJob, Waiter>();
  #loading: Promise<void> | undefined;
  /** The runner script, known once loaded (see `entry.ts`). */
  #entry: string | undefined;
  #closed = false;
  #crashes = 0;
  /** While runners keep dying on start: no new runner before this time (epoch ms). */
  #retryAfter = 0;
  readonly #depth: number;
  readonly #runnersPerOwner: number;
  readonly #queuedPerOwner: number;
  readonly #queuedTotal: number;

  constructor(private readonly opts: PoolOptions) {
    this.#depth = Math.max(1, opts.depth ?? 8);
    this.#runnersPerOwner = Math.max(1, opts.size - 1);
    this.#queuedPerOwner = opts.queuedPerCaller ?? 64;
    this.#queuedTotal = opts.queuedTotal ?? 512;
    // The bounds on waiting are checked here (they count requests queued inside runners too).
    this.#fair = new FairQueue({ perOwner: this.#runnersPerOwner * this.#depth, queuedPerOwner: Number.POSITIVE_INFINITY, queuedTotal: Number.POSITIVE_INFINITY });
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
      queued: this.#fair.queued + busy.reduce((n, r) => n + r.waiting, 0),
      paused: busy.filter((r) => r.paused).length,
      buffered: busy.reduce((n, r) => n + r.buffered, 0),
    };
  }

  /** The runners' process ids (the bench measures their memory). */
  pids(): number[] {
    return [...this.#all].map((r) => r.child.pid ?? 0).filter((p) => p > 0);
  }

  /**
   * Sends `req` to a runner as soon as `owner` (the caller) gets its turn. Rejects with
   * `signal.reason` when the caller gives up while waiting.
   */
  async start(req: RunnerRequest, signal?: StopSignal, owner = ''): Promise<RunnerJob> {
    if (this.#entry === undefined) await this.#load();
    if (this.#closed) throw new QueryError('unavailable', 'the SQL console is shutting down');
    if (signal?.aborted) throw signal.reason;
    const target = targetKey(req.target);
    const job = new RunnerJob(encodeRequest(req), owner, target, (j) => this.#ended(j));
    if (this.#fair.mayRun(owner)) {
      const runner = this.#runnerFor(owner, target);
      if (runner instanceof Error) throw runner;
      // Queued behind the caller's own requests counts as waiting, within the same bound.
      if (runner && (runner.jobs.size === 0 || this.#waitingOf(owner) < this.#queuedPerOwner)) {
        this.#send(runner, job, target);
        return job;
      }
    }
    if (this.#waitingOf(owner) >= this.#queuedPerOwner) {
      throw new QueryError('throttled', `${this.#queuedPerOwner} of your SQLite queries are already waiting for a runner; let them finish (or cancel them), then try again`);
    }
    if (this.stats().queued >= this.#queuedTotal) throw new QueryError('busy', 'too many SQLite queries are waiting; try again shortly');
    await new Promise<void>((resolve, reject) => {
      const onAbort = () => {
        if (this.#unqueue(waiter)) reject(signal?.reason);
      };
      const waiter: Waiter = {
        job,
        target,
        grant: (runner) => {
          signal?.removeEventListener('abort', onAbort);
          this.#send(runner, job, target);
          resolve();
        },
        fail: (err) => {
          signal?.removeEventListener('abort', onAbort);
          reject(err);
        },
      };
      this.#enqueue(waiter);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
    return job;
  }

  #load(): Promise<void> {
    this.#loading ??= runnerEntry().then(
      (path) => {
        this.#entry = path;
      },
      (err: Error) => {
        this.#loading = undefined; // the next request tries again
        throw new QueryError('unavailable', `the SQLite runner cannot be prepared: ${err.message}`);
      },
    );
    return this.#loading;
  }

  #send(runner: RunnerProcess, job: RunnerJob, target: string): void {
    this.#fair.started(job.owner);
    this.#running.add(job);
    runner.send(job, target);
  }

  #enqueue(waiter: Waiter, first = false): void {
    this.#waiting.set(waiter.job, waiter);
    if (first) this.#fair.requeue(waiter.job.owner, waiter);
    else this.#fair.enqueue(waiter.job.owner, waiter);
  }

  #unqueue(waiter: Waiter): boolean {
    this.#waiting.delete(waiter.job);
    return this.#fair.remove(waiter.job.owner, waiter);
  }

  /** Requests `owner` has waiting: in the fair queue, and queued inside its runners. */
  #waitingOf(owner: string): number {
    let n = this.#fair.queuedOf(owner);
    for (const r of this.#all) if (r.owner === owner) n += r.waiting;
    return n;
  }

  /**
   * The runner for `owner`'s next request, if it may have one now: a free runner (one with the
   * file open first) or a new one while the owner is under its share of runners, else the least
   * loaded of its own with room. An Error when a new runner is needed but runners keep dying.
   */
  #runnerFor(owner: string, target: string): RunnerProcess | Error | undefined {
    let held = 0;
    let free: RunnerProcess | undefined;
    let own: RunnerProcess | undefined;
    for (const r of this.#all) {
      if (r.dead) continue;
      if (r.owner === owner) {
        held++;
        // Room counts requests not yet answered: answers waiting for a slow reader pause the pipe instead.
        if (r.inflight < this.#depth && (own === undefined || r.inflight < own.inflight)) own = r;
      } else if (r.owner === undefined && (free === undefined || (!free.targets.has(target) && r.targets.has(target)))) {
        free = r;
      }
    }
    if (held < this.#runnersPerOwner) {
      if (free) return free;
      if (this.#all.size < this.opts.size) return this.#spawn();
    }
    return own;
  }

  #spawn(): RunnerProcess | Error {
    if (this.#crashes >= MAX_CRASHES && Date.now() < this.#retryAfter) {
      return new QueryError('unavailable', 'the SQLite runner keeps failing to start; see the server log (trying again shortly)');
    }
    const r = new RunnerProcess(this, this.#entry as string, this.opts.protectedFiles);
    this.#all.add(r);
    return r;
  }

  /**
   * Sends waiting requests wherever they may go now, in the fair order. Called after every change
   * that can make a waiting request runnable, so no request waits while a runner it may take has room.
   */
  #dispatch(): void {
    if (this.#closed) return;
    while (this.#fair.queued > 0) {
      let chosen: RunnerProcess | Error | undefined;
      const turn = this.#fair.next((owner, w) => {
        chosen = this.#runnerFor(owner, w.target);
        return chosen !== undefined;
      });
      if (!turn) return;
      // next() counted it as started; #send counts it again.
      this.#fair.finished(turn.owner);
      this.#waiting.delete(turn.item.job);
      if (chosen instanceof Error) turn.item.fail(chosen);
      else turn.item.grant(chosen as RunnerProcess);
    }
  }

  /** A job is over for its reader: its runner (and its owner's share) has room again. */
  #ended(job: RunnerJob): void {
    const waiter = this.#waiting.get(job);
    if (waiter) this.#unqueue(waiter);
    if (this.#running.delete(job)) this.#fair.finished(job.owner);
    (job.runner as RunnerProcess | undefined)?.detach(job);
    this.#dispatch();
  }

  answered(): void {
    this.#dispatch();
  }

  /** A runner is gone: its unstarted requests go first in line elsewhere. */
  gone(r: RunnerProcess, unstarted: RunnerJob[]): void {
    this.#all.delete(r);
    if (r.killed || r.served) this.#crashes = 0;
    else if (++this.#crashes >= MAX_CRASHES) {
      // Back off rather than give up: whatever kills them (memory pressure, a bad upgrade being
      // rolled back) may pass, and the console must come back without a restart.
      const waitMs = Math.min(CRASH_BACKOFF_MAX_MS, 1000 * 2 ** (this.#crashes - MAX_CRASHES));
      this.#retryAfter = Date.now() + waitMs;
      this.opts.log.error({ crashes: this.#crashes, waitMs }, 'SQLite runners die on start; not starting another for a while');
    }
    for (const job of unstarted.reverse()) {
      r.detach(job);
      if (this.#running.delete(job)) this.#fair.finished(job.owner);
      job.runner = undefined;
      // Once only when the runner died on its own: the query it was on may have been this one
      // (the answers before it still on their way), and it must not take a second runner down.
      if ((job.retried && !r.killed) || this.#closed) {
        job.fail(new QueryError('database', 'the SQLite runner stopped before the query started'));
        continue;
      }
      if (!r.killed) job.retried = true;
      this.#enqueue({ job, target: job.target, grant: (runner) => this.#send(runner, job, job.target), fail: (err) => job.fail(err) }, true);
    }
    this.#dispatch();
  }

  async close(): Promise<void> {
    this.#closed = true;
    for (const w of this.#fair.drain()) w.fail(new QueryError('unavailable', 'the SQL console is shutting down'));
    this.#waiting.clear();
    const exited = (r: RunnerProcess) => r.child.exitCode !== null || r.child.signalCode !== null;
    const exits = [...this.#all].map((r) => new Promise((resolve) => (exited(r) ? resolve(undefined) : r.child.once('exit', resolve))));
    for (const r of this.#all) r.kill();
    await Promise.all(exits);
  }
}
