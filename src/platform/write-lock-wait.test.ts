import { describe, expect, it } from 'vitest';
import { isBusy, withWriteLockWait } from './write-lock-wait.js';

const busy = (code = 'SQLITE_BUSY') => Object.assign(new Error('database is locked'), { code });

describe('waiting for the write lock in short steps', () => {
  it('tries again while the lock is held, and returns what the write returned', () => {
    let tries = 0;
    const r = withWriteLockWait(5000, () => {
      if (++tries < 4) throw busy(tries === 2 ? 'SQLITE_BUSY_SNAPSHOT' : 'SQLITE_BUSY');
      return 'written';
    });
    expect([r, tries]).toEqual(['written', 4]);
  });

  it('throws the last SQLITE_BUSY once the wait is over, and any other error at once', () => {
    let clock = 0;
    let tries = 0;
    const now = () => clock;
    expect(() =>
      withWriteLockWait(
        10,
        () => {
          tries++;
          clock += 4;
          throw busy();
        },
        now,
      ),
    ).toThrow(expect.objectContaining({ code: 'SQLITE_BUSY' }));
    expect(tries).toBe(3);
    let other = 0;
    expect(() =>
      withWriteLockWait(5000, () => {
        other++;
        throw Object.assign(new Error('disk full'), { code: 'SQLITE_FULL' });
      }),
    ).toThrow('disk full');
    expect(other).toBe(1);
  });

  it('knows SQLite busy codes from others', () => {
    expect([isBusy(busy()), isBusy(busy('SQLITE_BUSY_RECOVERY')), isBusy(busy('SQLITE_FULL')), isBusy(undefined), isBusy(new Error('x'))]).toEqual([true, true, false, false, false]);
  });
});
