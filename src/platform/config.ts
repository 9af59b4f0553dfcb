/**
 * Platform configuration: one HuJSON file (JSON with comments and trailing commas, Tailscale's
 * style), validated with zod, with every setting also reachable by environment variable or flag.
 *
 * Precedence, lowest first: defaults < config file < `TAILYARD_*` environment < CLI flags.
 * Generic overrides use dotted paths: `--set apps.links.readonly=true` or
 * `TAILYARD__APPS__LINKS__READONLY=true` (double underscores separate path segments).
 *
 * `apps.<id>` holds the app's own keys, validated by the app's schema; `serve.<id>` how the
 * platform hosts it (`enabled`, `hostname`, ports, `funnel`, `capName`, `extraHosts`; see
 * `serve-config.ts`, which also moves the old spellings under `apps.<id>` with a deprecation
 * warning). Every app this tailyard knows is resolved, enabled or not.
 */
import { userInfo } from 'node:os';
import { z } from 'zod';
import { defaultAdminListen } from './admin-listen.js';
import type { AppDefinition } from './app.js';
import { type AuditLogOptions, DEFAULT_AUDIT_KEEP_SEGMENTS, DEFAULT_AUDIT_SEGMENT_BYTES } from './audit.js';
import { ConfigError, type ConfigProblem } from './config-error.js';
import { objectShape, unknownKey, zodProblems } from './config-issues.js';
import { type ConfigSource, formatSyntax, parseConfigSource, readConfigSource } from './config-source.js';
import { ReplicateSchema } from './replicate/settings.js';
import { DnsLabel, SERVE_KEYS, ServeSchema, serveIssues, splitSections } from './serve-config.js';

export { ConfigError, type ConfigProblem } from './config-error.js';

const HostPort = z
  .string()
  .regex(/^(\[[0-9a-fA-F:.]+\]|[^:\s]+):\d{1,5}$/, 'expected "host:port", e.g. "127.0.0.1:8079"');

/**
 * Managed tailscaleds' Go memory knobs by default, chosen with `npm run bench -- tailnet-gomem`:
 * GOGC=50 keeps a busy tailscaled 4-10 MiB smaller for about 3 % more tailscaled CPU per request
 * (the mean of two runs whose noise was +-10 %: within the 5 % throughput bound), and no
 * GOMEMLIMIT: the Go runtime accounts ~40 MiB per tailscaled even when its private RSS is 9 MiB, so
 * any limit that would lower RSS makes the GC run nonstop (2.1-2.9x the CPU per request at 24 and
 * 40 MiB).
 */
/** The segments a chain is kept in: `keepBytes` / 16 each, so at most a sixteenth more is deleted than must be. */
const AUDIT_SEGMENTS = DEFAULT_AUDIT_KEEP_SEGMENTS;

export const DEFAULT_GO_MEM_LIMIT: string | null = null;
export const DEFAULT_GO_GC: number | 'off' | null = 50;

export const TailnetSchema = z
  .object({
    controlURL: z.url().default('https://controlplane.tailscale.com'),
    authKey: z.string().min(1).optional(),
    authKeyFile: z.string().min(1).optional(),
    /** Where each managed node keeps its state (default `<dataDir>/tailscale`). */
    stateDir: z.string().optional(),
    advertiseTags: z.array(z.string().regex(/^tag:[A-Za-z0-9-]+$/, 'tags look like "tag:name"')).default([]),
    ephemeral: z.boolean().default(false),
    /** Path to the `tailscaled` binary (default: found on PATH). */
    tailscaled: z.string().default('tailscaled'),
    /** Host mode: the machine's tailscaled LocalAPI socket. */
    socket: z.string().default('/var/run/tailscale/tailscaled.sock'),
    /** Extra environment for managed tailscaleds (test knobs such as TS_DEBUG_USE_DERP_HTTP). */
    env: z.record(z.string(), z.string()).default({}),
    /**
     * Go runtime memory knobs for each managed tailscaled: `GOMEMLIMIT` (a soft heap limit, e.g.
     * "48MiB") and `GOGC` (a percentage, or "off"); null leaves Go's own default. `env` wins.
     */
    goMemLimit: z
      .string()
      .regex(/^\d+(B|KiB|MiB|GiB|TiB)?$/, 'a byte count such as "48MiB" (units B, KiB, MiB, GiB, TiB)')
      .nullable()
      .default(DEFAULT_GO_MEM_LIMIT),
    goGC: z.union([z.number().int().min(1), z.literal('off')]).nullable().default(DEFAULT_GO_GC),
    /** How long bring-up may take before start-up fails (ms). */
    upTimeoutMs: z.number().int().positive().default(60_000),
    /**
     * Managed mode: one node per app (`node-per-app`, works on every control server), or one node
     * advertising every app as a Tailscale Service (`services`; needs a control server with
     * Services, such as Tailscale's, tailscaled >= 1.100, and a tagged node).
     */
    layout: z.enum(['node-per-app', 'services']).default('node-per-app'),
    /** `services` layout: the hostname of the one node that hosts every app's service. */
    servicesHost: DnsLabel.default('tailyard'),
    /** `services` layout: how long control may take to give every service its addresses (ms). */
    serviceWaitMs: z.number().int().positive().default(30_000),
    /**
     * How long a WhoIs answer may be reused (ms). Since tailscaled v1.100 a grant or ACL change
     * raises no IPN-bus event (the bus flushes the cache only for node and state changes), so
     * this maximum age is how long a changed grant can take to apply: keep it short.
     */
    whoisCacheMs: z.number().int().min(0).max(5000).default(1000),
  })
  .strict();

