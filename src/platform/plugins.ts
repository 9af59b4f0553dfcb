/**
 * Apps that plug in from outside: ES modules whose default export is `defineApp(...)` from
 * `tailyard/app`, loaded from files (`tailyard serve --app ./notes.mjs`, or the config file's
 * `plugins`). Once loaded, a plugin is an app like the built-in ones.
 *
 * Before the first plugin loads, the resolve hook of `plugin-resolve.ts` is registered, so that
 * `tailyard` and `tailyard/*` name the running tailyard for every module. Running from
 * TypeScript sources (tests under vitest) there is no compiled hook to register, and the test
 * runner resolves modules itself.
 *
 * Every way a plugin can be unfit is a `ConfigError` (exit 2 from the CLI) naming its file: the
 * file is missing, its import throws, it has no default export, the default export is not an app
 * definition (`definition-check.ts`), it asks for an app API version this tailyard lacks, or its
 * id is already another app's. A file named twice is loaded once.
 *
 * @example
 *   const plugins = await loadPlugins(['/srv/notes.mjs'], builtInApps);
 *   await startPlatform({ config, apps: [...builtInApps, ...plugins.apps], appSources: plugins.sources, ...suite() });
 */
import { existsSync } from 'node:fs';
import { register } from 'node:module';
import { extname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type AppDefinition, checkApiVersion } from './app.js';
import { ConfigError } from './config.js';
import { definitionProblems } from './definition-check.js';
import { packageRoot, tailyardVersion } from './package.js';
import type { ResolveHookData } from './plugin-resolve.js';

/** Plugins loaded from files: their definitions, and each one's file by app id (for messages). */
export interface LoadedPlugins {
  apps: AppDefinition[];
  sources: Record<string, string>;
}

let hookRegistered = false;

/** Registers the `tailyard` resolve hook once per process (see the module comment). */
function registerTailyardResolution(): void {
  if (hookRegistered) return;
  hookRegistered = true;
  const hook = new URL('./plugin-resolve.js', import.meta.url);
  if (!existsSync(fileURLToPath(hook))) return;
  const data: ResolveHookData = { packageJson: pathToFileURL(join(packageRoot(), 'package.json')).href };
  register(hook, { data });
}

function describe(err: unknown): string {
  return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
}

/** Imports one plugin file (absolute) and returns its checked definition. */
async function loadOne(file: string): Promise<AppDefinition> {
  if (!existsSync(file)) throw new ConfigError(`plugin ${file}: no such file`);
  let mod: { default?: unknown };
  try {
    mod = (await import(pathToFileURL(file).href)) as { default?: unknown };
  } catch (err) {
    const hint = extname(file) === '.ts' ? ' (Node 20 runs JavaScript: compile the plugin first)' : '';
    throw new ConfigError(`plugin ${file} failed to load: ${describe(err)}${hint}`);
  }
  const def = mod.default;
  if (def === undefined) {
    throw new ConfigError(`plugin ${file} has no default export: end it with \`export default defineApp({ apiVersion: 1, … })\` (defineApp from 'tailyard/app')`);
  }
  if (typeof def !== 'object' || def === null || typeof (def as { id?: unknown }).id !== 'string') {
    throw new ConfigError(`plugin ${file}: its default export is not an app definition (got ${def === null ? 'null' : typeof def}); export default defineApp({ apiVersion: 1, id: …, … })`);
  }
  checkApiVersion(def as { id: string; apiVersion?: unknown }, file, tailyardVersion());
  const problems = definitionProblems(def);
  if (problems.length) throw new ConfigError(`plugin ${file}: not a valid app definition:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  return def as AppDefinition;
}

/**
 * Loads the plugins in `files` (absolute paths), in order, next to the apps `known` already
 * (built in): see the module comment for what is refused.
 */
export async function loadPlugins(files: readonly string[], known: readonly AppDefinition[]): Promise<LoadedPlugins> {
  const unique = [...new Set(files)];
  if (unique.length === 0) return { apps: [], sources: {} };
  registerTailyardResolution();
  const apps: AppDefinition[] = [];
  const sources: Record<string, string> = {};
  for (const file of unique) {
    const def = await loadOne(file);
    const clash = known.some((k) => k.id === def.id) ? 'built in' : sources[def.id];
    if (clash) throw new ConfigError(`plugin ${file}: app id "${def.id}" is already taken by an app ${clash === 'built in' ? 'built into tailyard' : `from ${clash}`}; give this one another id`);
    apps.push(def);
    sources[def.id] = file;
  }
  return { apps, sources };
}
