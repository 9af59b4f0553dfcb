/**
 * The platform config's `replicate` section: continuous replication of every app database and
 * audit database with Litestream (see `supervisor.ts`). Setting `url` turns it on:
 *
 *   "replicate": {
 *     "url": "s3://tailyard-backups/prod",           // or file:///backups/tailyard, sftp://host/path, gs://…, abs://…
 *     "endpoint": "https://s3.example.net",           // an S3-compatible store (path-style by default then)
 *     "credentialsFile": "/etc/tailyard/replica.env", // KEY=VALUE lines, e.g. LITESTREAM_ACCESS_KEY_ID=…
 *     "retentionSeconds": 259200                      // keep 3 days of snapshots and changes
 *   }
 *
 * `<app>.db` goes to `<url>/<app>.db`, and `<app>.audit.db` to `<url>/<app>.audit.db`.
 * Credentials come from `credentialsFile` or from tailyard's environment (`LITESTREAM_ACCESS_KEY_ID`
 * / `AWS_ACCESS_KEY_ID`, …), never from the secrets app (a restore needs them before any app
 * runs). They are handed to Litestream in its environment only: never written into a file
 * tailyard creates, never logged.
 *
 * @example
 *   const s = ReplicateSchema.parse({ url: 'file:///backups/tailyard' });
 *   replicaUrl(s.url, 'links.db') // → 'file:///backups/tailyard/links.db'
 */
import fs from 'node:fs';
import { z } from 'zod';
import { ConfigError } from '../config-error.js';

/** The Litestream release tailyard is tested with, and the only one it runs. */
export const LITESTREAM_VERSION = 'v0.5.18';

/** The URL schemes Litestream v0.5 replicates to. */
const SCHEMES = ['file', 's3', 'gs', 'abs', 'sftp', 'webdav', 'webdavs', 'nats', 'oss'] as const;

const ReplicaUrl = z.string().superRefine((raw, ctx) => {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    ctx.addIssue({ code: 'custom', message: `expected a replica URL such as file:///backups/tailyard or s3://bucket/path (schemes: ${SCHEMES.join(', ')})` });
    return;
  }
  const scheme = u.protocol.replace(/:$/, '');
  if (!(SCHEMES as readonly string[]).includes(scheme)) {
    ctx.addIssue({ code: 'custom', message: `Litestream cannot replicate to "${scheme}:" URLs (schemes: ${SCHEMES.join(', ')})` });
  } else if (u.username || u.password) {
    ctx.addIssue({ code: 'custom', message: 'credentials do not belong in the URL (it is logged and shown on /healthz): put them in replicate.credentialsFile or the environment' });
  } else if (scheme === 'file' && (u.host !== '' || u.pathname === '/')) {
    ctx.addIssue({ code: 'custom', message: 'a file replica is an absolute directory: file:///backups/tailyard' });
  } else if (scheme !== 'file' && u.host === '') {
    ctx.addIssue({ code: 'custom', message: `a ${scheme} replica names its bucket or host: ${scheme}://bucket/path` });
  }
});

