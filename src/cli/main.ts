/**
 * The `tailyard` command: `serve`, `backup`, `restore` (from a backup directory, or with
 * `--from-replica URL` from a Litestream replica), `audit verify|export`, `config check|example`,
 * plus the apps' own subcommands (e.g. `tailyard links resolve`, `tailyard secret get`), each
 * given a CLI context (`context.ts`) that resolves the config as `serve` does. Configuration
 * errors, an app asking for an app API version this tailyard lacks included, exit with status 2.
 *
 * One tailyard per data directory: `serve` and `restore` take it for as long as they run, and a
 * second one exits 1 with `data directory /abs is in use by another tailyard (pid N, ports …)`.
 * Every other command says in its help whether it is safe while serving.
 *
 * Apps from outside (`--app FILE`, the config's `plugins`) are loaded before the commands are
 * built (`apps.ts`), so their flags, config sections and subcommands are there like the built-in
 * apps'; a plugin that cannot be loaded or hosted exits 2 with a message naming its file.
 */
import { Command, Option } from 'commander';
import { resolve as resolvePath } from 'node:path';
import { backupDataDir, restoreDataDir } from '../platform/backup.js';
import type { CliConfigOptions } from '../platform/cli-context.js';
import { processIo } from '../platform/cli-io.js';
import { ConfigError, parseHujson, resolveConfig } from '../platform/config.js';
import { DataDirInUseError } from '../platform/data-dir-lock.js';
import { exitOnUncaught } from '../platform/fatal.js';
import { keyAdvice, neededKeys } from '../platform/keys/key-files.js';
import { restoreFromReplica } from '../platform/replicate/restore.js';
import { shownUrl } from '../platform/replicate/settings.js';
import { restoredApps } from '../platform/restore-record.js';
import { tailyardCommit, tailyardVersion as version } from '../platform/package.js';
import { type RunningPlatform, startPlatform } from '../platform/platform.js';
import { suite } from '../suite.js';
import { BUILT_IN, commandApps, type KnownApps } from './apps.js';
import { registerAuditCli } from './audit.js';
import { addConfigOptions, appFileOption, cliContext, resolveFromOptions } from './context.js';
import { EXAMPLE_CONFIG } from './example-config.js';
import { checkSettings } from './config-report.js';
import { appFlags, envNameOf, gatherSettings, type ServeFlags } from './settings.js';

