/**
 * `tailyard links …`: offline tools on a data directory or an export file.
 *
 *   tailyard links resolve go/name [--from-backup FILE] [--data DIR] [--hostname go]
 *   tailyard links import FILE [--policy skip|overwrite] [--dry-run] [--data DIR]
 *
 * `resolve` follows alias chains (`go/a` → `/b` → …) with loop detection, like golink's
 * `-resolve-from-backup` but without its crash on cycles; it only reads. `import` writes straight
 * into the links database, with no body-size limit, and records the import in the links audit log
 * as `/.import` does. Both are safe while `tailyard serve` runs: SQLite WAL keeps the server
 * reading, its lookup cache follows `data_version`, and the audit entry goes through the log's
 * append lock; neither takes the data directory.
 *
 * @example
 *   resolveOffline('go/chat/x', { fromBackup: 'links.jsonl' }) // 'https://meet.example/x'
 */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { cliActor } from '../../cli/io.js';
import { auditLogPath, recordDone } from '../../platform/audit.js';
import { appDatabasePath, openAppDatabase } from '../../platform/storage.js';
import { resolveChain } from './resolve.js';
import { importLinks, type MergePolicy, parseSnapshot } from './snapshot.js';
import { LinkStore, linksMigrations } from './store.js';

export interface ResolveOptions {
  fromBackup?: string;
  data?: string;
  hostname?: string;
}

/** Resolves a link against an export file or the data directory's database. */
export function resolveOffline(link: string, opts: ResolveOptions): string {
  let lookup: (short: string) => string | undefined;
  let close = () => {};
  if (opts.fromBackup) {
    const store = memoryStore();
    importLinks(store, parseSnapshot(readFileSync(opts.fromBackup, 'utf8'), opts.fromBackup), { policy: 'skip', actor: 'backup' });
    lookup = (s) => store.lookup(s)?.long;
  } else {
    const db = openAppDatabase(appDatabasePath(opts.data ?? process.env.TAILYARD_DATA ?? './data', 'links'), linksMigrations, { readonly: true });
    const store = new LinkStore(db);
    lookup = (s) => store.lookup(s)?.long;
    close = () => db.close();
  }
  try {
    return resolveChain(link, lookup, { hostname: opts.hostname ?? 'go' }).url;
  } finally {
    close();
  }
}

function memoryStore(): LinkStore {
  return new LinkStore(openAppDatabase(':memory:', linksMigrations));
}

function fail(err: unknown): never {
  process.stderr.write(`tailyard links: ${(err as Error).message}\n`);
  process.exit(1);
}

/** Adds `tailyard links resolve|import`. */
export function registerLinksCli(program: Command): void {
  const links = program.command('links').description('go/ links: resolve and import offline');
  links
    .command('resolve')
    .description('print where go/NAME[/path][?query] leads, following go/ aliases (loops are reported); reads only, safe while serving')
    .argument('<link>', 'e.g. go/docs/setup or docs')
    .option('--from-backup <file>', 'resolve against a golink export (JSON Lines) instead of the database')
    .option('--data <dir>', 'data directory (default ./data; env TAILYARD_DATA)')
    .option('--hostname <name>', 'the service name in links', 'go')
    .action((link: string, o: ResolveOptions) => {
      try {
        process.stdout.write(`${resolveOffline(link, o)}\n`);
      } catch (err) {
        fail(err);
      }
    });
  links
    .command('import')
    .description('import a golink export into the links database and record it in the links audit log (safe while serving)')
    .argument('<file>', 'JSON Lines file, as written by /.export')
    .option('--policy <policy>', 'when a link exists: skip (keep it) or overwrite', 'skip')
    .option('--dry-run', 'only report what would change')
    .option('--data <dir>', 'data directory (default ./data; env TAILYARD_DATA)')
    .action((file: string, o: { policy: string; dryRun?: boolean; data?: string }) => {
      try {
        if (o.policy !== 'skip' && o.policy !== 'overwrite') throw new Error(`--policy must be skip or overwrite, not ${o.policy}`);
        const parsed = parseSnapshot(readFileSync(file, 'utf8'), file);
        const dataDir = o.data ?? process.env.TAILYARD_DATA ?? './data';
        const db = openAppDatabase(appDatabasePath(dataDir, 'links'), linksMigrations);
        let r: ReturnType<typeof importLinks>;
        try {
          r = importLinks(new LinkStore(db), parsed, { policy: o.policy as MergePolicy, actor: 'cli import', dryRun: o.dryRun });
        } finally {
          db.close();
        }
        const verb = o.dryRun ? 'would add' : 'added';
        process.stdout.write(`${verb} ${r.added.length}, ${o.dryRun ? 'would update' : 'updated'} ${r.updated.length}, skipped ${r.skipped.length}, unchanged ${r.unchanged.length}\n`);
        if (!o.dryRun) {
          const event = { action: 'links.import', actor: cliActor(), via: 'cli', policy: o.policy, added: r.added.length, updated: r.updated.length };
          recordDone(auditLogPath(dataDir, 'links'), `the import of ${file} is done`, event);
        }
      } catch (err) {
        fail(err);
      }
    });
}
