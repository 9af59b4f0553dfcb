import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LaneBusyError, TemplateLane } from './template-lane.js';

/** A clock the test moves: `spend(ms)` is a template run taking that long. */
let clock = 0;
const now = () => clock;
const spend = (ms: number) => () => {
  clock += ms;
  return `ran ${ms}`;
};

beforeEach(() => {
  clock = 0;
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

/** Advances the fake timers and the clock together. */
async function wait(ms: number) {
  clock += ms;
  await vi.advanceTimersByTimeAsync(ms);
}

describe('TemplateLane', () => {
  it('never holds back light templates, and answers them synchronously', () => {
    const lane = new TemplateLane({ now, heavyMs: 0.5, burstMs: 0 });
    for (let i = 0; i < 100; i++) expect(lane.run('light', spend(0.2))).toBe('ran 0.2');
    expect(lane.counts).toEqual({ heavyRuns: 0, waited: 0, refused: 0 });
  });

  it('runs a new destination at once, then holds its later runs to the heavy share', async () => {
    const lane = new TemplateLane({ now, share: 0.1, heavyMs: 0.5, burstMs: 0 });
    // First visit: cost unknown, runs now, and its 10 ms are charged to the lane.
    expect(lane.run('heavy', spend(10))).toBe('ran 10');
    // The next visit must wait until 10% of the time since covers both runs: 200 ms after t=10.
    const second = lane.run('heavy', spend(10));
    expect(second).toBeInstanceOf(Promise);
    let done = false;
    void (second as Promise<string>).then(() => {
      done = true;
    });
    await wait(199); // t = 209: not yet
    expect(done).toBe(false);
    await wait(2);
    expect(done).toBe(true);
    expect(lane.counts).toMatchObject({ heavyRuns: 1, waited: 1 });
  });

  it('keeps heavy work to its share over many visits from many callers', async () => {
    const lane = new TemplateLane({ now, share: 0.1, heavyMs: 0.5, burstMs: 20 });
    lane.run('heavy', spend(5));
    const started = clock;
    let cpu = 0;
    const visits = Array.from({ length: 40 }, () =>
      Promise.resolve(
        lane.run('heavy', () => {
          cpu += 5;
          return spend(5)();
        }),
      ),
    );
    // 40 visits of 5 ms at 10%: about 2 s of wall clock, less the 20 ms burst allowance.
    await wait(1500);
    expect(cpu).toBeLessThan(200);
    await wait(600);
    await Promise.all(visits);
    expect(cpu).toBe(200);
    expect((cpu - 20) / (clock - started)).toBeLessThanOrEqual(0.1);
  });

  it('forgets a destination that turned light again', async () => {
    const lane = new TemplateLane({ now, share: 0.1, heavyMs: 0.5, burstMs: 100 });
    lane.run('edited', spend(10));
    expect(lane.run('edited', spend(0.1))).toBe('ran 0.1');
    expect(lane.run('edited', spend(0.1))).toBe('ran 0.1');
    expect(lane.counts.heavyRuns).toBe(1);
  });

  it('charges runs that fail (a template that hits a limit is as costly as one that finishes)', async () => {
    const lane = new TemplateLane({ now, share: 0.1, heavyMs: 0.5, burstMs: 0 });
    expect(() =>
      lane.run('attack', () => {
        clock += 30;
        throw new Error('exceeded 100000 evaluation steps');
      }),
    ).toThrow(/steps/);
    expect(lane.run('attack', spend(1))).toBeInstanceOf(Promise);
    await wait(400);
  });

  it('refuses a heavy visit that would wait longer than maxWaitMs, without charging it', async () => {
    const lane = new TemplateLane({ now, share: 0.1, heavyMs: 0.5, burstMs: 0, maxWaitMs: 1500 });
    lane.run('heavy', spend(60));
    // 60 ms owed, 60 more reserved: 1.2 s at 10%.
    const queued = lane.run('heavy', spend(60));
    expect(queued).toBeInstanceOf(Promise);
    // A third would wait 1.8 s: refused, and the refusal costs the queue nothing.
    expect(() => lane.run('heavy', spend(60))).toThrow(LaneBusyError);
    expect(() => lane.run('heavy', spend(60))).toThrow(/try again in 2 s/);
    expect(lane.counts.refused).toBe(2);
    await wait(1201);
    expect(await queued).toBe('ran 60');
  });

  it('judges a visit with a 1 MiB request apart: it neither makes its link heavy nor spends the share of others', async () => {
    const lane = new TemplateLane({ now, share: 0.1, heavyMs: 0.5, burstMs: 0, maxWaitMs: 3000, largeInput: 1024, perByteMs: 0.0001 });
    const big = 1 << 20; // allows ~105 ms
    expect(lane.run('link', spend(100), big)).toBe('ran 100');
    expect(lane.run('link', spend(0.1), 10)).toBe('ran 0.1');
    expect(lane.counts).toEqual({ heavyRuns: 0, waited: 0, refused: 0 });
    // Beyond the allowance a large visit is charged, to the large visits' own bucket.
    expect(lane.run('link', spend(305), big)).toBe('ran 305');
    expect(lane.run('other', spend(10))).toBe('ran 10'); // an ordinary heavy template: its own share
    const next = lane.run('other', spend(10));
    expect(next).toBeInstanceOf(Promise); // 200 ms for the 20 ms of 'other', not 2 s more for the large visit
    await wait(200);
    await expect(next).resolves.toBe('ran 10');
    // The next 1 MiB visit of 'link' expects 200 ms beyond its allowance: 4 s of waiting, refused.
    expect(() => lane.run('link', spend(305), big)).toThrow(LaneBusyError);
    expect(lane.run('link', spend(0.1), 10)).toBe('ran 0.1');
  });
});