/** The commands, for the apps `known` (built in, and the plugins the pre-scan loaded). */
export function buildProgram(known: KnownApps = BUILT_IN): Command {
  const allApps = known.apps;
  /** The data directory as `serve` would use it: `--data`, else the config's (file, env, `--set`), else ./data. */
  const dataDirOf = (o: CliConfigOptions) => resolveFromOptions(o, allApps, process.env).platform.dataDir;
  const program = new Command('tailyard')
    .description('A self-hosted utility suite for a tailnet: go/ links, secrets and more, in one process.')
    // `1.0.0 (commit 5b28da2c0f1e)`: a line scripts may read (docs/stability.md).
    .version(`${version()} (commit ${tailyardCommit()})`, '-v, --version')
    // Program options only before a command: after one, `--app` is that command's (an app id for `audit verify`).
    .enablePositionalOptions()
    .addOption(appFileOption())
    .showHelpAfterError();

  const serve = program
    .command('serve')
    .description(
      'run every app (dev mode: on loopback, with a dev identity); holds the data directory while it runs, so a second serve on it exits 1 naming this one',
    )
    .option('-c, --config <file>', 'HuJSON config file (env TAILYARD_CONFIG)')
    .addOption(appFileOption())
    .option('--data <dir>', 'data directory (default ./data; env TAILYARD_DATA)')
    .addOption(new Option('--mode <mode>', 'tailnet mode (env TAILYARD_MODE)').choices(['dev', 'managed', 'host']))
    .option('--dev-login <login>', 'dev caller login (default <os user>@localhost; env TAILYARD_DEV_LOGIN)')
    .option('--dev-caps <file>', 'JSON {capName: [values]} replacing the dev caller capabilities (env TAILYARD_DEV_CAPS)')
    .option('--admin-listen <host:port>', 'loopback address for /healthz and /metrics (default 127.0.0.1:8079; managed mode 127.0.0.2:8079)')
    .option('--log-level <level>', 'fatal|error|warn|info|debug|trace|silent')
    .addOption(new Option('--log-format <format>', 'readable lines on a terminal, JSON otherwise (default auto; env TAILYARD_LOG_FORMAT)').choices(['auto', 'json', 'pretty']))
    .option('--control-url <url>', 'tailnet control server (managed mode)')
    .option('--auth-key-file <file>', 'file holding the tailnet auth key (or env TS_AUTHKEY)')
    .option('--set <key=value>', 'set any config key by its dotted path (repeatable)', (v: string, acc: string[]) => [...acc, v], [] as string[]);
  for (const def of allApps) {
    for (const f of appFlags(def)) {
      const spec = f.kind === 'boolean' ? `--${f.flag}` : `--${f.flag} <${f.kind === 'number' ? 'n' : 'value'}>`;
      serve.option(spec, `${f.description} (env ${envNameOf(f.flag)})`);
    }
  }
  serve.action(async (flags: ServeFlags) => {
    await runServe(flags, known);
  });

  addConfigOptions(
    program
      .command('backup')
      .description('write a consistent online copy of every database and audit log into DIR (safe while serving; lock and key files are not copied)')
      .argument('<dir>', 'an empty or new directory'),
  ).action(async (dir: string, o: CliConfigOptions) => {
      const m = await backupDataDir(dataDirOf(o), dir);
      for (const f of m.files) process.stdout.write(`${f.name}\t${f.kind}\t${f.bytes} bytes\n`);
      // What was done goes to stderr; stdout keeps the list of files, for scripts.
      process.stderr.write(`backup written to ${dir}\n`);
    });

  addConfigOptions(
    program
      .command('restore')
      .description(
        'restore a backup directory, or with --from-replica a replica (as replicate.url names it), into an empty data directory; ' +
          "appends a restore entry to each app's audit chain and says which key files to copy back " +
          '(it must hold no databases; holds the directory meanwhile: refused while a tailyard serves it)',
      )
      .argument('[dir]', 'a directory written by `tailyard backup`')
      .option('--from-replica <url>', "a Litestream replica: file:///…, s3://bucket/path, sftp://…; endpoint and credentials as the config's replicate section sets them"),
  ).action(async (dir: string | undefined, o: CliConfigOptions & { fromReplica?: string }) => {
    if ((dir === undefined) === (o.fromReplica === undefined)) {
      throw new ConfigError('restore: name a backup directory or --from-replica URL (one of them)');
    }
    // What was done goes to stderr, like every CLI's success message.
    // The replica's other settings (endpoint, credentials, the binary) are the config's, as serve reads them.
    const set = o.fromReplica === undefined ? o.set : [...(o.set ?? []), `replicate.url=${o.fromReplica}`];
    const config = resolveFromOptions({ ...o, set }, allApps, process.env);
    const data = resolvePath(config.platform.dataDir);
    const ids = config.known.map((a) => a.def.id);
    let restored: string[];
    let recorded: string[];
    if (config.platform.replicate && o.fromReplica !== undefined) {
      const warn = (message: string) => process.stderr.write(`tailyard: warning: ${message}\n`);
      ({ restored, recorded } = await restoreFromReplica({ settings: config.platform.replicate, dataDir: data, appIds: ids, warn }));
      process.stderr.write(`restored ${restored.join(', ')} from ${shownUrl(o.fromReplica)} into ${data}\n`);
    } else {
      const m = restoreDataDir(dir as string, data, ids);
      restored = m.files.map((f) => f.name);
      recorded = m.recorded ?? [];
      process.stderr.write(`restored ${m.files.length} files from ${dir} into ${data}\n`);
    }
    if (recorded.length) process.stderr.write(`appended a restore entry to the audit log of ${recorded.join(', ')}\n`);
    for (const line of keyAdvice(neededKeys(config.known, data, restoredApps(ids, restored)))) process.stderr.write(`${line}\n`);
  });

  const config = program.command('config').description('check or print configuration');
  config
    .command('check')
    .description('validate a config file without starting: lists every problem with its line and column, and exits 2 if there is one')
    .argument('[file]', 'HuJSON config file (default: TAILYARD_CONFIG)')
    .addOption(appFileOption())
    .action((file: string | undefined) => {
      const path = file ?? process.env.TAILYARD_CONFIG;
      if (!path) throw new ConfigError('config check: name a file (or set TAILYARD_CONFIG)');
      // The file alone, as written: no environment or flags.
      const resolved = checkSettings(gatherSettings({ config: path }, {}, allApps), allApps, { ports: true, sources: known.sources });
      for (const message of resolved.deprecations) process.stderr.write(`tailyard: warning: ${message}\n`);
      process.stdout.write(`${path}: ok\n`);
    });
  config
    .command('example')
    .description('print a commented example config')
    .action(() => {
      resolveConfig(parseHujson(EXAMPLE_CONFIG), allApps);
      process.stdout.write(EXAMPLE_CONFIG);
    });

  registerAuditCli(program, allApps, processIo());
  for (const def of allApps) {
    try {
      def.registerCli?.(program, cliContext(def, allApps, processIo()));
    } catch (err) {
      const source = known.sources[def.id];
      if (source === undefined) throw err;
      throw new ConfigError(`plugin ${source}: registerCli failed: ${(err as Error).message}`);
    }
  }
  return program;
}

