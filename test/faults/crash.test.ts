/**
 * An error nothing handles is a bug, and `tailyard serve` says so and stops: it logs the error
 * with its stack as pino `fatal` (level 60), prints it on stderr, and exits 1 — nothing is
 * swallowed, so tests and supervisors see it. Proven on the CLI's own serve path in a child
 * process, with an app whose route makes an EventEmitter emit 'error' with no listener (the
 * shape of issue 16's crash) and one that leaves a rejected promise unawaited.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startServe, VITE_NODE } from './serve-child.js';

const FIXTURE = join(import.meta.dirname, 'fixtures/serve-with-bug.ts');

describe('an uncaught error in tailyard serve', () => {
  for (const [route, origin, what, message] of [
    ['/emitter', 'uncaughtException', 'uncaught exception', 'an emitter nobody listens to'],
    ['/rejection', 'unhandledRejection', 'unhandled promise rejection', 'a promise nobody awaits'],
  ] as const) {
    it(`${what}: logged as fatal with its stack, then exit 1`, async () => {
      const serve = await startServe({ command: [VITE_NODE, FIXTURE], args: ['--set', 'apps.bug.devPort=0'] });
      const res = await fetch(`${serve.urls.bug}${route}`);
      expect(await res.text()).toBe('answered\n');
      expect(await serve.exited).toEqual({ code: 1, signal: null });
      const fatal = serve.logs().filter((l) => l.level === 60);
      expect(fatal).toEqual([
        expect.objectContaining({
          msg: `${what}: a bug in tailyard; exiting`,
          origin,
          err: expect.objectContaining({ type: 'Error', message, stack: expect.stringMatching(new RegExp(`^Error: ${message}\\n\\s+at .*serve-with-bug\\.ts`)) }),
        }),
      ]);
      expect(serve.stderr()).toMatch(new RegExp(`tailyard: ${what}, exiting: Error: ${message}\\n\\s+at `));
    }, 60_000);
  }
});
