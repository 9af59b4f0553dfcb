/**
 * The SQL console's config section (`apps.sql`): tailsql's own keys, spelled as tailsql spells
 * them so a tailsql config can be pasted in unchanged, plus tailyard's additions.
 *
 * tailsql keys: `sources` (`source`, `label`, `driver`, `url` | `keyFile` | `secret`, `named`),
 * `links`, `queryTimeout` (a Go duration), `localState`, `localSource`, `routePrefix`;
 * `hostname`, which names tailsql's node and so is the default of `serve.sql.hostname`; and
 * `stateDir`, `serveHTTPS`, `controlURL`, which only tailsql's own process uses and which are
 * accepted and logged as ignored. Validation messages for sources are tailsql's (`missing source
 * name`, `exactly one connection source must be set`).
 *
 * tailyard keys: `configFile` (the flag `--sql-config FILE`: a tailsql config read at start by
 * `config/load.ts`; keys set here win over the file's), `appSources` (ids of apps that offer
 * SQL views, e.g. `["links", "paste"]`), `uiRows`, `uiBytes`, `maxRows` (an announced export
 * cap; 0 = none), `maxQueryBytes`, `rewriteRules`, `sqliteWorkers`; per source `timeout`,
 * `uiRows`, `maxRows`.
 *
 * @example
 *   { "apps": { "sql": { "configFile": "/etc/tailsql.hujson", "appSources": ["links"] } } }
 */
import { z } from 'zod';
import type { AppFlag } from '../../platform/app.js';
import { parseGoDuration } from './config/duration.js';

const GoDuration = z.string().superRefine((s, ctx) => {
  try {
    if (parseGoDuration(s) < 0) ctx.addIssue({ code: 'custom', message: 'must not be negative' });
  } catch (err) {
    ctx.addIssue({ code: 'custom', message: (err as Error).message });
  }
});

const Slug = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'a source name is letters, digits, "_", "." or "-"');

export const SUPPORTED_DRIVERS = ['sqlite', 'postgres'] as const;
const DRIVER_ALIASES: Record<string, (typeof SUPPORTED_DRIVERS)[number]> = {
  sqlite: 'sqlite',
  sqlite3: 'sqlite',
  postgres: 'postgres',
  postgresql: 'postgres',
  pgx: 'postgres',
};

export const SourceSchema = z
  .object({
    source: z.string().default(''),
    label: z.string().default(''),
    driver: z.string().default(''),
    url: z.string().optional(),
    keyFile: z.string().optional(),
    secret: z.string().optional(),
    named: z.record(z.string(), z.string()).default({}),
    /** Per-source query timeout (Go duration); default: `queryTimeout`. */
    timeout: GoDuration.optional(),
    uiRows: z.number().int().positive().optional(),
    maxRows: z.number().int().min(0).optional(),
  })
  .strict()
  .superRefine((s, ctx) => {
    if (s.source === '') ctx.addIssue({ code: 'custom', message: 'missing source name', path: ['source'] });
    else if (!Slug.safeParse(s.source).success) ctx.addIssue({ code: 'custom', message: `invalid source name "${s.source}"`, path: ['source'] });
    if (s.driver === '') ctx.addIssue({ code: 'custom', message: 'missing driver name', path: ['driver'] });
    else if (!DRIVER_ALIASES[s.driver]) {
      ctx.addIssue({ code: 'custom', message: `unsupported driver "${s.driver}" (supported: sqlite, postgres)`, path: ['driver'] });
    }
    const set = [s.url, s.keyFile, s.secret].filter((x) => x !== undefined && x !== '').length;
    if (set !== 1) ctx.addIssue({ code: 'custom', message: 'exactly one connection source must be set' });
  })
  .transform((s) => ({ ...s, driver: DRIVER_ALIASES[s.driver] ?? 'sqlite' }));

export type SourceSpec = z.output<typeof SourceSchema>;

const LinkSchema = z.object({ anchor: z.string(), url: z.string() }).strict();

/** A UI rewrite rule: a built-in by name, or a link built from regexp matches. */
export const RewriteRuleSchema = z.union([
  z.enum(['sql', 'json', 'url', 'stripe']),
  z
    .object({
      column: z.string().optional(),
      value: z.string().optional(),
      /** `$0` (whole value) / `$1`… (groups of `value`), URL-escaped; must yield an http(s) or relative URL. */
      href: z.string().min(1),
      title: z.string().optional(),
    })
    .strict(),
]);

export type RewriteRuleSpec = z.output<typeof RewriteRuleSchema>;

/** The keys a tailsql config may hold (tailsql spelling). */
export const TAILSQL_KEYS = ['hostname', 'stateDir', 'serveHTTPS', 'controlURL', 'localState', 'localSource', 'sources', 'links', 'routePrefix', 'queryTimeout'] as const;
/** tailsql keys that only configure tailsql's own process. */
export const IGNORED_TAILSQL_KEYS = ['hostname', 'stateDir', 'serveHTTPS', 'controlURL'] as const;

export const SqlConfigSchema = z
  .object({
    configFile: z.string().min(1).optional(),
    sources: z.array(SourceSchema).optional(),
    links: z.array(LinkSchema).optional(),
    queryTimeout: GoDuration.optional(),
    localState: z.string().optional(),
    localSource: z.string().optional(),
    routePrefix: z.string().optional(),
    /** tailsql's node name: the default of `serve.sql.hostname` (a DNS label). */
    hostname: z.string().optional(),
    stateDir: z.string().optional(),
    serveHTTPS: z.boolean().optional(),
    controlURL: z.string().optional(),
    /** Apps whose SQL views are sources (`AppDefinition.sqlViews`), e.g. `["links", "paste"]`. */
    appSources: z.array(z.string().min(1)).default([]),
    uiRows: z.number().int().positive().max(100_000).default(500),
    /** Bytes of values the console page holds for one result (see drivers/row-budget.ts). */
    uiBytes: z
      .number()
      .int()
      .min(64 * 1024)
      .max(256 * 1024 * 1024)
      .default(16 * 1024 * 1024),
    maxRows: z.number().int().min(0).default(0),
    maxQueryBytes: z.number().int().positive().default(4000),
    rewriteRules: z.array(RewriteRuleSchema).default(['sql', 'json', 'url']),
    /**
     * SQLite runner processes (each runs one query at a time). One caller holds at most all but
     * one of them, so with a single runner nothing is kept back for the others.
     */
    sqliteWorkers: z.number().int().min(1).max(32).default(2),
  })
  .strict();

export type SqlConfig = z.output<typeof SqlConfigSchema>;

/** The console's flags on `tailyard serve`. */
export const flags: AppFlag[] = [{ flag: 'sql-config', key: 'configFile', kind: 'string', description: 'a tailsql config file (HuJSON), used unchanged' }];