/** `tailyard serve` with the apps `known` (every built-in app, the plugins, or a test's own). */
export async function runServe(flags: ServeFlags, known: KnownApps = BUILT_IN): Promise<void> {
  const { apps, sources } = known;
  const started = performance.now();
  // An uncaught error is logged by the platform's logger once there is one.
  let running: RunningPlatform | undefined;
  exitOnUncaught(() => running?.log);
  // Every problem at once, each where it was written, before anything starts.
  const gathered = gatherSettings(flags, process.env, apps);
  checkSettings(gathered, apps, { ports: true, sources });
  const platform = await startPlatform({ config: gathered.settings, apps, appSources: sources, ...suite() });
  running = platform;
  // Handlers first: whoever reads the banner may signal at once.
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`tailyard: ${signal}: finishing in-flight requests…\n`);
    platform.close().then(
      () => process.exit(0),
      (err: unknown) => {
        process.stderr.write(`tailyard: shutdown failed: ${(err as Error).message}\n`);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));

  const lines = [`tailyard ${version()} ready in ${Math.round(performance.now() - started)} ms — ${platform.mode.kind} mode, data in ${platform.config.platform.dataDir}`];
  for (const [id, urls] of Object.entries(platform.urls)) lines.push(`  ${id.padEnd(10)} ${urls.join('  ')}`);
  if (platform.adminUrl) lines.push(`  ${'admin'.padEnd(10)} ${platform.adminUrl}/healthz  ${platform.adminUrl}/metrics`);
  process.stderr.write(`${lines.join('\n')}\n`);
}

export async function main(argv: string[]): Promise<void> {
  try {
    const known = await commandApps(argv.slice(2), process.env, process.cwd());
    await buildProgram(known).parseAsync(argv);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`tailyard: ${err.message}\n`);
      process.exit(2);
    }
    if (err instanceof DataDirInUseError) {
      // The whole line is the message, so scripts and operators can match it as documented.
      process.stderr.write(`${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
}
