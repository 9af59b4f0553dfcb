/**
 * The configured data sources at run time: each knows its slug, label, named queries and limits,
 * and hands out the driver to run a query on now.
 *
 * A source's driver comes from its URL (`url`/`keyFile`), from a secret in tailyard's secrets app
 * (`secret`: re-read on every query, cheaply when unchanged, and switched when a new version is
 * active; queries already running finish on the old connection), or from tailyard itself (the
 * query log as `localSource`, the links database as an app source). A source can also be refused
 * (a protected file, a PostgreSQL superuser): it stays listed and every query gets the reason.
 * A source remembers why its last attempt to open failed (`problem`, with the file's path or the
 * server's answer) until an attempt succeeds, so the picker and `/healthz` can say so.
 *
 * @example
 *   const driver = await source.driver(); // throws QueryError('refused' | 'unavailable', …)
 */
import type { Logger } from 'pino';
import type { SqlitePool } from './drivers/sqlite/pool.js';
import { SqliteDriver } from './drivers/sqlite/driver.js';
import { sqliteFileProblem } from './drivers/sqlite/file-check.js';
import { assessRole, ROLE_SQL, type RoleRow } from './drivers/postgres/checks.js';
import { type Driver, QueryError } from './drivers/types.js';
import { ProtectedFileError, type ProtectedFiles } from './safety/protected.js';
import { parseSqliteUrl, SqliteUrlError } from './safety/sqlite-url.js';
import type { Dialect } from './safety/tokenizer.js';

export interface SourceContext {
  pool: SqlitePool;
  guard: ProtectedFiles;
  log: Pick<Logger, 'warn' | 'error' | 'info'>;
  cwd: string;
}

/** Reads a secret as the SQL app; 'unchanged' when `known` is still the active version. */
export type SecretReader = (name: string, known: number) => Promise<{ value: string; version: number } | 'unchanged'>;

export interface SourceInit {
  slug: string;
  label: string;
  named: Record<string, string>;
  driver: 'sqlite' | 'postgres';
  appSource?: boolean;
  /** Expose a SQLite file only through these views (see RunnerTarget.views). */
  views?: Record<string, string>;
  timeoutMs: number;
  uiRows: number;
  maxRows: number;
}

const SQLITE_PARAMS_HONOURED = new Set(['mode']);

