/**
 * The CLI context apps' subcommands get (`platform/cli-context.ts`): `load` resolves the
 * configuration exactly as `tailyard serve` does (`gatherSettings` + `checkSettings`: the file
 * from `--config` / `TAILYARD_CONFIG`, the environment, `--set`, `--data`) and opens the app's
 * database and keys the way the platform does, and appends to its audit log the way every CLI
 * must next to a running server (one transaction per entry, from the chain's real tail, never
 * pruning).
 *
 * @example
 *   def.registerCli?.(program, cliContext(def, builtInApps, processIo()));
 */
import { resolve } from 'node:path';
import { type Command, Option } from 'commander';
import type { AppDefinition, AuditSink } from '../platform/app.js';
import { appendingSink, auditLogPath } from '../platform/audit.js';
import type { CliConfigOptions, CliContext, CliLoaded } from '../platform/cli-context.js';
import type { CliIo } from '../platform/cli-io.js';
import { ConfigError, type LoadedConfig } from '../platform/config.js';
import { createKeys, type ManagedKeys } from '../platform/keys/keys.js';
import { type DestinationStream, type Logger, pino } from 'pino';
import { appDatabasePath, openAppDatabase, type SqliteDatabase } from '../platform/storage.js';
import { checkSettings } from './config-report.js';
import { gatherSettings } from './settings.js';

/** Log lines (a key file created, a deprecated key) go to stderr as JSON; stdout carries only results. */
function stderrLog(io: CliIo): Logger {
  return pino({ level: 'info' }, io.stderr as unknown as DestinationStream);
}

const collect = (v: string, acc: string[] = []) => [...acc, v];

/**
 * `--app FILE`: an app from outside (an ES module). The CLI loads it before it builds its
 * commands (`apps.ts`); commander only has to accept it.
 */
export function appFileOption(): Option {
  return new Option('--app <file>', 'load an app from an ES module FILE, e.g. ./notes.mjs (repeatable)').argParser(collect);
}

/**
 * Adds `-c, --config`, `--data`, `--set` and (unless `appFiles` is false: `audit verify`'s
 * `--app` names an app id) `--app FILE` to a command that works on the data directory.
 *
 * @example addConfigOptions(program.command('backup').argument('<dir>')).action((dir, o) => …);
 */
export function addConfigOptions(cmd: Command, { appFiles = true }: { appFiles?: boolean } = {}): Command {
  cmd
    .addOption(new Option('-c, --config <file>', 'HuJSON config file (env TAILYARD_CONFIG)'))
    .addOption(new Option('--data <dir>', "data directory (default: the config's dataDir, else ./data; env TAILYARD_DATA)"))
    .addOption(new Option('--set <key=value>', 'set any config key by its dotted path (repeatable)').argParser(collect));
  return appFiles ? cmd.addOption(appFileOption()) : cmd;
}

/**
 * The CLI context of app `def`, among the apps `defs` this tailyard knows (built in and plugins:
 * the whole config is validated, as `serve` does).
 */
export function cliContext<Config>(def: AppDefinition<Config>, defs: readonly AppDefinition[], io: CliIo): CliContext<Config> {
  return {
    ...io,
    configOptions: addConfigOptions,
    load: (options: CliConfigOptions) => load(def, defs, io, options),
  };
}

/**
 * The configuration as `serve` resolves it from a command's `--config`, `--data` and `--set` and
 * the environment `env`, with the apps `defs` this tailyard knows (throws `ConfigError`).
 *
 * @example resolveFromOptions({ data: '/var/lib/tailyard' }, builtInApps, process.env).platform.dataDir
 */
export function resolveFromOptions(options: CliConfigOptions, defs: readonly AppDefinition[], env: NodeJS.ProcessEnv): LoadedConfig {
  return checkSettings(gatherSettings({ config: options.config, data: options.data, set: options.set }, env, [...defs]), [...defs]);
}

function load<Config>(def: AppDefinition<Config>, defs: readonly AppDefinition[], io: CliIo, options: CliConfigOptions): CliLoaded<Config> {
  const resolved = resolveFromOptions(options, defs, io.env);
  const app = resolved.known.find((a) => a.def.id === def.id);
  if (!app) throw new ConfigError(`${def.id}: not one of this tailyard's apps`);
  const log = stderrLog(io);
  for (const message of resolved.deprecations) log.warn({}, message);
  const dataDir = resolve(resolved.platform.dataDir);
  let db: SqliteDatabase | undefined;
  let keys: ManagedKeys | undefined;
  let audit: AuditSink | undefined;
  const auditFile = auditLogPath(dataDir, def.id);
  return {
    dataDir,
    config: app.config as Config,
    platform: resolved.platform,
    auditFile,
    database(o = {}) {
      if (!db) {
        db = openAppDatabase(appDatabasePath(dataDir, def.id), def.migrations, {
          readonly: o.readonly,
          synchronous: def.durableCommits ? 'FULL' : 'NORMAL',
          replicated: resolved.audit.replicated,
        });
      }
      return db;
    },
    keys() {
      keys ??= createKeys({ appId: def.id, dataDir, mode: resolved.platform.mode, log });
      return keys;
    },
    audit() {
      // A CLI only appends; starting segments and pruning is the server's writer's job.
      audit ??= appendingSink(auditFile, { replicated: resolved.audit.replicated });
      return audit;
    },
    close() {
      keys?.close();
      db?.close();
    },
  };
}
