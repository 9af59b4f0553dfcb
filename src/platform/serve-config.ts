/**
 * How the platform hosts each app: the `serve.<id>` section of the config (`enabled`,
 * `hostname`, `devHost`, `devPort`, `hostPort`, `backendPort`, `funnel`, `capName`,
 * `extraHosts`), kept apart from the app's own keys in `apps.<id>`.
 *
 * Configs written before the split kept these keys in `apps.<id>`; they keep working: each such
 * key is moved to `serve.<id>` with one deprecation warning naming the new key (when both are
 * set, `serve` wins and the warning says so), and a validation error names the key where the
 * user wrote it. A key the app's own schema declares under the same name stays the app's (the
 * SQL console's `hostname` is tailsql's key), and the app may turn it into a hosting default
 * with `AppDefinition.serveDefaults`.
 *
 * @example
 *   const r = resolveServe(def, { apps: { links: { devPort: 9000 } }, serve: {} });
 *   r.serve.devPort // 9000; r.deprecations: ['apps.links.devPort is deprecated; use serve.links.devPort']
 */
import { z } from 'zod';
import type { ConfigProblem } from './config-error.js';
import { zodProblems } from './config-issues.js';

const Port = z.number().int().min(0).max(65535);

/** A DNS label: what a tailnet hostname must be. */
export const DnsLabel = z.string().regex(/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/, 'must be a DNS label (a-z, 0-9, -)');

/** The keys of `serve.<id>`, for every app alike. */
export const ServeSchema = z
  .object({
    enabled: z.boolean().default(true),
    /** Tailnet hostname in managed mode (default: the app's, e.g. `go`). */
    hostname: DnsLabel.optional(),
    /** Dev mode listen host (loopback only) and port. */
    devHost: z.string().default('127.0.0.1'),
    devPort: Port.optional(),
    /** Host mode port on the machine's tailnet addresses (default: the dev port). */
    hostPort: Port.optional(),
    /** Managed mode backend port on 127.0.0.2 (default: 10000 + the dev port). */
    backendPort: Port.optional(),
    funnel: z.boolean().default(false),
    /** The grant capability name (default: the app's upstream name). */
    capName: z.string().min(1).optional(),
    /**
     * More names (`host` or `host:port`) the app answers to, e.g. a reverse proxy's public name.
     * Requests for any name neither the tailnet layer nor this list knows get 421 (DNS rebinding).
     */
    extraHosts: z.array(z.string().regex(/^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+)(:\d{1,5})?$/, 'expected a host name or address, optionally with ":port"')).default([]),
  })
  .strict();

export type ServeSettings = z.output<typeof ServeSchema>;

/** The names of the serve keys. */
export const SERVE_KEYS: readonly string[] = Object.keys(ServeSchema.shape);

/** One app's sections split apart: its own keys, its serve keys, and where each serve key was written. */
export interface SplitSections {
  own: Record<string, unknown>;
  serve: Record<string, unknown>;
  /** Config path each serve key came from (`apps.links.devPort` for a deprecated spelling). */
  origin: Record<string, string>;
  deprecations: string[];
}

/**
 * Moves the serve keys an app section still holds (the old place) into its serve section.
 * `ownKeys` are the keys the app's own schema declares: those stay the app's.
 */
export function splitSections(id: string, appSection: Record<string, unknown>, serveSection: Record<string, unknown>, ownKeys: ReadonlySet<string>): SplitSections {
  const own: Record<string, unknown> = {};
  const serve = { ...serveSection };
  const origin: Record<string, string> = {};
  const deprecations: string[] = [];
  for (const key of Object.keys(serve)) origin[key] = `serve.${id}.${key}`;
  for (const [key, value] of Object.entries(appSection)) {
    if (!SERVE_KEYS.includes(key) || ownKeys.has(key)) {
      own[key] = value;
    } else if (key in serve) {
      deprecations.push(`apps.${id}.${key} is deprecated and ignored: serve.${id}.${key} is set too and wins`);
    } else {
      serve[key] = value;
      origin[key] = `apps.${id}.${key}`;
      deprecations.push(`apps.${id}.${key} is deprecated; use serve.${id}.${key}`);
    }
  }
  return { own, serve, origin, deprecations };
}

/**
 * Each issue of a serve section as a problem (in words), named by the path the user wrote. An
 * app's own key (`ownKeys`) written under `serve.<id>` is named as misplaced.
 */
export function serveIssues(id: string, error: z.ZodError, split: Pick<SplitSections, 'serve' | 'origin'>, ownKeys: ReadonlySet<string> = new Set()): ConfigProblem[] {
  return zodProblems(error.issues, { input: split.serve, schema: ServeSchema }).map((p) => {
    const [first, ...rest] = p.path;
    const base = first === undefined ? ['serve', id] : (split.origin[String(first)]?.split('.') ?? ['serve', id, first]);
    const misplaced = rest.length === 0 && typeof first === 'string' && ownKeys.has(first) && !(first in ServeSchema.shape);
    const message = misplaced ? `not a serve key: it is one of the app's own keys; move it to apps.${id}.${first}` : p.message;
    return { path: [...base, ...rest], message };
  });
}
