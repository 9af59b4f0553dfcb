/**
 * One SQLite runner process (`runner.ts`) as the parent sees it: requests go down one pipe
 * (fd 4), answers come back as frames on another (fd 3), and several requests may be on their
 * way at once. The runner answers them strictly in order, so the frames on the pipe belong to the
 * oldest request still without its terminal frame; sending the next request before the last one
 * is answered (pipelining) keeps the runner busy instead of waiting a round trip per query.
 *
 * Stopping a request: the one the runner works on (the oldest) is stopped by SIGKILL; one still
 * waiting behind it is given up (its frames are dropped) and, if it comes to be the oldest
 * before the runner has died, the runner is killed then, since nothing else can stop a query.
 * When the runner dies, the request it worked on fails, and the ones waiting behind it go back to
 * the pool (`gone`): they never started.
 *
 * Flow control: the pipe is paused while the jobs hold `highWater` bytes of complete, unread
 * frames (a frame being assembled never pauses it, so one larger than the mark completes). While
 * it is paused the runner's synchronous writes block, so a slow client stops its query where it is.
 *
 * @example
 *   const r = new RunnerProcess(host, entry, protectedFiles);
 *   r.send(job);   // frames reach job.next() in order
 */
import { type ChildProcess, spawn } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import { withParentDeathSignal } from '../../../../platform/parent-death.js';
import type { PrivateFile } from '../../../../platform/suite-view.js';
import { QueryError } from '../types.js';
import { HIGH_WATER, isTerminal, type JobRunner, type RunnerJob } from './job.js';
import { encodeTextFrame, FrameReader } from './protocol.js';

/** What a runner tells the pool. */
export interface RunnerHost {
  readonly log: { error(obj: object, msg: string): void };
  /** The runner is gone; `unstarted` are the requests it had not begun, to send elsewhere. */
  gone(runner: RunnerProcess, unstarted: RunnerJob[]): void;
  /** The runner finished requests (their readers may still be reading): it has room for more. */
  answered(runner: RunnerProcess): void;
}

export class RunnerProcess implements JobRunner {
  readonly child: ChildProcess;
  /** Jobs sent and not yet over for their reader (in flight, or answered and not yet read). */
  readonly jobs = new Set<RunnerJob>();
  /** The caller whose jobs these are (undefined when it has none). */
  owner: string | undefined;
  /** The files whose connection the runner has open (the pool sends their queries here first). */
  readonly targets = new Set<string>();
  dead = false;
  /** Killed by the parent (a stopped query), as opposed to dying on its own. */
  killed = false;
  /** Has answered at least once (a runner that never did and died counts as failing to start). */
  served = false;
  /** Jobs sent whose terminal frame has not arrived, oldest first: the runner works on the first. */
  #inflight: RunnerJob[] = [];
  #reader = new FrameReader();
  #held = 0;
  #paused = false;
  #settled = false;
  readonly #out: Readable;
  readonly #in: Writable;

