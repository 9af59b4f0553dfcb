/**
 * `tailyard audit verify [--app ID] [--data DIR]`: checks every app's hash-chained audit log
 * (each kept file of it, as one chain) and prints a summary per app; exits 1 when any chain is
 * broken or could not be checked. `tailyard secret audit verify` reports one log the same way.
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
 *   registerAuditCli(program, allApps.map((a) => a.id));
 */
import fs from 'node:fs';
import type { Command } from 'commander';
import { type AuditChainVerification, auditLogPath, verifyAuditChain } from '../platform/audit.js';
import { rotatedFiles } from '../platform/audit-files.js';
import { type CliIo, processIo } from './io.js';

/** What checking one log found: its report lines, or the problem. */
export type ChainReport = { ok: true; lines: string[] } | { ok: false; problem: string };

/**
 * Checks the log whose current file is `file`. `ok` lines: the entries, the head and where the
 * kept entries begin (the oldest anchor, once files were rotated away); otherwise the file and
 * line of the first problem.
 *
 * @example
 *   chainReport('data/secrets.audit.jsonl')
 *   // { ok: true, lines: ['data/secrets.audit.jsonl: ok, 12 entries, head 9f2c… (1 file, seq 1 to 12)',
 *   //                     'oldest entry kept: seq 1, the start of the log (nothing rotated away)'] }
 */
export function chainReport(file: string): ChainReport {
  let v: AuditChainVerification;
  try {
    v = verifyAuditChain(file);
  } catch (err) {
    return { ok: false, problem: `${file}: cannot check: ${(err as Error).message}` };
  }
  if (!v.ok) return { ok: false, problem: `${v.file}: line ${v.line}: ${v.problem}` };
  const first = v.files.find((f) => f.entries > 0);
  const last = v.files.findLast((f) => f.entries > 0);
  const files = `${v.files.length} file${v.files.length === 1 ? '' : 's'}`;
  const span = first && last ? `, seq ${first.firstSeq} to ${last.lastSeq}` : '';
  const oldest = v.oldest
    ? `oldest anchor kept: after seq ${v.oldest.seq} (head ${v.oldest.head}, hash ${v.oldest.hash}) in ${v.oldest.file}; ` +
      `entries up to ${v.oldest.seq} were rotated away`
    : 'oldest entry kept: seq 1, the start of the log (nothing rotated away)';
  return { ok: true, lines: [`${file}: ok, ${v.entries} entries, head ${v.head} (${files}${span})`, oldest] };
}

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
 * Adds `tailyard audit verify`.
 *
 * @example
 *   registerAuditCli(program, ['links', 'paste', 'secrets', 'sql', 'idp']);
 */
export function registerAuditCli(program: Command, appIds: readonly string[], io: CliIo = processIo()): void {
  program
    .command('audit')
    .description('audit log tools')
    .command('verify')
    .description("check every app's audit log (each kept file, as one hash chain) and print a summary per app; exits 1 if any chain is broken (safe while serving)")
    .option('--app <id>', `only this app (${appIds.join(', ')})`)
    .option('--data <dir>', 'data directory (default $TAILYARD_DATA or ./data)')
    .action((o: { app?: string; data?: string }) => {
      if (o.app !== undefined && !appIds.includes(o.app)) {
        io.stderr.write(`tailyard audit verify: unknown app ${JSON.stringify(o.app)}: expected one of ${appIds.join(', ')}\n`);
        io.exit(2);
        return;
      }
      const dataDir = o.data ?? io.env.TAILYARD_DATA ?? './data';
      if (!fs.existsSync(dataDir)) {
        io.stderr.write(`tailyard audit verify: data directory ${dataDir} does not exist (pass --data DIR or set TAILYARD_DATA)\n`);
        io.exit(2);
        return;
      }
      if (!verifyAppChains(dataDir, o.app ? [o.app] : appIds, io)) io.exit(1);
    });
}