export const PlatformSchema = z
  .object({
    $schema: z.string().optional(),
    mode: z.enum(['dev', 'managed', 'host']).default('dev'),
    dataDir: z.string().min(1).default('./data'),
    dev: z
      .object({
        /** The dev caller's login (default `<os user>@localhost`). */
        login: z.string().min(1).optional(),
        /** A JSON file `{capName: [values...]}` that replaces the dev caller's capabilities. */
        capsFile: z.string().min(1).optional(),
      })
      .strict()
      .default({}),
    admin: z
      .object({
        /**
         * `/healthz` and `/metrics` listener; loopback only. Unset: 127.0.0.1:8079, or in managed
         * mode 127.0.0.2:8079, where tailscaled forwards nothing (see admin-listen.ts).
         */
        listen: HostPort.optional(),
        enabled: z.boolean().default(true),
      })
      .strict()
      .default({ enabled: true }),
    log: z
      .object({
        level: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
        /** `auto`: readable lines on a terminal, JSON anywhere else (see log-pretty.ts). */
        format: z.enum(['auto', 'json', 'pretty']).default('auto'),
      })
      .strict()
      .default({ level: 'info', format: 'auto' }),
    /** How long in-flight requests get on shutdown (ms). */
    shutdownGraceMs: z.number().int().min(0).default(10_000),
    /**
     * Every app's audit log (see audit.ts): at most `keepBytes` of entries (default 1 GiB per
     * app) or `keepEntries` entries are kept, the oldest deleted a sixteenth at a time (a
     * segment, opened by an anchor). `maxFileBytes` and `keepFiles` are the keys of the JSON
     * Lines files of earlier versions: deprecated, they still set the segment size and count.
     */
    audit: z
      .object({
        keepBytes: z.number().int().min(AUDIT_SEGMENTS * 4096).optional(),
        keepEntries: z.number().int().min(AUDIT_SEGMENTS).optional(),
        maxFileBytes: z.number().int().min(4096).optional(),
        keepFiles: z.number().int().min(1).optional(),
      })
      .strict()
      .default({}),
    /** Continuous replication of every database with Litestream (see replicate/settings.ts); off unless set. */
    replicate: ReplicateSchema.optional(),
    tailnet: TailnetSchema.default(TailnetSchema.parse({})),
    /** Each app's own keys, by app id. */
    apps: z.record(z.string(), z.record(z.string(), z.unknown())).default({}),
    /** How each app is hosted, by app id (see serve-config.ts). */
    serve: z.record(z.string(), z.record(z.string(), z.unknown())).default({}),
    /**
     * Apps from outside: ES module files, relative to the config file. The CLI loads them before
     * it reads anything else (see cli/apps.ts); `startPlatform` takes app definitions, not files.
     */
    plugins: z.array(z.string().min(1, 'a plugin is a file name, e.g. "./notes.mjs"')).default([]),
  })
  .strict();

export type PlatformConfig = z.output<typeof PlatformSchema>;

/**
 * The audit writer's retention from the config's `audit` section, and the warning for the
 * deprecated keys (which keep their meaning: a segment is what a rotated file was).
 *
 * @example auditRetention({ keepBytes: 1 << 30 }) // → { options: { segmentBytes: 64 MiB, keepSegments: 16 }, deprecations: [] }
 */
