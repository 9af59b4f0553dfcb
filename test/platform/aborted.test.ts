/**
 * A request the client gives up on (closing the connection mid-body) is not a server error: the
 * access log records it at info level with nginx's 499, and nothing is logged as an error.
 */
import { connect } from 'node:net';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/platform/logging.js';
import { startTestApp, type TestApp } from '../support/platform.js';
import { whoamiApp } from '../support/whoami-app.js';

const lines: Array<Record<string, unknown>> = [];
let t: TestApp;

beforeAll(async () => {
  const sink = new Writable({
    write(chunk, _enc, done) {
      for (const l of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(l) as Record<string, unknown>);
      done();
    },
  });
  t = await startTestApp(whoamiApp, { log: createLogger('info', sink) });
});
afterAll(async () => {
  await t.cleanup();
});

describe('aborted requests', () => {
  it('are logged as 499 at info level, never as errors', async () => {
    const { hostname, port } = new URL(t.url);
    const sock = connect(Number(port), hostname);
    await new Promise<void>((r) => sock.once('connect', () => r()));
    // Promise 900 bytes of form body, send 10, then hang up.
    sock.write(`POST /notes HTTP/1.1\r\nHost: ${hostname}:${port}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 900\r\n\r\nbody=hello`);
    await new Promise((r) => setTimeout(r, 100));
    sock.destroy();
    const line = await waitFor(() => lines.find((l) => l.msg === 'request' && l.path === '/notes'));
    expect(line).toMatchObject({ level: 30, status: 499, method: 'POST' });
    expect(lines.filter((l) => (l.level as number) >= 50)).toEqual([]);
  });
});

async function waitFor<T>(fn: () => T | undefined): Promise<T> {
  for (let i = 0; i < 100; i++) {
    const v = fn();
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`not logged; log so far: ${JSON.stringify(lines)}`);
}
