/**
 * `tailyard audit verify [--app ID]` checks every app's hash-chained audit log (its chain in
 * `<data>/<app>.audit.db`) and prints a summary per app; exits 1 when any chain is broken or could
 * not be checked. `tailyard audit export [--app ID] [--out DIR]` writes the kept chains as JSON
 * Lines, byte for byte what the files of earlier versions held (an app's to stdout, or every
 * app's to `DIR/<app>.audit.jsonl`); an export checks on its own (`verifyAuditLog`). The data
 * directory is found as `serve` and every app's CLI context find it (`--config` /
 * `TAILYARD_CONFIG`, the environment, `--set`, `--data`). `tailyard secret audit verify` reports
 * one log the same way (`audit-report.ts`). Both are safe while the server runs: each reads one
 * consistent snapshot of a chain.
 *
 *   $ tailyard audit verify --data /var/lib/tailyard
 *   links: /var/lib/tailyard/links.audit.db: ok, 12 entries, head 9f2c… (1 segment, seq 1 to 12)
 *   links: oldest entry kept: seq 1, the start of the log (nothing deleted by the retention)
 *   paste: no audit log
 *   secrets: BROKEN: /var/lib/tailyard/secrets.audit.db: entry 31 (seq 31): prev does not match …
 *   …
 *   1 chain ok, 1 broken, 3 apps without an audit log
 *
 * @example
 *   registerAuditCli(program, builtInApps, processIo());
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import type { AppDefinition } from '../platform/app.js';
import { auditLogPath } from '../platform/audit.js';
import { chainReport, hasAuditLog } from '../platform/audit-report.js';
import { exportAuditChain } from '../platform/audit-store.js';
import type { CliConfigOptions } from '../platform/cli-context.js';
import { type CliIo, processIo } from '../platform/cli-io.js';
import { ConfigError } from '../platform/config.js';
import { createPrivateFile, ensurePrivateDir } from '../platform/files.js';
import { addConfigOptions, resolveFromOptions } from './context.js';

/**
 * Checks the logs of `appIds` in `dataDir`, writes the summary, and returns whether all that
 * exist are sound.
 *
 * @example
 *   verifyAppChains('/var/lib/tailyard', ['links', 'secrets'], io) // → false when one is broken
 */
export function verifyAppChains(dataDir: string, appIds: readonly string[], io: Pick<CliIo, 'stdout'>): boolean {
  let ok = 0;
  let broken = 0;
  let missing = 0;
  for (const id of appIds) {
    const file = auditLogPath(dataDir, id);
    if (!hasAuditLog(file)) {
      missing++;
      io.stdout.write(`${id}: no audit log\n`);
      continue;
    }
    const r = chainReport(file);
    if (r.ok) {
      ok++;
      for (const line of r.lines) io.stdout.write(`${id}: ${line}\n`);
    } else {
      broken++;
      io.stdout.write(`${id}: BROKEN: ${r.problem}\n`);
    }
  }
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  io.stdout.write(`${plural(ok, 'chain')} ok, ${broken} broken, ${plural(missing, 'app')} without an audit log\n`);
  return broken === 0;
}

/**
 * Adds `tailyard audit verify` and `tailyard audit export` for the apps `apps` this tailyard knows.
 *
 * @example
 *   registerAuditCli(program, builtInApps, processIo());
 */
export function registerAuditCli(program: Command, apps: readonly AppDefinition[], io: CliIo = processIo()): void {
  const appIds = apps.map((a) => a.id);
  const audit = program.command('audit').description('audit log tools');
  /** The data directory and the apps a command works on, or an exit 2 naming the problem. */
  const target = (command: string, o: CliConfigOptions & { app?: string }): { dataDir: string; ids: string[] } | undefined => {
    const fail = (message: string) => {
      io.stderr.write(`tailyard audit ${command}: ${message}\n`);
      io.exit(2);
      return undefined;
    };
    if (o.app !== undefined && !appIds.includes(o.app)) return fail(`unknown app ${JSON.stringify(o.app)}: expected one of ${appIds.join(', ')}`);
    let dataDir: string;
    try {
      dataDir = resolveFromOptions(o, apps, io.env).platform.dataDir;
    } catch (err) {
      if (err instanceof ConfigError) return fail(err.message);
      throw err;
    }
    if (!fs.existsSync(dataDir)) return fail(`data directory ${dataDir} does not exist (pass --data DIR, set TAILYARD_DATA, or name the config that sets dataDir)`);
    return { dataDir, ids: o.app ? [o.app] : appIds };
  };

  addConfigOptions(
    audit
      .command('verify')
      .description("check every app's audit log (its kept chain) and print a summary per app; exits 1 if any chain is broken (safe while serving)")
      .option('--app <id>', `only this app (${appIds.join(', ')}); a plugin's app is known when its file is named before the command (tailyard --app FILE audit verify) or in the config's "plugins"`),
    { appFiles: false },
  ).action((o: CliConfigOptions & { app?: string }) => {
    const t = target('verify', o);
    if (t && !verifyAppChains(t.dataDir, t.ids, io)) io.exit(1);
  });

  addConfigOptions(
    audit
      .command('export')
      .description("write the kept audit chains as JSON Lines: one app's to stdout (--app), or every app's to DIR/<app>.audit.jsonl (--out) (safe while serving)")
      .option('--app <id>', `only this app (${appIds.join(', ')}); a plugin's app is known when its file is named before the command (tailyard --app FILE audit export) or in the config's "plugins"`)
      .option('--out <dir>', 'write <app>.audit.jsonl files into this directory (created 0700) instead of stdout'),
    { appFiles: false },
  ).action((o: CliConfigOptions & { app?: string; out?: string }) => {
    if (o.app === undefined && o.out === undefined) {
      io.stderr.write('tailyard audit export: name an app (--app ID, written to stdout) or a directory (--out DIR) for every app\n');
      return io.exit(2);
    }
    const t = target('export', o);
    if (!t) return;
    for (const id of t.ids) {
      const file = auditLogPath(t.dataDir, id);
      if (!fs.existsSync(file)) {
        io.stderr.write(`${id}: no audit log${hasAuditLog(file) ? ' in a database yet (its JSON Lines files move in at the next start)' : ''}\n`);
        continue;
      }
      if (o.out === undefined) {
        exportAuditChain(file, (chunk) => io.stdout.write(chunk));
        continue;
      }
      ensurePrivateDir(o.out);
      const dest = path.join(o.out, `${id}.audit.jsonl`);
      createPrivateFile(dest);
      const fd = fs.openSync(dest, 'w');
      try {
        const n = exportAuditChain(file, (chunk) => fs.writeSync(fd, chunk));
        fs.fsyncSync(fd);
        io.stdout.write(`${id}: ${n} entries written to ${dest}\n`);
      } finally {
        fs.closeSync(fd);
      }
    }
  });
}