export function auditRetention(audit: PlatformConfig['audit']): { options: AuditLogOptions; deprecations: string[] } {
  const keepSegments = audit.keepFiles ?? AUDIT_SEGMENTS;
  const keepBytes = audit.keepBytes ?? DEFAULT_AUDIT_SEGMENT_BYTES * AUDIT_SEGMENTS;
  const options: AuditLogOptions = {
    segmentBytes: audit.maxFileBytes ?? Math.max(4096, Math.floor(keepBytes / keepSegments)),
    keepSegments,
    ...(audit.keepEntries === undefined ? {} : { segmentEntries: Math.ceil(audit.keepEntries / keepSegments) }),
  };
  const old = (['maxFileBytes', 'keepFiles'] as const).filter((k) => audit[k] !== undefined);
  const deprecations = old.length
    ? [
        `audit.${old.join(' and audit.')} ${old.length > 1 ? 'are' : 'is'} deprecated: the audit log is kept in <app>.audit.db now; ` +
          `use audit.keepBytes (${(options.segmentBytes as number) * keepSegments} bytes as configured). They still apply as before.`,
      ]
    : [];
  return { options, deprecations };
}

/** One app's resolved settings: serve keys with defaults filled in, plus its parsed own section. */
export interface ResolvedApp<C = unknown> {
  def: AppDefinition<C>;
  enabled: boolean;
  hostname: string;
  devHost: string;
  devPort: number;
  hostPort: number;
  backendPort: number;
  funnel: boolean;
  capName: string;
  extraHosts: string[];
  config: C;
}

export interface LoadedConfig {
  platform: PlatformConfig;
  /** The audit writer's retention (from the `audit` section, see {@link auditRetention}). */
  audit: AuditLogOptions;
  /** The enabled apps, in start-up order. */
  apps: ResolvedApp[];
  /** Every app this tailyard knows, enabled or not (their data and private files still exist). */
  known: ResolvedApp[];
  /** One warning per deprecated key in use, naming the new key. */
  deprecations: string[];
}

/** Reads a HuJSON file; throws a `ConfigError` naming every syntax error's line and column. */
export function readHujson(path: string): unknown {
  return checkedValue(readConfigSource(path));
}

export function parseHujson(text: string, name = 'config'): unknown {
  return checkedValue(parseConfigSource(text, name));
}

function checkedValue(source: ConfigSource): unknown {
  if (source.syntax.length) throw syntaxError(source);
  return source.value;
}

/** A `ConfigError` listing every syntax error of `source`. */
export function syntaxError(source: ConfigSource): ConfigError {
  const n = source.syntax.length;
  return new ConfigError(`${source.file}: ${n} syntax error${n === 1 ? '' : 's'}:\n${source.syntax.map((p) => `  ${formatSyntax(source, p)}`).join('\n')}`);
}

/** Sets `value` at a dotted path inside `obj`, creating objects on the way. */
export function setPath(obj: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.').filter(Boolean);
  if (parts.length === 0) throw new ConfigError(`empty setting name`);
  let cur = obj;
  for (const p of parts.slice(0, -1)) {
    const next = cur[p];
    if (typeof next !== 'object' || next === null || Array.isArray(next)) cur[p] = {};
    cur = cur[p] as Record<string, unknown>;
  }
  cur[parts.at(-1) as string] = value;
}

