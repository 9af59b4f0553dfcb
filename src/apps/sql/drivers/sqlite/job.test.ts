/**
 * The parent's flow control on a runner's pipe, on a real stream (a PassThrough standing for the
 * pipe, so a paused reader really pushes back on the writer): a frame larger than the high-water
 * mark completes, frames a slow reader does not take stop the writer, and reading resumes it.
 * The runner side is a recorder of what the job asks of it.
 */
import { once } from 'node:events';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { type JobRunner, RunnerJob } from './job.js';
import { encodeFrame, encodeTextFrame } from './protocol.js';

const HW = 64 * 1024;

function setup() {
  const pipe = new PassThrough({ highWaterMark: 16 * 1024 });
  const calls: string[] = [];
  const runner: JobRunner = { release: () => calls.push('release'), abort: () => calls.push('abort') };
  const job = new RunnerJob(runner, pipe, HW);
  pipe.on('data', (c: Buffer) => job.feed(c));
  return { pipe, job, calls };
}

/** Writes `wire` in small pieces as a runner would, honouring backpressure; resolves when all is written. */
async function writeAll(pipe: PassThrough, wire: Buffer, onBlocked?: () => void): Promise<void> {
  for (let i = 0; i < wire.length; i += 4096) {
    if (!pipe.write(wire.subarray(i, i + 4096))) {
      onBlocked?.();
      await once(pipe, 'drain');
    }
  }
}

/** Lets the event loop turn until the job pauses its pipe (bounded). */
async function untilPaused(job: RunnerJob): Promise<void> {
  for (let i = 0; !job.paused && i < 10_000; i++) await new Promise((r) => setImmediate(r));
  expect(job.paused, 'the pipe is paused').toBe(true);
}

describe('RunnerJob flow control', () => {
  it('completes a frame sixteen times the high-water mark while the reader waits for it', async () => {
    const { pipe, job, calls } = setup();
    const body = Buffer.alloc(16 * HW, 7);
    const frame = job.next();
    const written = writeAll(pipe, Buffer.concat([encodeFrame('R', body), encodeTextFrame('E', '{}')]));
    const f = await frame;
    expect(f.type).toBe('R');
    expect(f.body.equals(body)).toBe(true);
    await written;
    expect((await job.next()).type).toBe('E');
    expect(calls).toEqual(['release']);
    expect(job.paused).toBe(false);
  });

  it('stops the writer while whole frames wait unread, holding about the high-water mark, and resumes as they are read', async () => {
    const { pipe, job } = setup();
    const frames = Array.from({ length: 64 }, (_, i) => encodeFrame('T', Buffer.alloc(8 * 1024, i)));
    const wire = Buffer.concat([...frames, encodeTextFrame('E', '{}')]);
    let blockedAt = -1;
    const written = writeAll(pipe, wire, () => {
      if (blockedAt < 0) blockedAt = job.buffered;
    });
    // Nobody reads: the writer must be stopped well before the whole answer is in.
    await untilPaused(job);
    expect(job.buffered).toBeGreaterThanOrEqual(HW);
    expect(job.buffered).toBeLessThan(HW + 2 * 8 * 1024 + 16 * 1024);
    await new Promise((r) => setImmediate(r));
    expect(job.paused).toBe(true);
    expect(blockedAt).toBeGreaterThanOrEqual(0);
    expect(pipe.writableNeedDrain).toBe(true);
    const got: number[] = [];
    for (let f = await job.next(); f.type === 'T'; f = await job.next()) got.push(f.body[0] as number);
    await written;
    expect(got).toEqual(frames.map((_, i) => i));
    expect(job.paused).toBe(false);
  });

  it('resumes a paused pipe when the reader has taken everything whole and needs the frame in flight', async () => {
    const { pipe, job } = setup();
    const small = Array.from({ length: 10 }, () => encodeFrame('T', Buffer.alloc(8 * 1024, 1)));
    const big = Buffer.alloc(4 * HW, 2);
    const written = writeAll(pipe, Buffer.concat([...small, encodeFrame('T', big), encodeTextFrame('E', '{}')]));
    await untilPaused(job);
    for (let i = 0; i < small.length; i++) expect((await job.next()).body[0]).toBe(1);
    const f = await job.next();
    expect(f.body.equals(big)).toBe(true);
    expect((await job.next()).type).toBe('E');
    await written;
  });

  it('is stopped by abort once, and a failure reaches a waiting reader', async () => {
    const { job, calls } = setup();
    const waiting = job.next();
    job.fail(new Error('the SQLite runner stopped (SIGKILL)'));
    await expect(waiting).rejects.toThrow('SIGKILL');
    job.abort();
    job.abort();
    expect(calls).toEqual(['abort']);
  });
});
