/**
 * Whether a value from outside the build (a plugin's default export) is an app definition the
 * platform can host: `AppDefinition` v1's fields with the right kinds, an id that is safe as a
 * file name, config key, flag and environment name, and flags that carry the app's id (so no
 * plugin can take `--data` or another app's flag). Built-in apps are checked by the compiler;
 * plugins written in JavaScript are checked here, before anything uses them.
 *
 * @example
 *   definitionProblems({ apiVersion: 1, id: 'Notes' }) // ['id: an app id is a lower-case letter, …', 'title: …', …]
 */
import { z } from 'zod';
import { DnsLabel } from './serve-config.js';

/** An app id: it names `<data>/<id>.db`, `apps.<id>`, `--<id>-port` and `TAILYARD_<ID>_PORT`. */
export const APP_ID = /^[a-z][a-z0-9]{0,31}$/;

const fn = (what: string) => z.custom<(...args: never[]) => unknown>((v) => typeof v === 'function', `expected ${what}`);
const optionalFn = (what: string) => fn(what).optional();

const DefinitionSchema = z.looseObject({
  id: z.string().regex(APP_ID, 'an app id is a lower-case letter and up to 31 more lower-case letters or digits'),
  title: z.string().min(1),
  defaultHostname: DnsLabel,
  defaultDevPort: z.number().int().min(0).max(65535),
  defaultCapName: z.string().min(1),
  fullAccessCaps: z.array(z.unknown()),
  configSchema: z.custom((v) => typeof (v as { safeParse?: unknown } | null)?.safeParse === 'function', 'expected a zod schema, e.g. z.object({})'),
  migrations: z.array(
    z.looseObject({
      version: z.number().int().positive(),
      name: z.string().min(1),
      up: z.union([z.string(), fn('SQL or a function (db) => void')]),
    }),
  ),
  create: fn('a function create(ctx) returning a Hono app'),
  flags: z
    .array(
      z.object({
        flag: z.string().regex(/^[a-z][a-z0-9-]*$/, 'a flag name is lower case, without dashes in front'),
        key: z.string().min(1),
        description: z.string(),
        kind: z.enum(['boolean', 'string', 'number']),
      }),
    )
    .optional(),
  csrfExempt: z.array(z.object({ method: z.string(), path: z.string() })).optional(),
  capabilityUrls: z.boolean().optional(),
  publicPathPrefixes: z.array(z.string()).optional(),
  durableCommits: z.boolean().optional(),
  requiresPrivateDataDir: z.boolean().optional(),
  assets: z.record(z.string(), z.string()).optional(),
  privateFiles: z.object({ holds: z.string(), files: z.array(z.string()) }).optional(),
  admitUnknownPeers: optionalFn('a function (config) => boolean'),
  serveDefaults: optionalFn('a function (config) => ({ hostname? })'),
  maxBodyBytes: optionalFn('a function (config) => number'),
  errors: optionalFn('a function (err) => AppFailure | undefined'),
  sqlViews: optionalFn('a function ({ database, dataDir, config }) => SqlViewSet | undefined'),
  registerCli: optionalFn('a function (program, cli) => void'),
});

/**
 * What is wrong with `value` as an app definition, one line per field (`field: problem`); empty
 * when it is fine. The app API version is checked apart (`checkApiVersion`), before this.
 */
export function definitionProblems(value: unknown): string[] {
  const parsed = DefinitionSchema.safeParse(value);
  if (!parsed.success) return parsed.error.issues.map((i) => `${i.path.map(String).join('.') || '(the definition)'}: ${i.message}`);
  const { id, flags = [] } = parsed.data;
  return flags.flatMap((f, i) => {
    if (!f.flag.startsWith(`${id}-`)) return [`flags.${i}.flag: "${f.flag}" must start with "${id}-" (every flag of an app carries its id)`];
    if (f.flag === `${id}-port`) return [`flags.${i}.flag: "${f.flag}" is the platform's (it sets serve.${id}.devPort)`];
    return [];
  });
}
