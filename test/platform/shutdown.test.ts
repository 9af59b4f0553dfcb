import { describe, expect, it } from 'vitest';
import { startTestApp } from '../support/platform.js';
import { whoamiApp } from '../support/whoami-app.js';

describe('graceful shutdown', () => {
  it('finishes an in-flight request and then refuses new connections', async () => {
    const t = await startTestApp(whoamiApp);
    const inflight = fetch(`${t.url}/slow?ms=400`);
    await new Promise((r) => setTimeout(r, 100));
    const closing = t.close();
    const res = await inflight;
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('done\n');
    await closing;
    await expect(fetch(`${t.url}/`)).rejects.toThrow();
    await t.cleanup();
  });

  it('cuts requests that outlive the grace period', async () => {
    const t = await startTestApp(whoamiApp, { settings: { shutdownGraceMs: 100 } });
    const inflight = fetch(`${t.url}/slow?ms=5000`).then(
      (r) => r.status,
      () => 'cut',
    );
    await new Promise((r) => setTimeout(r, 50));
    const start = performance.now();
    await t.close();
    expect(performance.now() - start).toBeLessThan(3000);
    expect(await inflight).toBe('cut');
    await t.cleanup();
  });
});
