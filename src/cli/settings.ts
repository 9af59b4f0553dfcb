/**
 * Merges the config file, the environment and `tailyard serve` flags into one raw settings object
 * (validated later by `resolveConfig`). Precedence, lowest first: file < environment < flags.
 * `--<app>-port` / `TAILYARD_<APP>_PORT` set `serve.<app>.devPort`; an app's own flags set keys
 * of `apps.<app>`. `plugins` come from the file only (the CLI loads them before anything else).
 * The apps' subcommands resolve their config through the same function
 * (`cli/context.ts`), with `--config`, `--data` and `--set`.
 *
 * @example
 *   buildSettings({ data: './d', devLogin: 'me@x', set: ['apps.links.readonly=true'] }, process.env, allApps)
 */
import type { AppDefinition, AppFlag } from '../platform/app.js';
import { ConfigError, coerceSetting, envOverrides, readHujson, setPath } from '../platform/config.js';

export interface ServeFlags {
  config?: string;
  data?: string;
  mode?: string;
  devLogin?: string;
  devCaps?: string;
  adminListen?: string;
  logLevel?: string;
  controlUrl?: string;
  authKeyFile?: string;
  set?: string[];
  /** Per-app flags keyed by their camelCased flag name (commander's convention), e.g. `linksPort`. */
  [appFlag: string]: unknown;
}

/** The env variable twin of a flag: `links-readonly` → `TAILYARD_LINKS_READONLY`. */
export function envNameOf(flag: string): string {
  return `TAILYARD_${flag.toUpperCase().replace(/-/g, '_')}`;
}

export function camelOf(flag: string): string {
  return flag.replace(/-([a-z0-9])/g, (_m, ch: string) => ch.toUpperCase());
}

/** Platform-level flags: flag name → config path. Each also reads `TAILYARD_<FLAG>`. */
const PLATFORM_FLAGS: Array<[flag: string, path: string]> = [
  ['data', 'dataDir'],
  ['mode', 'mode'],
  ['dev-login', 'dev.login'],
  ['dev-caps', 'dev.capsFile'],
  ['admin-listen', 'admin.listen'],
  ['log-level', 'log.level'],
  ['control-url', 'tailnet.controlURL'],
  ['auth-key-file', 'tailnet.authKeyFile'],
];

/** A flag and the config path it sets. */
export interface PlacedFlag extends AppFlag {
  path: string;
}

/** Flags every app gets: `--<app>-port` sets `serve.<app>.devPort`. */
export function portFlag(def: AppDefinition): PlacedFlag {
  return { flag: `${def.id}-port`, key: 'devPort', path: `serve.${def.id}.devPort`, description: `${def.title} dev port (default ${def.defaultDevPort})`, kind: 'number' };
}

/** Every flag of an app: its port, and its own flags (each setting a key of `apps.<app>`). */
export function appFlags(def: AppDefinition): PlacedFlag[] {
  return [portFlag(def), ...(def.flags ?? []).map((f) => ({ ...f, path: `apps.${def.id}.${f.key}` }))];
}

function convert(flag: AppFlag, raw: unknown): unknown {
  if (typeof raw !== 'string') return raw;
  if (flag.kind === 'boolean') {
    if (/^(1|true|yes|on)$/i.test(raw)) return true;
    if (/^(0|false|no|off|)$/i.test(raw)) return false;
    throw new ConfigError(`--${flag.flag} / ${envNameOf(flag.flag)}: expected true or false, got "${raw}"`);
  }
  if (flag.kind === 'number') {
    const n = Number(raw);
    if (!Number.isFinite(n) || raw.trim() === '') throw new ConfigError(`--${flag.flag} / ${envNameOf(flag.flag)}: expected a number, got "${raw}"`);
    return n;
  }
  return raw;
}

export function buildSettings(flags: ServeFlags, env: NodeJS.ProcessEnv, defs: AppDefinition[]): Record<string, unknown> {
  const file = flags.config ?? env.TAILYARD_CONFIG;
  const base = file ? readHujson(file) : {};
  if (typeof base !== 'object' || base === null || Array.isArray(base)) {
    throw new ConfigError(`${file}: the config must be a JSON object`);
  }
  const settings = structuredClone(base) as Record<string, unknown>;

  // Environment, then flags (flags win).
  for (const [path, value] of envOverrides(env, defs)) setPath(settings, path, value);
  if (env.TS_AUTHKEY) setPath(settings, 'tailnet.authKey', env.TS_AUTHKEY);
  for (const [flag, path] of PLATFORM_FLAGS) {
    const v = env[envNameOf(flag)];
    if (v !== undefined && v !== '') setPath(settings, path, v);
  }
  for (const def of defs) {
    for (const f of appFlags(def)) {
      const v = env[envNameOf(f.flag)];
      if (v !== undefined) setPath(settings, f.path, convert(f, v));
    }
  }

  for (const [flag, path] of PLATFORM_FLAGS) {
    const v = flags[camelOf(flag)];
    if (v !== undefined) setPath(settings, path, v);
  }
  for (const def of defs) {
    for (const f of appFlags(def)) {
      const v = flags[camelOf(f.flag)];
      if (v !== undefined) setPath(settings, f.path, convert(f, v));
    }
  }
  for (const item of flags.set ?? []) {
    const eq = item.indexOf('=');
    if (eq <= 0) throw new ConfigError(`--set ${item}: expected key=value, e.g. --set apps.links.readonly=true`);
    setPath(settings, item.slice(0, eq), coerceSetting(item.slice(eq + 1)));
  }
  if (JSON.stringify(settings.plugins) !== JSON.stringify((base as { plugins?: unknown }).plugins)) {
    // They were loaded (apps.ts) before the environment and flags were read: a change here would be ignored.
    throw new ConfigError('plugins: name them in the config file or with --app FILE, not with --set or the environment');
  }
  return settings;
}