/** Opens a driver for a connection string, or explains why the source is refused. */
async function openDriver(init: SourceInit, url: string, ctx: SourceContext): Promise<Driver> {
  if (init.driver === 'sqlite') {
    let target: ReturnType<typeof parseSqliteUrl>;
    try {
      target = parseSqliteUrl(url, ctx.cwd);
      if (!target.memory) ctx.guard.check(target.path);
    } catch (err) {
      if (err instanceof ProtectedFileError || err instanceof SqliteUrlError) throw new QueryError('refused', `source "${init.slug}" is refused: ${err.message}`);
      throw err;
    }
    const ignored = Object.keys(target.params).filter((p) => !SQLITE_PARAMS_HONOURED.has(p));
    if (ignored.length) ctx.log.warn({ source: init.slug, params: ignored }, 'SQLite URL parameters ignored (sources are always opened read-only)');
    if (target.params.mode && target.params.mode !== 'ro') ctx.log.warn({ source: init.slug, mode: target.params.mode }, 'opening read-only anyway');
    const problem = target.memory ? undefined : sqliteFileProblem(target.path);
    if (problem) throw new QueryError('unavailable', `source "${init.slug}" cannot be opened: ${problem}`);
    return new SqliteDriver(ctx.pool, { path: target.path, memory: target.memory, views: init.views }, init.slug);
  }
  if (!/^postgres(ql)?:\/\//.test(url)) throw new QueryError('refused', `source "${init.slug}" is refused: a postgres source needs a postgres:// URL`);
  // Loaded on demand: `pg` is a twentieth of a second of start-up that SQLite-only setups skip.
  const { PostgresDriver } = await import('./drivers/postgres/driver.js');
  const driver = new PostgresDriver(url, { source: init.slug, timeoutMs: init.timeoutMs, log: ctx.log });
  let verdict: ReturnType<typeof assessRole>;
  try {
    verdict = assessRole(await driver.inspect<RoleRow>(ROLE_SQL));
  } catch (err) {
    await driver.close();
    throw err instanceof QueryError ? err : new QueryError('unavailable', `source "${init.slug}": ${(err as Error).message}`);
  }
  for (const w of verdict.warnings) ctx.log.warn({ source: init.slug }, w);
  if (verdict.refused) {
    await driver.close();
    ctx.log.error({ source: init.slug, reason: verdict.refused }, 'PostgreSQL source refused');
    throw new QueryError('refused', `source "${init.slug}" is refused: ${verdict.refused}`);
  }
  return driver;
}

/** Whether a source could be opened, as last found. */
export type SourceState = { kind: 'unchecked' | 'checking' | 'ok' } | { kind: 'failed'; problem: string };

/** A configured source: what the console shows and limits, and the driver to query it with now. */
export abstract class Source {
  readonly slug: string;
  readonly label: string;
  readonly named: Readonly<Record<string, string>>;
  /** The links/paste databases: never open under the default access policy. */
  readonly appSource: boolean;
  readonly dialect: Dialect;
  readonly timeoutMs: number;
  readonly uiRows: number;
  readonly maxRows: number;

  constructor(
    protected readonly init: SourceInit,
    protected readonly ctx: SourceContext,
  ) {
    this.slug = init.slug;
    this.label = init.label || '(unidentified database)';
    this.named = init.named;
    this.appSource = init.appSource ?? false;
    this.dialect = init.driver;
    this.timeoutMs = init.timeoutMs;
    this.uiRows = init.uiRows;
    this.maxRows = init.maxRows;
  }

  #state: SourceState = { kind: 'unchecked' };

  /** What the last attempt to open the source found (`unchecked` before the first). */
  get state(): SourceState {
    return this.#state;
  }

  /** Records how `opening` ends in `state`, and passes it on. */
  protected tracked(opening: Promise<Driver>): Promise<Driver> {
    if (this.#state.kind === 'unchecked') this.#state = { kind: 'checking' };
    opening.then(
      () => {
        this.#state = { kind: 'ok' };
      },
      (err: unknown) => {
        // A query stopped while it waited is not the source's fault.
        if (err instanceof QueryError && (err.kind === 'cancelled' || err.kind === 'timeout')) return;
        this.#state = { kind: 'failed', problem: (err as Error).message };
      },
    );
    return opening;
  }

  /** The driver to use now. Throws QueryError when the source is refused or unreachable. */
  abstract driver(): Promise<Driver>;
  abstract close(): Promise<void>;
}

/** A source with a fixed connection string; opened once (retried while it is unreachable). */
export class UrlSource extends Source {
  #opening: Promise<Driver> | undefined;

  constructor(
    init: SourceInit,
    ctx: SourceContext,
    private readonly url: string,
  ) {
    super(init, ctx);
  }

  driver(): Promise<Driver> {
    this.#opening ??= this.tracked(
      openDriver(this.init, this.url, this.ctx).catch((err: unknown) => {
        // Refusals stick; an unreachable server or a missing file is tried again on the next query.
        if (!(err instanceof QueryError && err.kind === 'refused')) this.#opening = undefined;
        throw err;
      }),
    );
    return this.#opening;
  }

  async close(): Promise<void> {
    const d = await this.#opening?.catch(() => undefined);
    await d?.close();
  }
}

/** A source whose connection string is a secret in tailyard's secrets app. */
export class SecretSource extends Source {
  #current: { version: number; driver: Promise<Driver> } | undefined;
  #checking: Promise<Driver> | undefined;

  constructor(
    init: SourceInit,
    ctx: SourceContext,
    private readonly secret: string,
    private readonly read: SecretReader,
  ) {
    super(init, ctx);
  }

  driver(): Promise<Driver> {
    // Concurrent queries share one check, so a rotation opens one new connection.
    this.#checking ??= this.tracked(
      this.#refresh().finally(() => {
        this.#checking = undefined;
      }),
    );
    return this.#checking;
  }

  async #refresh(): Promise<Driver> {
    let got: Awaited<ReturnType<SecretReader>>;
    try {
      got = await this.read(this.secret, this.#current?.version ?? 0);
    } catch (err) {
      throw new QueryError('unavailable', `source "${this.slug}": cannot read secret "${this.secret}": ${(err as Error).message}`);
    }
    if (got === 'unchanged' && this.#current) return this.#current.driver;
    if (got === 'unchanged') throw new QueryError('unavailable', `source "${this.slug}": secret "${this.secret}" has no value`);
    const previous = this.#current;
    const driver = openDriver(this.init, got.value, this.ctx);
    this.#current = { version: got.version, driver };
    driver.catch((err: unknown) => {
      // An unreachable server is retried with the next query; a refusal stays until the secret changes.
      if (!(err instanceof QueryError && err.kind === 'refused') && this.#current?.driver === driver) this.#current = undefined;
    });
    this.ctx.log.info({ source: this.slug, secret: this.secret, version: got.version }, 'source connection string from secret');
    // The old connections close once their running queries are done (pg's pool waits for them).
    if (previous) void previous.driver.then((d) => d.close()).catch(() => undefined);
    return driver;
  }

  async close(): Promise<void> {
    const d = await this.#current?.driver.catch(() => undefined);
    await d?.close();
  }
}
