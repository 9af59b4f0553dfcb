/**
 * One request to the SQLite runners, as its frames arrive, in order, until its terminal frame
 * (E, S or X). The runner process (`process.ts`) reads its pipe and pushes each frame to the job
 * it belongs to; the driver reads them with `next()`.
 *
 * A job outlives the runner it was sent to when that runner dies before starting it (it was
 * waiting behind another request): the pool sends it again elsewhere (`retry`). It is run at
 * most twice, so a query that kills its runner cannot take a second one down after it.
 *
 * Flow control is the runner's (it pauses its pipe while its jobs hold `HIGH_WATER` bytes of
 * unread frames): the job reports what it holds and what its reader takes.
 *
 * @example
 *   const job = new RunnerJob(request, owner, target);   // the pool sends it: runner.send(job)
 *   for (let f = await job.next(); f.type !== 'E'; f = await job.next()) use(f);
 */
import type { Frame } from './protocol.js';

/** Bytes of complete frames a runner holds for its readers before it stops reading its pipe. */
export const HIGH_WATER = 1 << 20;

/** The runner a job was sent to: told when the job's reader takes bytes, or gives the job up. */
export interface JobRunner {
  /** The reader took (or dropped) `bytes` of the job's frames. */
  consumed(bytes: number): void;
  /** The reader gave the job up before its terminal frame arrived: the runner must stop it. */
  abandon(job: RunnerJob): void;
}

const HEAD = 5;
export const isTerminal = (f: Frame) => f.type === 'E' || f.type === 'S' || f.type === 'X';

export class RunnerJob {
  /** Where the job was sent (undefined while it waits for a runner). */
  runner: JobRunner | undefined;
  /** Sent once already to a runner that died before starting it. */
  retried = false;
  #frames: Frame[] = [];
  #held = 0;
  #waiter: ((f: Frame | Error) => void) | undefined;
  /** The terminal frame has arrived: the runner is done with the job. */
  #received = false;
  /** The reader has taken the terminal frame, or given the job up. */
  #ended = false;
  #failure: Error | undefined;

  constructor(
    /** The encoded request frame (see `protocol.ts`). */
    readonly request: Buffer,
    /** The caller the pool counts the job against. */
    readonly owner: string,
    /** The file it reads (see `targetKey`): the pool prefers a runner that has it open. */
    readonly target: string,
    /** Called once, when the job is over for the reader (it read the end, gave up, or failed). */
    private readonly onEnd: (job: RunnerJob) => void = () => {},
  ) {}

  /** The runner is done with the job (its terminal frame arrived, or it failed). */
  get received(): boolean {
    return this.#received;
  }

  /** The reader is done with the job. */
  get ended(): boolean {
    return this.#ended;
  }

  /** Bytes of frames received and not yet read. */
  get held(): number {
    return this.#held;
  }

  /** A frame for this job from its runner, in order. */
  push(frame: Frame): void {
    if (isTerminal(frame)) this.#received = true;
    if (this.#ended) {
      // Given up: what still arrives is dropped as it comes.
      this.runner?.consumed(HEAD + frame.body.length);
      return;
    }
    this.#frames.push(frame);
    this.#held += HEAD + frame.body.length;
    this.#deliver();
  }

  /** The runner died under the job (or it cannot be sent anywhere). */
  fail(err: Error): void {
    this.#received = true;
    this.#failure ??= err;
    // A waiting reader gets it now, any other on its next call (after the frames before it).
    this.#deliver();
  }

  #deliver(): void {
    if (!this.#waiter) return;
    const frame = this.#shift();
    if (frame || this.#failure) {
      const w = this.#waiter;
      this.#waiter = undefined;
      w(frame ?? (this.#failure as Error));
    }
  }

  #shift(): Frame | undefined {
    const frame = this.#frames.shift();
    if (frame) {
      const n = HEAD + frame.body.length;
      this.#held -= n;
      this.runner?.consumed(n);
      if (isTerminal(frame)) this.#end();
    }
    return frame;
  }

  #end(): void {
    if (this.#ended) return;
    this.#ended = true;
    this.onEnd(this);
  }

  /** The next frame. */
  next(): Promise<Frame> {
    const frame = this.#shift();
    if (frame) return Promise.resolve(frame);
    if (this.#failure) {
      this.#end();
      return Promise.reject(this.#failure);
    }
    return new Promise((resolve, reject) => {
      this.#waiter = (f) => {
        if (f instanceof Error) {
          this.#end();
          reject(f);
        } else resolve(f);
      };
    });
  }

  /** Stops the request: its frames are dropped, and a runner still working on it is told to stop it. */
  abort(): void {
    if (this.#ended) return;
    const dropped = this.#held;
    this.#frames = [];
    this.#held = 0;
    this.#ended = true;
    const waiter = this.#waiter;
    this.#waiter = undefined;
    // A reader still waiting learns it from its own signal (see the driver's nextFrame).
    waiter?.(new Error('the query was stopped'));
    if (dropped > 0) this.runner?.consumed(dropped);
    if (!this.#received) this.runner?.abandon(this);
    this.onEnd(this);
  }
}
