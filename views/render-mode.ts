/**
 * Keeps hono/jsx from switching on Node 20's async hooks.
 *
 * hono/jsx runs every render inside an AsyncLocalStorage when the runtime has one, so that
 * `useContext` works across `await` in async components. On Node 20, the first
 * `AsyncLocalStorage.run()` switches on async_hooks' promise hooks for the rest of the process:
 * after one page view, every promise of every app costs about 2.5 times as much (measured here:
 * 2 million awaited promises went from 0.29 s to 0.73 s). Our components are synchronous and use
 * no context, which is exactly what hono's fallback path (a plain per-render store) is for. So
 * hono's one-time probe for AsyncLocalStorage is made here, at start-up, while
 * `process.getBuiltinModule` does not offer `node:async_hooks`; everything else is untouched.
 * Node 24's AsyncLocalStorage no longer uses these hooks, so this can go with Node 20.
 *
 * @example
 *   import './render-mode.js'; // before the first render (views/layout.tsx does it)
 */
import { jsx } from 'hono/jsx/jsx-runtime';

type GetBuiltinModule = (id: string) => unknown;

function probeWithoutAsyncHooks(): void {
  const proc = process as unknown as { getBuiltinModule?: GetBuiltinModule };
  const original = proc.getBuiltinModule;
  if (!original) return;
  proc.getBuiltinModule = (id) => (id === 'node:async_hooks' || id === 'async_hooks' ? undefined : original.call(process, id));
  try {
    String(jsx('i', {})); // the first render is when hono/jsx looks for AsyncLocalStorage
  } finally {
    proc.getBuiltinModule = original;
  }
}

probeWithoutAsyncHooks();