export const ReplicateSchema = z
  .object({
    /** Where every database is replicated: `<url>/<name>.db`. */
    url: ReplicaUrl,
    /** The Litestream binary (default `litestream` on PATH); it must report {@link LITESTREAM_VERSION}. */
    litestream: z.string().min(1).default('litestream'),
    /** An S3-compatible endpoint, e.g. `http://127.0.0.1:7070` (path-style addressing unless `forcePathStyle` is false). */
    endpoint: z.url().optional(),
    /** The S3 region (default: Litestream's, from the bucket or `us-east-1`). */
    region: z.string().min(1).optional(),
    forcePathStyle: z.boolean().optional(),
    /**
     * A file of `KEY=VALUE` lines (`#` comments) handed to Litestream as its environment, e.g.
     * `LITESTREAM_ACCESS_KEY_ID` and `LITESTREAM_SECRET_ACCESS_KEY`. It must not be readable by
     * other users. Without it, Litestream gets tailyard's environment.
     */
    credentialsFile: z.string().min(1).optional(),
    /** How often Litestream copies new WAL frames of each database into a change file (ms). */
    monitorIntervalMs: z.number().int().min(100).max(60_000).default(1000),
    /** How often it uploads change files to the replica (ms). Monitor + sync is the loss window. */
    syncIntervalMs: z.number().int().min(100).max(3_600_000).default(1000),
    /** How often a full snapshot of each database is written to the replica (s). */
    snapshotIntervalSeconds: z.number().int().min(1).default(86_400),
    /**
     * How long snapshots, and with them every change since the oldest, stay in the replica (s).
     * Removed pastes and secrets stay in the replica this long (see docs/operations.md).
     */
    retentionSeconds: z.number().int().min(1).default(86_400),
    /** How long change files stay once compacted into larger ones (s; Litestream's `l0-retention`). */
    l0RetentionSeconds: z.number().int().min(1).default(300),
  })
  .strict();

export type ReplicateSettings = z.output<typeof ReplicateSchema>;

/**
 * Where the database file `name` is replicated: `<url>/<name>`.
 *
 * @example replicaUrl('s3://bucket/prod/', 'links.db') // → 's3://bucket/prod/links.db'
 */
export function replicaUrl(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `${u.pathname.replace(/\/+$/, '')}/${name}`;
  return u.toString();
}

/** A URL as it may be shown (no query string: some stores take tokens there). */
export function shownUrl(url: string): string {
  const u = new URL(url);
  u.search = '';
  return u.toString();
}

/**
 * The environment Litestream runs with: tailyard's own, plus the `credentialsFile` lines, less
 * `AWS_CA_BUNDLE`: Litestream v0.5.18 gives the AWS SDK an HTTP client of its own, and the SDK
 * then refuses to start with a CA bundle ("unable to add custom RootCAs"); Go reads
 * `SSL_CERT_FILE` instead, and `warnings` says so (for an `s3:` replica only: no other replica
 * talks to the SDK, so the variable dropped costs them nothing). Throws ConfigError for a file others can read
 * or a line that is not `KEY=VALUE` (naming the line, never its value).
 *
 * @example const { env, warnings } = litestreamEnv(settings, process.env);
 */
export function litestreamEnv(s: Pick<ReplicateSettings, 'credentialsFile' | 'url'>, base: NodeJS.ProcessEnv): { env: NodeJS.ProcessEnv; warnings: string[] } {
  const env = { ...base, ...(s.credentialsFile ? readCredentials(s.credentialsFile) : {}) };
  const warnings: string[] = [];
  if (env.AWS_CA_BUNDLE !== undefined) {
    delete env.AWS_CA_BUNDLE;
    if (s.url.startsWith('s3:')) warnings.push('AWS_CA_BUNDLE is not passed to Litestream (v0.5.18 cannot start with it); to trust a private CA for the replica, set SSL_CERT_FILE in replicate.credentialsFile');
  }
  return { env, warnings };
}

/** Reads an env-style credentials file (see {@link litestreamEnv}). */
export function readCredentials(file: string): Record<string, string> {
  let text: string;
  try {
    if ((fs.statSync(file).mode & 0o077) !== 0) {
      throw new ConfigError(`replicate.credentialsFile ${file} can be read by other users: chmod 600 ${file}`);
    }
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if (err instanceof ConfigError) throw err;
    throw new ConfigError(`replicate.credentialsFile ${file}: ${(err as Error).message}`);
  }
  const out: Record<string, string> = {};
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const m = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line);
    if (!m) throw new ConfigError(`replicate.credentialsFile ${file}: line ${i + 1} is not KEY=VALUE`);
    const value = m[2] as string;
    out[m[1] as string] = /^(["']).*\1$/.test(value) ? value.slice(1, -1) : value;
  });
  return out;
}
