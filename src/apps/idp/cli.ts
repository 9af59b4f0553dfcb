/**
 * `tailyard idp …`: offline administration of the identity provider's data directory.
 *
 *   tailyard idp import DIR [--config F] [--data DIR] [--key-file F]   move a tsidp deployment over
 *   tailyard idp rotate-key [--config F] [--data DIR] [--key-file F]   rotate the signing key now
 *
 * Both are safe while `tailyard serve` runs (they do not take the data directory) and record what
 * they change in the idp audit log. The data directory and the key are found as `serve` finds them
 * (the CLI context: `--config`, the environment, `--set`, `--data`; `apps.idp.kek`, else
 * `<data>/idp.key`); `--key-file` names another local key file.
 *
 * @example
 *   tailyard idp import /var/lib/tsidp --data /var/lib/tailyard
 */
import type { Command } from 'commander';
import type { CliConfigOptions, CliContext, CliLoaded } from '../../platform/cli-context.js';
import { cliActor } from '../../platform/cli-io.js';
import { ConfigError } from '../../platform/config.js';
import type { KekConfig } from '../../platform/keys/config.js';
import type { IdpConfig } from './config.js';
import { importTsidpDir, type OfflineOptions, rotateKeyOffline } from './service/index.js';

type Opts = CliConfigOptions & { keyFile?: string };

/** Adds `tailyard idp import|rotate-key`. */
export function registerIdpCli(program: Command, cli: CliContext<IdpConfig>): void {
  const idp = program.command('idp').description('identity provider: import a tsidp deployment, rotate the signing key');
  const withData = (cmd: Command) => cli.configOptions(cmd).option('--key-file <file>', 'the idp key file (default: apps.idp.kek, else <data>/idp.key)');
  /** Runs `fn` on the loaded idp data; a failure is reported on stderr with exit status 1. */
  const run = async (o: Opts, fn: (offline: OfflineOptions) => Promise<void>) => {
    let loaded: CliLoaded<IdpConfig> | undefined;
    try {
      loaded = cli.load(o);
      const kek: KekConfig = o.keyFile ? { provider: 'local', keyFile: o.keyFile } : loaded.config.kek;
      const l = loaded;
      await fn({ database: () => l.database(), keys: () => l.keys(), audit: () => l.audit(), actor: cliActor(), kek, log: cliLog(cli) });
    } catch (err) {
      cli.stderr.write(`tailyard idp: ${(err as Error).message}\n`);
      // A bad configuration exits 2, as `tailyard serve` does.
      cli.exit(err instanceof ConfigError ? 2 : 1);
    } finally {
      loaded?.close();
    }
  };
  withData(
    idp
      .command('import')
      .description("import tsidp's oidc-key.json (kid kept) and oidc-funnel-clients.json (ids and secrets kept); safe while serving, recorded in the idp audit log")
      .argument('<dir>', "tsidp's state directory (its -dir / TS_STATE_DIR)"),
  ).action((dir: string, o: Opts) =>
    run(o, async (offline) => {
      const r = await importTsidpDir({ ...offline, dir });
      if (r.key) cli.stderr.write(`signing key ${r.key.kid}: ${r.key.imported ? 'imported, now current' : 'already present'}\n`);
      cli.stderr.write(`clients: ${r.clients.added.length} imported, ${r.clients.skipped.length} already present${r.clients.skipped.length ? ` (${r.clients.skipped.join(', ')})` : ''}\n`);
    }),
  );
  withData(
    idp
      .command('rotate-key')
      .description('rotate the signing key now: next becomes current, current stays published as previous; safe while serving (the server follows within a second), recorded in the idp audit log'),
  ).action((o: Opts) =>
    run(o, async (offline) => {
      const r = await rotateKeyOffline(offline);
      cli.stderr.write(`current signing key: ${r.current}\npublished: ${r.published.join(', ')}\n`);
    }),
  );
}

/** Warnings (such as a new key file) go to stderr; stdout carries only the result. */
function cliLog(cli: CliContext<IdpConfig>): OfflineOptions['log'] {
  const write = (obj: object, msg?: string) => void cli.stderr.write(`tailyard idp: ${msg ?? JSON.stringify(obj)}\n`);
  return { info: () => {}, warn: write };
}
