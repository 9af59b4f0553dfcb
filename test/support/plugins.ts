/**
 * Plugin folders for the plugin tests, outside the repository (so nothing resolves through its
 * node_modules or its package.json): `bare/hello.mjs` with no node_modules at all (it finds
 * `tailyard/app` only through the platform's resolve hook), and `own/echo.mjs` with copies of
 * hono and zod in `own/node_modules` (copies, not links: Node follows links to the real path,
 * which would make them the platform's own modules).
 *
 * @example
 *   const p = pluginFolders();
 *   spawn(node, [BIN, 'serve', '--app', './bare/hello.mjs'], { cwd: p.root });
 *   p.remove();
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const repo = join(import.meta.dirname, '../..');
const fixtures = join(repo, 'test/fixtures/plugins');

export interface PluginFolders {
  root: string;
  /** `<root>/bare/hello.mjs`. */
  hello: string;
  /** `<root>/own/echo.mjs`. */
  echo: string;
  remove(): void;
}

export function pluginFolders(): PluginFolders {
  const root = mkdtempSync(join(tmpdir(), 'tailyard-plugins-'));
  for (let dir = root; dirname(dir) !== dir; dir = dirname(dir)) {
    // The "no node_modules" case only means something if no folder above has one.
    if (existsSync(join(dirname(dir), 'node_modules'))) throw new Error(`${dirname(dir)}/node_modules exists: the bare plugin could resolve through it`);
  }
  const hello = join(root, 'bare/hello.mjs');
  const echo = join(root, 'own/echo.mjs');
  mkdirSync(dirname(hello), { recursive: true });
  mkdirSync(join(root, 'own/node_modules'), { recursive: true });
  cpSync(join(fixtures, 'hello.mjs'), hello);
  cpSync(join(fixtures, 'echo.mjs'), echo);
  for (const pkg of ['hono', 'zod']) cpSync(join(repo, 'node_modules', pkg), join(root, 'own/node_modules', pkg), { recursive: true });
  return { root, hello, echo, remove: () => rmSync(root, { recursive: true, force: true }) };
}
