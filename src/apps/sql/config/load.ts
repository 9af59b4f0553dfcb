/**
 * Turns the `apps.sql` section (and the tailsql config file it may name with `--sql-config`)
 * into the settings the app runs with.
 *
 * The file is read as tailsql reads it: HuJSON, keys matched case-insensitively like Go's
 * `encoding/json`, unknown keys ignored (and logged here, since tailsql ignores them silently).
 * Keys set under `apps.sql` win over the file's. `keyFile` paths get `$VAR` expansion and the
 * file's content, trimmed, becomes the URL (read once at start, like tailsql).
 *
 * @example
 *   const settings = loadSqlSettings(config, { log, cwd: process.cwd(), env: process.env });
 */
import { readFileSync } from 'node:fs';
import type { Logger } from 'pino';
import { ConfigError } from '../../../platform/config.js';
import { zodProblems } from '../../../platform/config-issues.js';
import { type ConfigSource, readConfigSource, reportLines, reportText } from '../../../platform/config-source.js';
import { parseGoDuration } from './duration.js';
import { IGNORED_TAILSQL_KEYS, type SourceSpec, type SqlConfig, SqlConfigSchema, TAILSQL_KEYS } from '../config.js';

export interface SqlSettings extends Omit<SqlConfig, 'sources' | 'links' | 'queryTimeout' | 'routePrefix'> {
  sources: SourceSpec[];
  links: Array<{ anchor: string; url: string }>;
  /** 0 = no timeout (tailsql's default). */
  queryTimeoutMs: number;
  /** '' or '/prefix' (no trailing slash), tailsql's normalisation. */
  routePrefix: string;
}

export interface LoadDeps {
  log: Pick<Logger, 'warn' | 'info'>;
  cwd: string;
  env: NodeJS.ProcessEnv;
}

const SOURCE_KEYS = ['source', 'label', 'driver', 'url', 'keyFile', 'secret', 'named', 'timeout', 'uiRows', 'maxRows'];
const LINK_KEYS = ['anchor', 'url'];

/** Renames keys to the field Go would match (case-insensitively); returns the unknown ones. */
function goFold(raw: unknown, fields: readonly string[], where: string, unknown: string[]): unknown {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return raw;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    const field = fields.find((f) => f === key) ?? fields.find((f) => f.toLowerCase() === key.toLowerCase());
    if (field === undefined) unknown.push(`${where}${key}`);
    else out[field] = value;
  }
  return out;
}

/** What `--sql-config` takes, for a file that is not one (a database, say). */
const SQL_CONFIG_FILE =
  '--sql-config expects a tailsql config file (HuJSON), e.g. { "sources": [{ "source": "main", "driver": "sqlite", "url": "file:/srv/app/main.db?mode=ro" }] }; to query a database file, name it in a source\'s "url" like that';

/**
 * Reads a tailsql config file into `apps.sql`-shaped keys, and its text: its syntax errors are
 * reported with the keys' problems, and each problem where it is written.
 */
export function readTailsqlFile(path: string, log: LoadDeps['log']): { keys: Record<string, unknown>; source: ConfigSource } {
  const source = readConfigSource(path, { what: '--sql-config file', expects: SQL_CONFIG_FILE });
  const unknown: string[] = [];
  const top = goFold(source.value, TAILSQL_KEYS, '', unknown);
  if (typeof top !== 'object' || top === null || Array.isArray(top)) {
    if (source.syntax.length) throw new ConfigError(reportText(`invalid tailsql config ${path}`, reportLines(source, [])));
    throw new ConfigError(`--sql-config ${path}: the config must be a JSON object ({ … })`);
  }
  const out = top as Record<string, unknown>;
  if (Array.isArray(out.sources)) out.sources = out.sources.map((s, i) => goFold(s, SOURCE_KEYS, `sources[${i}].`, unknown));
  if (Array.isArray(out.links)) out.links = out.links.map((l, i) => goFold(l, LINK_KEYS, `links[${i}].`, unknown));
  if (unknown.length) log.warn({ file: path, keys: unknown }, 'tailsql config: ignoring keys tailsql does not know either');
  return { keys: out, source };
}

/** Expands `$VAR` and `${VAR}` like Go's `os.ExpandEnv` (unset variables become empty). */
export function expandEnv(s: string, env: NodeJS.ProcessEnv): string {
  return s.replace(/\$\{([^}]*)\}|\$([A-Za-z0-9_]+)/g, (_m, braced: string | undefined, bare: string | undefined) => env[braced ?? bare ?? ''] ?? '');
}

/** Normalises tailsql's `routePrefix`: `"/foo/"` → `"/foo"`, `"/"` → `""`. */
export function normalizePrefix(prefix: string | undefined): string {
  if (!prefix) return '';
  const p = prefix.startsWith('/') ? prefix : `/${prefix}`;
  return p.replace(/\/+$/, '');
}

/** The settings the app runs with. Throws ConfigError naming the problem. */
export function loadSqlSettings(config: SqlConfig, deps: LoadDeps): SqlSettings {
  let merged: SqlConfig = config;
  const ignored: string[] = IGNORED_TAILSQL_KEYS.filter((k) => k !== 'hostname' && config[k as keyof SqlConfig] !== undefined);
  if (config.configFile) {
    const { keys: fromFile, source } = readTailsqlFile(config.configFile, deps.log);
    if (fromFile.hostname !== undefined) ignored.push('hostname');
    delete fromFile.hostname;
    const parsed = SqlConfigSchema.safeParse(fromFile);
    if (!parsed.success || source.syntax.length) {
      const problems = parsed.success ? [] : zodProblems(parsed.error.issues, { input: fromFile, schema: SqlConfigSchema });
      throw new ConfigError(reportText(`invalid tailsql config ${config.configFile}`, reportLines(source, problems)), problems);
    }
    const file = parsed.data as Record<string, unknown>;
    const own = config as Record<string, unknown>;
    const tailsql: Record<string, unknown> = {};
    for (const k of TAILSQL_KEYS) if (k !== 'hostname') tailsql[k] = own[k] ?? file[k];
    merged = { ...config, ...tailsql } as SqlConfig;
    for (const k of IGNORED_TAILSQL_KEYS) if (file[k] !== undefined && !ignored.includes(k)) ignored.push(k);
  }
  if (ignored.length) deps.log.info({ keys: ignored }, "tailsql config: keys for tailsql's own process are ignored (tailyard runs the listener)");
  const names = new Set<string>();
  for (const s of merged.sources ?? []) {
    if (names.has(s.source)) throw new ConfigError(`sql: source "${s.source}" is defined twice`);
    names.add(s.source);
  }
  return {
    ...merged,
    sources: (merged.sources ?? []).map((s) => withKeyFile(s, deps)),
    links: merged.links ?? [],
    queryTimeoutMs: merged.queryTimeout ? parseGoDuration(merged.queryTimeout) : 0,
    routePrefix: normalizePrefix(merged.routePrefix),
  };
}

function withKeyFile(s: SourceSpec, deps: LoadDeps): SourceSpec {
  if (!s.keyFile) return s;
  const path = expandEnv(s.keyFile, deps.env);
  let url: string;
  try {
    url = readFileSync(path, 'utf8').trim();
  } catch (err) {
    throw new ConfigError(`read key file for "${s.source}": ${(err as Error).message}`);
  }
  return { ...s, url, keyFile: undefined };
}
