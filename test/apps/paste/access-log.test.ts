/**
 * A paste's link is a capability: whoever has the id can read the paste. The access log must not
 * hand ids to whoever reads the logs, so paste requests are logged by route pattern only.
 */
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/platform/logging.js';
import type { TestApp } from '../../support/platform.js';
import { startPaste } from './helpers.js';

const lines: string[] = [];
let t: TestApp;

beforeAll(async () => {
  const sink = new Writable({
    write(chunk, _enc, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  t = await startPaste({ log: createLogger('info', sink) });
});
afterAll(async () => {
  await t.cleanup();
});

describe('the paste access log', () => {
  it('names requests by route pattern, never by paste id', async () => {
    const res = await fetch(`${t.url}/api/post`, { method: 'POST', headers: { Accept: 'text/plain' }, body: new URLSearchParams({ filename: 'a.txt', content: 'hello' }) });
    expect(res.status).toBe(200);
    const url = await res.text();
    const id = url.split('/').pop() ?? '';
    expect(id.length).toBeGreaterThan(20);
    for (const suffix of ['', '/raw', '/dl']) expect((await fetch(`${url}${suffix}`)).status).toBe(200);
    await expect.poll(() => lines.filter((l) => l.includes('"route":"/paste/:id')).length).toBeGreaterThanOrEqual(3);
    const requests = lines.filter((l) => l.includes('"msg":"request"'));
    expect(requests.some((l) => l.includes('"route":"/paste/:id/raw"'))).toBe(true);
    expect(lines.filter((l) => l.includes(id))).toEqual([]);
  });
});
