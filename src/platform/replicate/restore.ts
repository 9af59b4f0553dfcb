/**
 * `tailyard restore --from-replica URL --data DIR`: every app database and audit database
 * rebuilt from a replica (as `replicate.url` names it) into an empty data directory on any
 * machine, with `litestream restore`, then a `restore` entry appended to each restored app's
 * audit chain (so the chain says where its data came back from).
 *
 * The directory is held meanwhile (data-dir-lock.ts: refused while a tailyard serves it) and must
 * hold no databases. Each database is checked by Litestream after its restore (`-integrity-check
 * full`); one the replica does not have is skipped (an app that never wrote),
 * but a replica that has none of them is an error (a mistyped URL must not look like a restore). The files are made
 * 0600. Key files are not in a replica, by design (`restoreKeyAdvice`): the operator copies them
 * back, and without them `serve` refuses to start the apps whose data they seal.
 *
 * Starting `tailyard serve` on the restored directory with the same `replicate.url` continues the
 * replica: Litestream finds the database behind its replica's last position and carries on from it.
 *
 * @example
 *   const r = await restoreFromReplica({ settings: ReplicateSchema.parse({ url }), dataDir: '/data', appIds: ['links', 'secrets'] });
 *   r.restored // → ['links.db', 'links.audit.db', 'secrets.db', 'secrets.audit.db']
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { lockDataDir } from '../data-dir-lock.js';
import { ensurePrivateDir } from '../files.js';
import { recordRestore } from '../restore-record.js';
import { replicatedNames } from './files.js';
import { litestreamConfig } from './litestream-config.js';
import { checkLitestreamVersion } from './litestream.js';
import { replicatePaths } from './paths.js';
import { litestreamEnv, type ReplicateSettings, shownUrl } from './settings.js';

export interface RestoreFromReplicaOptions {
  settings: ReplicateSettings;
  dataDir: string;
  /** Every app this tailyard knows: their databases are looked for in the replica. */
  appIds: readonly string[];
  /** tailyard's environment (default `process.env`): Litestream gets it plus the credentials file. */
  env?: NodeJS.ProcessEnv;
  /** Told about what fails nothing (a variable not passed to Litestream). */
  warn?: (message: string) => void;
}

export interface RestoreFromReplicaResult {
  /** The database files restored, e.g. `links.db`. */
  restored: string[];
  /** The apps whose chains got a `restore` entry. */
  recorded: string[];
}

/** Restores every replicated database of `appIds` into the empty `dataDir` (see the module comment). */
export async function restoreFromReplica(o: RestoreFromReplicaOptions): Promise<RestoreFromReplicaResult> {
  await checkLitestreamVersion(o.settings.litestream);
  const { env, warnings } = litestreamEnv(o.settings, o.env ?? process.env);
  for (const w of warnings) o.warn?.(w);
  const dataDir = path.resolve(o.dataDir);
  ensurePrivateDir(dataDir);
  const lock = lockDataDir(dataDir);
  try {
    const present = fs.readdirSync(dataDir).filter((n) => n.endsWith('.db') || n.endsWith('.audit.jsonl'));
    if (present.length) {
      throw new Error(`refusing to restore into ${dataDir}: it already holds data (${present.join(', ')}); restore into an empty data directory`);
    }
    const paths = replicatePaths(dataDir);
    ensurePrivateDir(paths.dir, { tighten: true });
    const names = o.appIds.flatMap(replicatedNames);
    const files = names.map((n) => path.join(dataDir, n));
    const config = path.join(paths.dir, 'restore.yml');
    fs.writeFileSync(config, litestreamConfig(o.settings, files, paths), { mode: 0o600 });
    const restored: string[] = [];
    try {
      for (const file of files) {
        await run(o.settings.litestream, ['restore', '-config', config, '-no-expand-env', '-if-replica-exists', '-integrity-check', 'full', file], env);
        if (!fs.existsSync(file)) continue;
        for (const f of [file, `${file}-wal`, `${file}-shm`]) if (fs.existsSync(f)) fs.chmodSync(f, 0o600);
        restored.push(path.basename(file));
      }
    } finally {
      fs.rmSync(config, { force: true });
    }
    if (restored.length === 0) {
      // A mistyped URL or a wrong bucket must not look like a restore: serve would start empty.
      throw new Error(`the replica ${shownUrl(o.settings.url)} holds no database of ${o.appIds.join(', ')}: check the URL (replicate.url as the lost host had it), the endpoint and the credentials`);
    }
    const recorded = recordRestore(dataDir, o.appIds, restored, shownUrl(o.settings.url), { replicated: true });
    return { restored, recorded };
  } finally {
    lock.release();
  }
}

/** Runs Litestream; rejects with its output (which names no credential: those are in its environment only). */
function run(bin: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    // error-events: execFile hands a child's 'error' to this callback.
    execFile(bin, args, { env, timeout: 10 * 60_000, maxBuffer: 16 << 20 }, (err, stdout, stderr) => {
      if (!err) return resolve();
      const out = `${stderr}${stdout}`.trim().split('\n').slice(-5).join(' | ');
      reject(new Error(`litestream restore of ${args.at(-1)} failed: ${out || err.message}`));
    });
  });
}
