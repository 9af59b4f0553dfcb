/**
 * One request's frames as its runner pushes them: delivered in order to a reader that waits or
 * comes later, the bytes it takes reported to the runner (its flow control), a failure after the
 * frames that came before it, and a job given up: its frames dropped and counted as taken, the
 * runner told only while the job is still in its hands, the end reported once. The runner side
 * is a recorder. (Flow control on a real pipe: test/apps/sql/sqlite-pool.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { type JobRunner, RunnerJob } from './job.js';
import { type Frame, encodeTextFrame } from './protocol.js';

function setup() {
  const calls: string[] = [];
  let consumed = 0;
  const runner: JobRunner = {
    consumed: (n) => {
      consumed += n;
    },
    abandon: () => calls.push('abandon'),
  };
  const job = new RunnerJob(encodeTextFrame('Q', '{}'), 'amy', 'main.db', () => calls.push('end'));
  job.runner = runner;
  return { job, calls, consumed: () => consumed };
}

const frame = (type: Frame['type'], text = ''): Frame => ({ type, body: Buffer.from(text) });

describe('RunnerJob', () => {
  it('hands frames over in order, to a waiting reader and to a later one, and ends once at the terminal frame', async () => {
    const { job, calls, consumed } = setup();
    const first = job.next();
    job.push(frame('H', '{"columns":[]}'));
    expect((await first).type).toBe('H');
    job.push(frame('T', 'a'));
    job.push(frame('E', '{}'));
    expect(job.received).toBe(true);
    expect(job.held).toBe(5 + 1 + 5 + 2);
    expect((await job.next()).body.toString()).toBe('a');
    expect(calls).toEqual([]);
    expect((await job.next()).type).toBe('E');
    expect(calls).toEqual(['end']);
    expect(job.held).toBe(0);
    expect(consumed()).toBe(5 + 14 + 5 + 1 + 5 + 2);
  });

  it('gives the frames that came before a failure first, then the failure', async () => {
    const { job, calls } = setup();
    job.push(frame('H', '{}'));
    job.fail(new Error('the SQLite runner stopped (SIGKILL)'));
    expect((await job.next()).type).toBe('H');
    await expect(job.next()).rejects.toThrow('SIGKILL');
    expect(calls).toEqual(['end']);
  });

  it('given up in the runner’s hands: drops what it holds and what still comes, tells the runner, and wakes a waiting reader', async () => {
    const { job, calls, consumed } = setup();
    job.push(frame('H', '{}'));
    await job.next();
    const waiting = job.next();
    job.push(frame('T', 'abc'));
    job.push(frame('T', 'de'));
    await waiting;
    job.abort();
    job.abort();
    expect(calls).toEqual(['abandon', 'end']);
    job.push(frame('T', 'fgh'));
    job.push(frame('E', '{}'));
    expect(job.held).toBe(0);
    expect(consumed()).toBe(7 + 8 + 7 + 8 + 7);
  });

  it('given up after its terminal frame arrived: the runner is not bothered', async () => {
    const { job, calls } = setup();
    job.push(frame('H', '{}'));
    job.push(frame('E', '{}'));
    job.abort();
    expect(calls).toEqual(['end']);
  });

  it('a reader waiting when the job is given up is woken with an error', async () => {
    const { job } = setup();
    const waiting = job.next();
    job.abort();
    await expect(waiting).rejects.toThrow('stopped');
  });
});
