/**
 * One request on one SQLite runner, as its frames arrive on the runner's pipe, with the flow
 * control that keeps the parent's memory flat whatever the answer's size.
 *
 * The rule: the pipe is paused only while at least `highWater` bytes of *complete* frames wait
 * for the reader. Then the reader has something to take, and taking it resumes the pipe; a frame
 * still being assembled never pauses it, so a frame larger than the high-water mark (one 64 MiB
 * value) always completes. While the pipe is paused the runner's synchronous writes block, so a
 * slow HTTP client stops the query where it is, and the parent holds at most about `highWater`
 * plus one frame (text frames are at most `MAX_TEXT_FRAME`).
 *
 * @example
 *   const job = new RunnerJob(runner, pipe);   // pipe.on('data', (c) => job.feed(c))
 *   for (let f = await job.next(); f.type !== 'E'; f = await job.next()) use(f);
 */
import { type Frame, FrameReader } from './protocol.js';

/** Bytes of complete frames the parent holds for a reader before it stops reading the pipe. */
export const HIGH_WATER = 1 << 20;

/** What the job may do to the pipe it reads (a Readable: pause and resume its flow). */
export interface Pipe {
  pause(): unknown;
  resume(): unknown;
}

/** The runner behind the job: it takes the job back at its end, or kills itself to stop it. */
export interface JobRunner {
  release(job: RunnerJob): void;
  abort(job: RunnerJob): void;
}

const isTerminal = (f: Frame) => f.type === 'E' || f.type === 'S' || f.type === 'X';

/** One request on one runner: its frames in order, until a terminal frame (E, S or X). */
export class RunnerJob {
  #reader = new FrameReader();
  #waiter: ((f: Frame | Error) => void) | undefined;
  #ended = false;
  #paused = false;
  #failure: Error | undefined;

  constructor(
    private readonly runner: JobRunner,
    private readonly pipe: Pipe,
    private readonly highWater = HIGH_WATER,
  ) {}

  /** Called with each chunk from the pipe. */
  feed(chunk: Buffer): void {
    this.#reader.push(chunk);
    this.#deliver();
    this.#flow();
  }

  /** The runner died or was killed. */
  fail(err: Error): void {
    this.#failure ??= err;
    this.#deliver();
  }

  /** The pipe is paused because the reader is behind (for tests and metrics). */
  get paused(): boolean {
    return this.#paused;
  }

  /** Bytes received and not yet read (for tests and metrics). */
  get buffered(): number {
    return this.#reader.buffered;
  }

  #flow(): void {
    const full = this.#reader.readyBytes >= this.highWater;
    if (full === this.#paused) return;
    this.#paused = full;
    if (full) this.pipe.pause();
    else this.pipe.resume();
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
    this.#flow();
    if (frame) return Promise.resolve(this.#settle(frame));
    if (this.#failure) return Promise.reject(this.#failure);
    return new Promise((resolve, reject) => {
      this.#waiter = (f) => (f instanceof Error ? reject(f) : resolve(this.#settle(f)));
    });
  }

  #settle(frame: Frame): Frame {
    if (!this.#ended && isTerminal(frame)) {
      this.#ended = true;
      this.runner.release(this);
    }
    return frame;
  }

  /** Stops the request: a runner still working on it is killed. */
  abort(): void {
    if (this.#ended) return;
    this.#ended = true;
    this.runner.abort(this);
  }
}
