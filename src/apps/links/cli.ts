/**
 * `tailyard links …`: offline tools on a data directory or an export file.
 *
 *   tailyard links resolve go/name [--from-backup FILE] [--config F] [--data DIR] [--hostname go]
 *   tailyard links import FILE [--policy skip|overwrite] [--dry-run] [--config F] [--data DIR]
 *
 * `resolve` follows alias chains (`go/a` → `/b` → …) with loop detection, like golink's
 * `-resolve-from-backup` but without its crash on cycles; it only reads. `import` writes straight
 * into the links database, with no body-size limit, and records the import in the links audit log
 * as `/.import` does. Both are safe while `tailyard serve` runs: SQLite WAL keeps the server
 * reading, its lookup cache follows `data_version`, and the audit entry goes through the log's
 * append lock; neither takes the data directory. The database is found as `tailyard serve` finds
 * it (the CLI context: `--config`, the environment, `--set`, `--data`).
 *
 * @example
 *   resolveOffline('go/chat/x', { fromBackup: 'links.jsonl' }) // 'https://meet.example/x'
 */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { CliConfigOptions, CliContext } from '../../platform/cli-context.js';
import { cliActor } from '../../platform/cli-io.js';
import { ConfigError } from '../../platform/config.js';
import { appDatabasePath, openAppDatabase } from '../../platform/storage.js';
import type { LinksConfig } from './config.js';
import { importLinks, type MergePolicy, parseSnapshot } from './snapshot.js';
import { LinkStore } from './store.js';
import { migrations } from './schema.js';
import { recordImport, resolveIn } from './service/index.js';

export interface ResolveOptions {
  fromBackup?: string;
  /** The data directory whose links database to read (without `fromBackup`). */
  data?: string;
  hostname?: string;
}

/** Resolves a link against an export file or the data directory's database. */
export function resolveOffline(link: string, opts: ResolveOptions): string {
  let store: LinkStore;
  let close = () => {};
  if (opts.fromBackup) {
    store = memoryStore();
    importLinks(store, parseSnapshot(readFileSync(opts.fromBackup, 'utf8'), opts.fromBackup), { policy: 'skip', actor: 'backup' });
  } else {
    if (opts.data === undefined) throw new Error('resolve: name a data directory or a golink export to resolve against');
    const db = openAppDatabase(appDatabasePath(opts.data, 'links'), migrations, { readonly: true });
    store = new LinkStore(db);
    close = () => db.close();
  }
  try {
    return resolveIn(store, link, { hostname: opts.hostname ?? 'go' }).url;
  } finally {
    close();
  }
}

function memoryStore(): LinkStore {
  return new LinkStore(openAppDatabase(':memory:', migrations));
}

/** Adds `tailyard links resolve|import`. */
export function registerLinksCli(program: Command, cli: CliContext<LinksConfig>): void {
  const fail = (err: unknown) => {
    cli.stderr.write(`tailyard links: ${(err as Error).message}\n`);
    // A bad configuration exits 2, as `tailyard serve` does.
    cli.exit(err instanceof ConfigError ? 2 : 1);
  };
  const links = program.command('links').description('go/ links: resolve and import offline');
  cli
    .configOptions(
      links
        .command('resolve')
        .description('print where go/NAME[/path][?query] leads, following go/ aliases (loops are reported); reads only, safe while serving')
        .argument('<link>', 'e.g. go/docs/setup or docs')
        .option('--from-backup <file>', 'resolve against a golink export (JSON Lines) instead of the database')
        .option('--hostname <name>', 'the service name in links', 'go'),
    )
    .action((link: string, o: CliConfigOptions & Omit<ResolveOptions, 'data'>) => {
      try {
        const data = o.fromBackup ? undefined : cli.load(o).dataDir;
        cli.stdout.write(`${resolveOffline(link, { ...o, data })}\n`);
      } catch (err) {
        fail(err);
      }
    });
  cli
    .configOptions(
      links
        .command('import')
        .description('import a golink export into the links database and record it in the links audit log (safe while serving)')
        .argument('<file>', 'JSON Lines file, as written by /.export')
        .option('--policy <policy>', 'when a link exists: skip (keep it) or overwrite', 'skip')
        .option('--dry-run', 'only report what would change'),
    )
    .action((file: string, o: CliConfigOptions & { policy: string; dryRun?: boolean }) => {
      try {
        if (o.policy !== 'skip' && o.policy !== 'overwrite') throw new Error(`--policy must be skip or overwrite, not ${o.policy}`);
        const parsed = parseSnapshot(readFileSync(file, 'utf8'), file);
        const loaded = cli.load(o);
        try {
          const policy = o.policy as MergePolicy;
          const r = importLinks(new LinkStore(loaded.database()), parsed, { policy, actor: 'cli import', dryRun: o.dryRun });
          const verb = o.dryRun ? 'would add' : 'added';
          cli.stderr.write(`${verb} ${r.added.length}, ${o.dryRun ? 'would update' : 'updated'} ${r.updated.length}, skipped ${r.skipped.length}, unchanged ${r.unchanged.length}\n`);
          if (!o.dryRun) recordImport({ sink: loaded.audit(), actor: cliActor(), via: 'cli', done: `the import of ${file} is done` }, policy, r);
        } finally {
          loaded.close();
        }
      } catch (err) {
        fail(err);
      }
    });
}
