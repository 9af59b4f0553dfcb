import { describe, expect, it } from 'vitest';
import { Scheduler } from './schedule.js';

/** A logger that records error lines. */
function recorder() {
  const errors: Array<{ obj: object; msg: string }> = [];
  return { errors, log: { error: (obj: object, msg: string) => void errors.push({ obj, msg }) } };
}

/** A promise and the function that settles it. */
function signal<T = void>() {
  let settle!: (v: T) => void;
  const promise = new Promise<T>((r) => {
    settle = r;
  });
  return { promise, settle };
}

describe('Scheduler', () => {
  it('runs a task at start when asked, then on its period, never overlapping itself', async () => {
    const { log } = recorder();
    const s = new Scheduler(log);
    let running = 0;
    let overlapped = false;
    let runs = 0;
    const third = signal();
    s.schedule(
      'slow',
      1,
      async () => {
        running++;
        overlapped ||= running > 1;
        // Longer than the period: a timer-driven scheduler would start the next run meanwhile.
        await new Promise((r) => setImmediate(r));
        await new Promise((r) => setImmediate(r));
        running--;
        if (++runs === 3) third.settle();
      },
      { runAtStart: true },
    );
    expect(runs).toBe(0);
    expect(running).toBe(1); // started at once
    await third.promise;
    expect(overlapped).toBe(false);
    await s.stop();
  });

  it('logs and counts a failure with the task name, and keeps the schedule', async () => {
    const { errors, log } = recorder();
    const failed: string[] = [];
    const s = new Scheduler(log, (task) => failed.push(task));
    const again = signal();
    let calls = 0;
    s.schedule('flaky', 1, () => {
      if (++calls === 2) again.settle();
      throw new Error('disk full');
    });
    await again.promise;
    await s.stop();
    expect(failed.slice(0, 1)).toEqual(['flaky']);
    expect(errors[0]).toEqual({ obj: { task: 'flaky', err: 'disk full' }, msg: 'scheduled task failed' });
  });

  it('on stop, waits for a run in progress and starts no other', async () => {
    const s = new Scheduler(recorder().log);
    const started = signal();
    const release = signal();
    let finished = 0;
    let runs = 0;
    s.schedule(
      'long',
      1,
      async () => {
        runs++;
        started.settle();
        await release.promise;
        finished++;
      },
      { runAtStart: true },
    );
    await started.promise;
    let stopped = false;
    const stopping = s.stop().then(() => {
      stopped = true;
    });
    await new Promise((r) => setImmediate(r));
    expect(stopped).toBe(false);
    release.settle();
    await stopping;
    expect(finished).toBe(1);
    expect(runs).toBe(1);
    expect(() => s.schedule('late', 1, () => {})).toThrow(/shutting down/);
  });

  it('refuses a period that is not a positive number of milliseconds', () => {
    const s = new Scheduler(recorder().log);
    expect(() => s.schedule('never', 0, () => {})).toThrow(/positive number of milliseconds/);
    expect(() => s.schedule('never', Number.NaN, () => {})).toThrow(/positive/);
  });
});
