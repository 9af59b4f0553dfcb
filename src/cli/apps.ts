/**
 * The apps a `tailyard` command knows: the built-in ones, then the plugins it names (`--app FILE`,
 * relative to the working directory) and those of the config file it will read (`"plugins"`,
 * relative to that file), found by the argument pre-scan (`argv-scan.ts`) before the commands
 * are built. A config file that cannot be read or parsed here is left to the command, which
 * reports it the way it always has; a bad `plugins` value or plugin is a `ConfigError` (exit 2).
 *
 * @example
 *   const known = await commandApps(process.argv.slice(2), process.env, process.cwd());
 *   known.apps.map((a) => a.id) // ['links', 'paste', 'secrets', 'sql', 'idp', 'notes']
 */
import { dirname, resolve } from 'node:path';
import type { AppDefinition } from '../platform/app.js';
import { ConfigError, readHujson } from '../platform/config.js';
import { loadPlugins } from '../platform/plugins.js';
import { builtInApps } from '../suite.js';
import { scanArgv } from './argv-scan.js';

/** Every app a command knows, and where each plugin came from (app id → file). */
export interface KnownApps {
  apps: AppDefinition[];
  sources: Record<string, string>;
}

/** The built-in apps alone. */
export const BUILT_IN: KnownApps = { apps: builtInApps, sources: {} };

/**
 * The config file's `plugins`, as absolute paths (relative ones from the file's folder); none
 * when the file cannot be read or parsed (the command reports that itself).
 */
export function configPlugins(file: string): string[] {
  let raw: unknown;
  try {
    raw = readHujson(file);
  } catch {
    return [];
  }
  const plugins = (raw as { plugins?: unknown } | null)?.plugins;
  if (plugins === undefined) return [];
  if (!Array.isArray(plugins) || !plugins.every((p) => typeof p === 'string' && p !== '')) {
    throw new ConfigError(`${file}: "plugins" must be a list of file names, e.g. ["./notes.mjs"]`);
  }
  return plugins.map((p: string) => resolve(dirname(resolve(file)), p));
}

/** The apps for the command in `args` (see the module comment). */
export async function commandApps(args: readonly string[], env: NodeJS.ProcessEnv, cwd: string): Promise<KnownApps> {
  const scan = scanArgv(args, env);
  const files = [...scan.appFiles.map((f) => resolve(cwd, f)), ...(scan.configFile ? configPlugins(resolve(cwd, scan.configFile)) : [])];
  const plugins = await loadPlugins(files, builtInApps);
  return { apps: [...builtInApps, ...plugins.apps], sources: plugins.sources };
}
