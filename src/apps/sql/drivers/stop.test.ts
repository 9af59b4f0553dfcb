/** The query stop: what the drivers rely on from an AbortSignal, kept. */
import { describe, expect, it } from 'vitest';
import { Stop } from './stop.js';

describe('Stop', () => {
  it('calls each listener once, in order, with the first reason kept; removed and late listeners are not called', () => {
    const stop = new Stop();
    const calls: string[] = [];
    const a = () => calls.push(`a:${String(stop.reason)}`);
    const b = () => calls.push('b');
    const c = () => calls.push('c');
    stop.signal.addEventListener('abort', a, { once: true });
    stop.signal.addEventListener('abort', b);
    stop.signal.addEventListener('abort', c);
    stop.signal.removeEventListener('abort', b);
    expect(stop.signal.aborted).toBe(false);
    stop.abort('timeout');
    stop.abort('cancelled');
    stop.signal.addEventListener('abort', () => calls.push('late'));
    expect(calls).toEqual(['a:timeout', 'c']);
    expect(stop.signal).toMatchObject({ aborted: true, reason: 'timeout' });
  });
});
