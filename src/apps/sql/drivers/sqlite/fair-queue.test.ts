import { describe, expect, it } from 'vitest';
import { FairQueue } from './fair-queue.js';

const limits = { perOwner: 2, queuedPerOwner: 3, queuedTotal: 5 };

describe('FairQueue', () => {
  it('lets an owner run up to its share, then queues it', () => {
    const q = new FairQueue<string>(limits);
    expect(q.mayRun('a')).toBe(true);
    q.started('a');
    q.started('a');
    expect(q.mayRun('a')).toBe(false);
    expect(q.mayRun('b')).toBe(true);
    expect(q.enqueue('a', 'a1')).toBe('queued');
    // With something of its own waiting, a new request waits behind it even when under the share.
    q.finished('a');
    expect(q.mayRun('a')).toBe(false);
    expect(q.next()).toEqual({ owner: 'a', item: 'a1' });
    expect(q.running('a')).toBe(2);
  });

  it('passes over an owner at its share, and serves the waiting owners in turn', () => {
    const q = new FairQueue<string>({ ...limits, queuedTotal: 20 });
    q.started('a');
    q.started('a');
    for (const item of ['a1', 'a2', 'a3']) q.enqueue('a', item);
    for (const item of ['b1', 'b2']) q.enqueue('b', item);
    q.enqueue('c', 'c1');
    const order: string[] = [];
    for (let turn = q.next(); turn; turn = q.next()) {
      order.push(turn.item);
      q.finished(turn.owner); // each finishes at once, as a quick query would
      if (turn.owner === 'b' && order.length === 1) q.finished('a'); // a's share frees after b's first turn
    }
    expect(order).toEqual(['b1', 'a1', 'c1', 'b2', 'a2', 'a3']);
    expect(q.queued).toBe(0);
  });

  it('bounds each owner’s queue and all queues together', () => {
    const q = new FairQueue<string>(limits);
    for (const i of [1, 2, 3]) expect(q.enqueue('a', `a${i}`)).toBe('queued');
    expect(q.enqueue('a', 'a4')).toBe('owner-full');
    expect(q.enqueue('b', 'b1')).toBe('queued');
    expect(q.enqueue('c', 'c1')).toBe('queued');
    expect(q.enqueue('d', 'd1')).toBe('full');
    expect(q.queued).toBe(5);
  });

  it('forgets a request whose caller gave up, and drains the rest', () => {
    const q = new FairQueue<string>(limits);
    q.enqueue('a', 'a1');
    q.enqueue('a', 'a2');
    expect(q.remove('a', 'a1')).toBe(true);
    expect(q.remove('a', 'a1')).toBe(false);
    expect(q.remove('zz', 'a2')).toBe(false);
    expect(q.queued).toBe(1);
    expect(q.drain()).toEqual(['a2']);
    expect(q.queued).toBe(0);
    expect(q.next()).toBeUndefined();
  });
});
