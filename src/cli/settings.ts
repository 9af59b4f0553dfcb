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
import { ConfigError, coerceSetting, envOverrides, setPath, syntaxError } from '../platform/config.js';
import { type ConfigSource, readConfigSource } from '../platform/config-source.js';

export interface ServeFlags {
  config?: string;
  data?: string;
  mode?: string;
  devLogin?: string;
  devCaps?: string;
  adminListen?: string;
  logLevel?: string;
  logFormat?: string;
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
  ['log-format', 'log.format'],
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

/** The raw settings, the config file they started from, and which keys the environment or flags set. */
export interface GatheredSettings {
  settings: Record<string, unknown>;
  /** The config file (undefined without one); its syntax errors are kept, not thrown. */
  source?: ConfigSource;
  /** Dotted key path → the flag or variable that set it last (`--links-port`, `TAILYARD_DATA`). */
  origins: Map<string, string>;
}

/**
 * Merges the file, the environment and the flags (see the module comment). Syntax errors of the
 * file are kept in `source.syntax`, with what jsonc-parser recovered as the file's value, so the
 * caller can report them together with every other problem.
 */
export function gatherSettings(flags: ServeFlags, env: NodeJS.ProcessEnv, defs: AppDefinition[]): GatheredSettings {
  const file = flags.config ?? env.TAILYARD_CONFIG;
  const source = file ? readConfigSource(file) : undefined;
  const base = source ? (source.value ?? {}) : {};
  if (typeof base !== 'object' || base === null || Array.isArray(base)) {
    if (source?.syntax.length) throw syntaxError(source);
    throw new ConfigError(`${file}: the config must be a JSON object ({ … }), e.g. { "mode": "dev" }`);
  }
  const settings = structuredClone(base) as Record<string, unknown>;
  const origins = new Map<string, string>();
  const set = (path: string, value: unknown, origin: string) => {
    setPath(settings, path, value);
    origins.set(path, origin);
  };

  // Environment, then flags (flags win).
  for (const [path, value, variable] of envOverrides(env, defs)) set(path, value, variable);
  if (env.TS_AUTHKEY) set('tailnet.authKey', env.TS_AUTHKEY, 'TS_AUTHKEY');
  for (const [flag, path] of PLATFORM_FLAGS) {
    const v = env[envNameOf(flag)];
    if (v !== undefined && v !== '') set(path, v, envNameOf(flag));
  }
  for (const def of defs) {
    for (const f of appFlags(def)) {
      const v = env[envNameOf(f.flag)];
      if (v !== undefined) set(f.path, convert(f, v), envNameOf(f.flag));
    }
  }

  for (const [flag, path] of PLATFORM_FLAGS) {
    const v = flags[camelOf(flag)];
    if (v !== undefined) set(path, v, `--${flag}`);
  }
  for (const def of defs) {
    for (const f of appFlags(def)) {
      const v = flags[camelOf(f.flag)];
      if (v !== undefined) set(f.path, convert(f, v), `--${f.flag}`);
    }
  }
  for (const item of flags.set ?? []) {
    const eq = item.indexOf('=');
    if (eq <= 0) throw new ConfigError(`--set ${item}: expected key=value, e.g. --set apps.links.readonly=true`);
    set(item.slice(0, eq), coerceSetting(item.slice(eq + 1)), `--set ${item.slice(0, eq)}`);
  }
  if (JSON.stringify(settings.plugins) !== JSON.stringify((base as { plugins?: unknown }).plugins)) {
    // They were loaded (apps.ts) before the environment and flags were read: a change here would be ignored.
    throw new ConfigError('plugins: name them in the config file or with --app FILE, not with --set or the environment');
  }
  return { settings, source, origins };
}

/** The merged raw settings; throws a `ConfigError` listing the file's syntax errors, if any. */
export function buildSettings(flags: ServeFlags, env: NodeJS.ProcessEnv, defs: AppDefinition[]): Record<string, unknown> {
  const { settings, source } = gatherSettings(flags, env, defs);
  if (source?.syntax.length) throw syntaxError(source);
  return settings;
}
