/**
 * `tailyard idp …`: offline administration of the identity provider's data directory.
 *
 *   tailyard idp import DIR [--data DIR] [--key-file F]     move a tsidp deployment over
 *   tailyard idp rotate-key [--data DIR] [--key-file F]     rotate the signing key now
 *
 * Both are safe while `tailyard serve` runs (they do not take the data directory) and record what
 * they change in the idp audit log. The key file defaults to `<data>/idp.key`.
 *
 * @example
 *   tailyard idp import /var/lib/tsidp --data /var/lib/tailyard
 */
import type { Command } from 'commander';
import { cliActor } from '../../cli/io.js';
import { fdLogger } from '../../platform/logging.js';
import type { IdpKekConfig } from './config.js';
import { importTsidpDir, rotateKeyOffline } from './offline.js';

interface DataOpts {
  data?: string;
  keyFile?: string;
}

const dataDir = (o: DataOpts) => o.data ?? process.env.TAILYARD_DATA ?? './data';
const kekOf = (o: DataOpts): IdpKekConfig => ({ provider: 'local', ...(o.keyFile ? { keyFile: o.keyFile } : {}) });

/** Warnings (such as a new key file) go to stderr; stdout carries only the result. */
const cliLog = () => fdLogger(2, 'warn');

function fail(err: unknown): void {
  process.stderr.write(`tailyard idp: ${(err as Error).message}\n`);
  process.exitCode = 1;
}

/** Adds `tailyard idp import|rotate-key`. */
export function registerIdpCli(program: Command): void {
  const idp = program.command('idp').description('identity provider: import a tsidp deployment, rotate the signing key');
  const withData = (cmd: Command) =>
    cmd.option('--data <dir>', 'data directory (default ./data; env TAILYARD_DATA)').option('--key-file <file>', 'the idp key file (default <data>/idp.key)');
  withData(
    idp
      .command('import')
      .description("import tsidp's oidc-key.json (kid kept) and oidc-funnel-clients.json (ids and secrets kept); safe while serving, recorded in the idp audit log")
      .argument('<dir>', "tsidp's state directory (its -dir / TS_STATE_DIR)"),
  ).action(async (dir: string, o: DataOpts) => {
    try {
      const r = await importTsidpDir({ dir, dataDir: dataDir(o), kek: kekOf(o), log: cliLog(), actor: cliActor() });
      if (r.key) process.stdout.write(`signing key ${r.key.kid}: ${r.key.imported ? 'imported, now current' : 'already present'}\n`);
      process.stdout.write(`clients: ${r.clients.added.length} imported, ${r.clients.skipped.length} already present${r.clients.skipped.length ? ` (${r.clients.skipped.join(', ')})` : ''}\n`);
    } catch (err) {
      fail(err);
    }
  });
  withData(idp.command('rotate-key').description('rotate the signing key now: next becomes current, current stays published as previous; safe while serving (the server follows within a second), recorded in the idp audit log')).action(
    async (o: DataOpts) => {
      try {
        const r = await rotateKeyOffline({ dataDir: dataDir(o), kek: kekOf(o), log: cliLog(), actor: cliActor() });
        process.stdout.write(`current signing key: ${r.current}\npublished: ${r.published.join(', ')}\n`);
      } catch (err) {
        fail(err);
      }
    },
  );
}
