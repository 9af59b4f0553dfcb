import { AsyncLocalStorage } from 'node:async_hooks';
import { describe, expect, it, vi } from 'vitest';
import { Layout } from './layout.js';

describe('rendering pages', () => {
  it('never runs an AsyncLocalStorage (on Node 20 that slows every promise of the process)', () => {
    const run = vi.spyOn(AsyncLocalStorage.prototype, 'run');
    const enterWith = vi.spyOn(AsyncLocalStorage.prototype, 'enterWith');
    const html = String(
      <Layout title="t" brand="b" nav={[{ href: '/', label: 'home' }]}>
        <p>hello <b>world</b></p>
      </Layout>,
    );
    expect(html).toContain('<p>hello <b>world</b></p>');
    expect(run).not.toHaveBeenCalled();
    expect(enterWith).not.toHaveBeenCalled();
  });
});
