/**
 * `tailyard audit verify [--app ID] [--config F] [--data DIR] [--set K=V]`: checks every app's
 * hash-chained audit log (each kept file of it, as one chain) and prints a summary per app; exits
 * 1 when any chain is broken or could not be checked. The data directory is found as `serve` and
 * every app's CLI context find it (`--config` / `TAILYARD_CONFIG`, the environment, `--set`,
 * `--data`). `tailyard secret audit verify` reports one log the same way (`audit-report.ts`).
 * Safe while the server runs: a log is checked as it stood when the check began (audit-verify.ts).
 *
 *   $ tailyard audit verify --data /var/lib/tailyard
 *   links: /var/lib/tailyard/links.audit.jsonl: ok, 12 entries, head 9f2c… (1 file, seq 1 to 12)
 *   links: oldest entry kept: seq 1, the start of the log (nothing rotated away)
 *   paste: no audit log
 *   secrets: BROKEN: /var/lib/tailyard/secrets.audit.jsonl: line 31: seq is 31, expected 32: …
 *   …
 *   1 chain ok, 1 broken, 3 apps without an audit log
 *
 * @example
 *   registerAuditCli(program, builtInApps, processIo());
 */
import fs from 'node:fs';
import type { Command } from 'commander';
import type { AppDefinition } from '../platform/app.js';
import { auditLogPath } from '../platform/audit.js';
import { rotatedFiles } from '../platform/audit-files.js';
import { chainReport } from '../platform/audit-report.js';
import type { CliConfigOptions } from '../platform/cli-context.js';
import { type CliIo, processIo } from '../platform/cli-io.js';
import { ConfigError } from '../platform/config.js';
import { addConfigOptions, resolveFromOptions } from './context.js';

/** Whether app `appId` has an audit log in `dataDir` (a current or a rotated file). */
function hasLog(dataDir: string, appId: string): boolean {
  const file = auditLogPath(dataDir, appId);
  return fs.existsSync(file) || rotatedFiles(file).length > 0;
}

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
    if (!hasLog(dataDir, id)) {
      missing++;
      io.stdout.write(`${id}: no audit log\n`);
      continue;
    }
    const r = chainReport(auditLogPath(dataDir, id));
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
 * Adds `tailyard audit verify` for the apps `apps` this tailyard knows.
 *
 * @example
 *   registerAuditCli(program, builtInApps, processIo());
 */
export function registerAuditCli(program: Command, apps: readonly AppDefinition[], io: CliIo = processIo()): void {
  const appIds = apps.map((a) => a.id);
  addConfigOptions(
    program
      .command('audit')
      .description('audit log tools')
      .command('verify')
      .description("check every app's audit log (each kept file, as one hash chain) and print a summary per app; exits 1 if any chain is broken (safe while serving)")
      .option('--app <id>', `only this app (${appIds.join(', ')}); a plugin's app is known when its file is named before the command (tailyard --app FILE audit verify) or in the config's "plugins"`),
    { appFiles: false },
  ).action((o: CliConfigOptions & { app?: string }) => {
    const fail = (message: string) => {
      io.stderr.write(`tailyard audit verify: ${message}\n`);
      io.exit(2);
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
    if (!verifyAppChains(dataDir, o.app ? [o.app] : appIds, io)) io.exit(1);
  });
}
