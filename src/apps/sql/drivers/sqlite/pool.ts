/**
 * A small pool of SQLite runner processes (see `runner.ts`): each runs one request at a time; a
 * request waits for a free runner (bounded queue); a runner whose query is stopped early is
 * killed with SIGKILL and replaced on the next request.
 *
 * Runners start lazily, so a tailyard without SQLite sources, or one nobody queries, spends
 * nothing on them.
 *
 * @example
 *   const pool = new SqlitePool({ size: 2, log });
 *   const job = await pool.start(request);      // frames arrive in order via job.next()
 */
import { type ChildProcess, spawn } from 'node:child_process';
import type { Readable } from 'node:stream';
import type { Logger } from 'pino';
import { QueryError } from '../types.js';
import { type Frame, FrameReader, type RunnerRequest } from './protocol.js';
import { runnerEntry } from './entry.js';
import type { PrivateFile } from '../../../../platform/suite-view.js';

const MAX_WAITING = 64;
/** Pause the pipe when this much is received but unread (flat memory on slow clients). */
const HIGH_WATER = 1 << 20;

export interface PoolOptions {
  size: number;
  /** Files no runner may open (`ctx.suite.privateFiles()`: the secrets and identity databases…). */
  protectedFiles: readonly PrivateFile[];
  log: Pick<Logger, 'warn' | 'error'>;
}

/** After this many runners in a row die on their own, requests fail instead of spawning more. */
const MAX_CRASHES = 3;

/** One request on one runner: its frames in order, until a terminal frame (E, S or X). */
export class RunnerJob {
  #reader = new FrameReader();
  #waiter: ((f: Frame | Error) => void) | undefined;
  #ended = false;
  #failure: Error | undefined;

  constructor(
    private readonly runner: Runner,
    private readonly pipe: Readable,
  ) {}