  constructor(
    private readonly host: RunnerHost,
    entry: string,
    protectedFiles: readonly PrivateFile[],
    private readonly highWater = HIGH_WATER,
  ) {
    // A runner inside one long sqlite3_step never reads its pipe's end: the kernel must kill it with us.
    const [cmd, args] = withParentDeathSignal(process.execPath, [entry]);
    this.child = spawn(cmd, args, { stdio: ['ignore', 'inherit', 'inherit', 'pipe', 'pipe'] });
    this.#out = this.child.stdio[3] as Readable;
    this.#in = this.child.stdio[4] as Writable;
    this.child.on('error', (err) => {
      this.host.log.error({ err: err.message }, 'SQLite runner failed');
      // A process that never started sends no 'exit'.
      if (this.child.pid === undefined) this.#died(`could not start: ${err.message}`);
    });
    this.child.on('exit', (code, signal) => this.#died(signal ?? `exit ${code}`));
    this.#out.on('data', (chunk: Buffer) => this.#receive(chunk));
    // A broken pipe loses answers: the runner is of no further use.
    this.#out.on('error', (err) => {
      this.host.log.error({ err: err.message }, 'SQLite runner pipe failed');
      this.kill();
    });
    // Writing to a runner that just died: its 'exit' settles the requests.
    this.#in.on('error', () => this.kill());
    this.#in.write(encodeTextFrame('I', JSON.stringify({ protectedFiles })));
  }

  /** Jobs sent and not yet begun by the runner, their readers still waiting (metrics). */
  get waiting(): number {
    let n = 0;
    for (let i = 1; i < this.#inflight.length; i++) if (!this.#inflight[i]?.ended) n++;
    return n;
  }

  /** Requests sent and not yet answered (the first one running). */
  get inflight(): number {
    return this.#inflight.length;
  }

  /** The pipe is paused for a slow reader (metrics, tests). */
  get paused(): boolean {
    return this.#paused;
  }

  /** Bytes received and not yet read (metrics, tests). */
  get buffered(): number {
    return this.#held + this.#reader.buffered;
  }

  /** Sends a job; its frames go to it in order. */
  send(job: RunnerJob, target: string): void {
    job.runner = this;
    this.jobs.add(job);
    this.owner = job.owner;
    this.targets.add(target);
    this.#inflight.push(job);
    // Requests sent in the same turn of the event loop go down in one write (one wake-up).
    if (this.#in.writableCorked === 0) {
      this.#in.cork();
      process.nextTick(() => this.#in.uncork());
    }
    this.#in.write(job.request);
  }

  /** The job's reader is done with it; the runner is free once no job is left. */
  detach(job: RunnerJob): void {
    this.jobs.delete(job);
    if (this.jobs.size === 0) this.owner = undefined;
  }

  consumed(bytes: number): void {
    this.#held -= bytes;
    this.#flow();
  }

  abandon(job: RunnerJob): void {
    // The runner may be working on it; one waiting behind is stopped when its turn comes.
    if (this.#inflight[0] === job) this.kill();
  }

  kill(): void {
    if (this.dead) return;
    this.dead = true;
    this.killed = true;
    this.child.kill('SIGKILL');
  }

  #receive(chunk: Buffer): void {
    this.served = true;
    this.#reader.push(chunk);
    let answered = false;
    for (let frame = this.#reader.shift(); frame; frame = this.#reader.shift()) {
      const job = this.#inflight[0];
      if (!job) {
        this.host.log.error({ frame: frame.type }, 'SQLite runner sent a frame nobody asked for');
        this.kill();
        return;
      }
      this.#held += 5 + frame.body.length;
      const terminal = isTerminal(frame);
      if (terminal) this.#inflight.shift();
      job.push(frame);
      answered ||= terminal;
      // The next request was given up while it waited: stop it before it runs.
      if (terminal && this.#inflight[0]?.ended) this.kill();
    }
    this.#flow();
    if (answered && !this.dead) this.host.answered(this);
  }

  #flow(): void {
    const full = this.#held >= this.highWater;
    if (full === this.#paused) return;
    this.#paused = full;
    if (full) this.#out.pause();
    else this.#out.resume();
  }

  /**
   * The process is gone. Frames it wrote before dying may still be on their way: unless the pipe
   * is paused (a reader behind, which would hold them back for ever), the requests are settled
   * once the pipe has closed, so every answer that was complete still counts.
   */
  #died(why: string): void {
    this.dead = true;
    const settle = () => this.#settle(why);
    if (this.#paused || this.#out.destroyed || this.#out.readableEnded) settle();
    else this.#out.once('close', settle);
  }

  #settle(why: string): void {
    if (this.#settled) return;
    this.#settled = true;
    const [current, ...behind] = this.#inflight;
    this.#inflight = [];
    current?.fail(new QueryError('database', `the SQLite runner stopped (${why})`));
    this.host.gone(
      this,
      behind.filter((j) => !j.ended),
    );
  }
}
