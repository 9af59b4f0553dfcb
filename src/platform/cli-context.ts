/**
 * What an app's CLI subcommands get from the platform (`registerCli(program, cli)`): the
 * process's streams (see `cli-io.ts`), and the configuration resolved exactly as `tailyard serve`
 * resolves it: the file from `--config` / `TAILYARD_CONFIG`, the environment, `--set`, and
 * `--data`. So no subcommand recomputes the data directory's default or ignores the config file.
 *
 * @example
 *   export function registerNotesCli(program: Command, cli: CliContext<NotesConfig>): void {
 *     cli.configOptions(program.command('notes').command('count')).action((o: CliConfigOptions) => {
 *       const { database, close } = cli.load(o);
 *       const db = database();
 *       cli.stdout.write(`${db.prepare('SELECT count(*) AS n FROM notes').get().n}\n`);
 *       close();
 *     });
 *   }
 */
import type { Command } from 'commander';
import type { AuditSink } from './app.js';
import type { CliIo } from './cli-io.js';
import type { PlatformConfig } from './config.js';
import type { Keys } from './keys/keys.js';
import type { SqliteDatabase } from './storage.js';

/** The options `configOptions` adds, as commander parses them. */
export interface CliConfigOptions {
  config?: string;
  data?: string;
  set?: string[];
}

/** The resolved configuration, and the app's data as `serve` would open it. */
export interface CliLoaded<Config> {
  /** The data directory, absolute. */
  dataDir: string;
  /** The app's parsed `apps.<id>` section. */
  config: Config;
  /** The whole platform configuration. */
  platform: PlatformConfig;
  /** The app's audit database (`<dataDir>/<id>.audit.db`). */
  auditFile: string;
  /** The app's database, migrated (opened on first call; closed by `close`). */
  database(options?: { readonly?: boolean }): SqliteDatabase;
  /** The app's keys, as `ctx.keys` (sealers opened through it are closed by `close`). */
  keys(): Keys;
  /**
   * The app's audit log, for appending next to a running server: each entry is one transaction
   * that continues the chain from its real tail; it never prunes the log.
   */
  audit(): AuditSink;
  /** Closes what was opened. */
  close(): void;
}

/** `registerCli`'s second argument. */
export interface CliContext<Config = unknown> extends CliIo {
  /** Adds `-c, --config`, `--data` and `--set` (what `load` reads) to a subcommand. */
  configOptions(cmd: Command): Command;
  /** Resolves the configuration from a subcommand's parsed options (throws `ConfigError`, exit 2). */
  load(options: CliConfigOptions): CliLoaded<Config>;
}