  /** Called by the runner with each chunk from the pipe. */
  feed(chunk: Buffer): void {
    this.#reader.push(chunk);
    if (this.#reader.buffered > HIGH_WATER) this.pipe.pause();
    this.#deliver();
  }

  /** The runner died or was killed. */
  fail(err: Error): void {
    this.#failure ??= err;
    this.#deliver();
  }

  #deliver(): void {
    if (!this.#waiter) return;
    const frame = this.#reader.shift();
    if (frame || this.#failure) {
      const w = this.#waiter;
      this.#waiter = undefined;
      w(frame ?? (this.#failure as Error));
    }
  }

  /** The next frame; after a terminal frame the runner goes back to the pool. */
  next(): Promise<Frame> {
    const frame = this.#reader.shift();
    if (this.#reader.buffered < HIGH_WATER) this.pipe.resume();
    if (frame) return Promise.resolve(this.#settle(frame));
    if (this.#failure) return Promise.reject(this.#failure);
    return new Promise((resolve, reject) => {
      this.#waiter = (f) => (f instanceof Error ? reject(f) : resolve(this.#settle(f)));
    });
  }

  #settle(frame: Frame): Frame {
    if (!this.#ended && (frame.type === 'E' || frame.type === 'S' || frame.type === 'X')) {
      this.#ended = true;
      this.runner.release(this);
    }
    return frame;
  }

  /** Stops the request: a runner still working on it is killed. */
  abort(): void {
    if (this.#ended) return;
    this.#ended = true;
    this.runner.kill();
  }
}

class Runner {
  readonly child: ChildProcess;
  job: RunnerJob | undefined;
  dead = false;
  /** Killed by the pool (a stopped query), as opposed to dying on its own. */
  killed = false;
  served = false;

  constructor(
    private readonly pool: SqlitePool,
    entry: string,
    protectedFiles: readonly PrivateFile[],
  ) {
    this.child = spawn(process.execPath, [entry], { stdio: ['ignore', 'inherit', 'inherit', 'pipe', 'ipc'], serialization: 'json' });
    this.child.send({ op: 'init', protectedFiles });
    const pipe = this.child.stdio[3] as Readable;
    pipe.on('data', (chunk: Buffer) => {
      this.served = true;
      this.job?.feed(chunk);
    });
    this.child.on('exit', (code, signal) => {
      this.dead = true;
      this.job?.fail(new QueryError('database', `the SQLite runner stopped (${signal ?? `exit ${code}`})`));
      this.pool.forget(this);
    });
    this.child.on('error', (err) => this.pool.log.error({ err: err.message }, 'SQLite runner failed'));
  }

  start(req: RunnerRequest): RunnerJob {
    const job = new RunnerJob(this, this.child.stdio[3] as Readable);
    this.job = job;
    this.child.send(req);
    return job;
  }

  release(job: RunnerJob): void {
    if (this.job !== job) return;
    this.job = undefined;
    this.pool.idle(this);
  }

  kill(): void {
    if (this.dead) return;
    this.dead = true;
    this.killed = true;
    this.child.kill('SIGKILL');
  }
}

export class SqlitePool {
  #all = new Set<Runner>();
  #free: Runner[] = [];
  #waiting: Array<{ take(r: Runner): void; fail(err: unknown): void }> = [];
  #entry: Promise<string> | undefined;
  #closed = false;
  #crashes = 0;

  constructor(private readonly opts: PoolOptions) {}

  get log(): PoolOptions['log'] {
    return this.opts.log;
  }

  /** How many runner processes are alive (for tests and metrics). */
  get size(): number {
    return this.#all.size;
  }

  /** The runners' process ids (the bench measures their memory). */
  pids(): number[] {
    return [...this.#all].map((r) => r.child.pid ?? 0).filter((p) => p > 0);
  }

  async start(req: RunnerRequest, signal?: AbortSignal): Promise<RunnerJob> {
    const runner = await this.#acquire(signal);
    return runner.start(req);
  }

  async #acquire(signal?: AbortSignal): Promise<Runner> {
    if (this.#closed) throw new QueryError('unavailable', 'the SQL console is shutting down');
    for (let r = this.#free.pop(); r; r = this.#free.pop()) if (!r.dead) return r;
    if (this.#crashes >= MAX_CRASHES) throw new QueryError('unavailable', 'the SQLite runner keeps failing to start; see the server log');
    if (this.#all.size < this.opts.size) {
      this.#entry ??= runnerEntry();
      const r = new Runner(this, await this.#entry, this.opts.protectedFiles);
      this.#all.add(r);
      return r;
    }
    if (this.#waiting.length >= MAX_WAITING) throw new QueryError('busy', 'too many SQLite queries are waiting; try again shortly');
    return new Promise((resolve, reject) => {
      const waiter = { take: (r: Runner) => (signal?.aborted ? this.idle(r) : resolve(r)), fail: reject };
      this.#waiting.push(waiter);
      signal?.addEventListener('abort', () => {
        const i = this.#waiting.indexOf(waiter);
        if (i >= 0) this.#waiting.splice(i, 1);
        reject(signal.reason);
      });
    });
  }

  idle(r: Runner): void {
    const next = this.#waiting.shift();
    if (next) next.take(r);
    else this.#free.push(r);
  }

  forget(r: Runner): void {
    this.#all.delete(r);
    this.#free = this.#free.filter((x) => x !== r);
    if (r.killed || r.served) this.#crashes = 0;
    else if (++this.#crashes === MAX_CRASHES) this.opts.log.error({}, 'SQLite runners die on start; not starting more until restart');
    // A waiting request gets a fresh runner in place of the dead one.
    const next = this.#waiting.shift();
    if (next && !this.#closed) this.#acquire().then(next.take, next.fail);
  }

  async close(): Promise<void> {
    this.#closed = true;
    const exited = (r: Runner) => r.child.exitCode !== null || r.child.signalCode !== null;
    const exits = [...this.#all].map((r) => new Promise((resolve) => (exited(r) ? resolve(undefined) : r.child.once('exit', resolve))));
    for (const r of this.#all) r.kill();
    await Promise.all(exits);
  }
}