/** Interprets a string from the environment or `--set`: JSON when it parses, else the raw string. */
export function coerceSetting(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

/**
 * Reads `TAILYARD__A__B=v` environment overrides as `[path, value, variable]` triples. Segments are matched
 * to the schema's keys ignoring case and underscores, so `TAILYARD__TAILNET__CONTROL_URL` sets
 * `tailnet.controlURL` and `TAILYARD__APPS__LINKS__READONLY` sets `apps.links.readonly`.
 */
export function envOverrides(env: NodeJS.ProcessEnv, defs: AppDefinition[] = []): Array<[path: string, value: unknown, variable: string]> {
  const out: Array<[string, unknown, string]> = [];
  for (const [k, v] of Object.entries(env)) {
    if (!k.startsWith('TAILYARD__') || v === undefined) continue;
    const segments = k.slice('TAILYARD__'.length).split('__');
    out.push([canonicalPath(segments, defs).join('.'), coerceSetting(v), k]);
  }
  return out;
}

const fold = (key: string) => key.toLowerCase().replace(/_/g, '');

/** Follows `segments` through the config schema, replacing each with the key it names. */
function canonicalPath(segments: string[], defs: AppDefinition[]): string[] {
  const out: string[] = [];
  let shape: Record<string, unknown> | undefined = PlatformSchema.shape;
  for (const [i, seg] of segments.entries()) {
    const key: string = Object.keys(shape ?? {}).find((k) => fold(k) === fold(seg)) ?? seg.toLowerCase();
    out.push(key);
    if (i === 0 && (key === 'apps' || key === 'serve')) {
      shape = undefined;
    } else if (i === 1 && (out[0] === 'apps' || out[0] === 'serve')) {
      const def = defs.find((d) => fold(d.id) === fold(seg));
      if (def) out[1] = def.id;
      // `apps.<id>` still takes the serve keys' old spellings (moved with a deprecation warning).
      shape = out[0] === 'serve' ? ServeSchema.shape : { ...ServeSchema.shape, ...objectShape(def?.configSchema) };
    } else {
      shape = objectShape(shape?.[key]);
    }
  }
  return out;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The sections of `apps` or `serve` that are objects (the schema reports the others). */
function sections(v: unknown): Record<string, Record<string, unknown>> {
  return isRecord(v) ? (Object.fromEntries(Object.entries(v).filter(([, s]) => isRecord(s))) as Record<string, Record<string, unknown>>) : {};
}

/**
 * Validates raw settings against the platform schema, the serve schema and each app's schema.
 * Throws one `ConfigError` listing every problem (`problems`), each with the key path as the
 * user wrote it: an invalid platform key does not hide the apps' problems.
 */
export function resolveConfig(raw: unknown, defs: AppDefinition[]): LoadedConfig {
  const input = raw ?? {};
  const parsed = PlatformSchema.safeParse(input);
  const problems: ConfigProblem[] = parsed.success ? [] : zodProblems(parsed.error.issues, { input, schema: PlatformSchema });
  const appSections = parsed.success ? parsed.data.apps : sections((input as { apps?: unknown }).apps);
  const serveSections = parsed.success ? parsed.data.serve : sections((input as { serve?: unknown }).serve);
  const known = defs.map((d) => d.id);
  const deprecations: string[] = [];
  for (const [section, given] of [['apps', appSections], ['serve', serveSections]] as const) {
    for (const id of Object.keys(given)) {
      if (!known.includes(id)) {
        const hint = "an app from outside is loaded with --app FILE or the config's \"plugins\"";
        problems.push({ path: [section, id], message: `${unknownKey(id, known, 'app')}; ${hint}` });
      }
    }
  }
  const all: ResolvedApp[] = [];
  for (const def of defs) {
    const ownKeys = new Set(Object.keys(objectShape(def.configSchema) ?? {}));
    const split = splitSections(def.id, appSections[def.id] ?? {}, serveSections[def.id] ?? {}, ownKeys);
    deprecations.push(...split.deprecations);
    const o = def.configSchema.safeParse(split.own);
    if (!o.success) {
      const extraKeys = SERVE_KEYS.filter((k) => !ownKeys.has(k));
      problems.push(...zodProblems(o.error.issues, { input: split.own, schema: def.configSchema, prefix: ['apps', def.id], extraKeys }));
    }
    const defaults = o.success ? (def.serveDefaults?.(o.data) ?? {}) : {};
    if (defaults.hostname !== undefined && split.serve.hostname === undefined) {
      split.serve.hostname = defaults.hostname;
      split.origin.hostname = `apps.${def.id}.hostname`;
    }
    const c = ServeSchema.safeParse(split.serve);
    if (!c.success) problems.push(...serveIssues(def.id, c.error, split, ownKeys));
    if (!c.success || !o.success) continue;
    const devPort = c.data.devPort ?? def.defaultDevPort;
    all.push({
      def,
      enabled: c.data.enabled,
      hostname: c.data.hostname ?? def.defaultHostname,
      devHost: c.data.devHost,
      devPort,
      hostPort: c.data.hostPort ?? devPort,
      backendPort: c.data.backendPort ?? 10_000 + devPort,
      funnel: c.data.funnel,
      capName: c.data.capName ?? def.defaultCapName,
      extraHosts: c.data.extraHosts,
      config: o.data,
    });
  }
  if (problems.length || !parsed.success) throw ConfigError.of(problems);
  const platform = parsed.data;
  platform.admin.listen ??= defaultAdminListen(platform.mode);
  const retention = auditRetention(platform.audit);
  const audit = { ...retention.options, replicated: platform.replicate !== undefined };
  return { platform, audit, apps: all.filter((a) => a.enabled), known: all, deprecations: [...retention.deprecations, ...deprecations] };
}

/** The dev caller's default login: `<os user>@localhost`. */
export function defaultDevLogin(): string {
  let name = 'dev';
  try {
    name = userInfo().username || name;
  } catch {
    // No passwd entry (some containers): keep "dev".
  }
  return `${name}@localhost`;
}
