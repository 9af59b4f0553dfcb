/**
 * Which key files a restored data directory needs back. Key files are never in a backup or a
 * replica (a copy next to its data would protect nothing), so after a restore the operator copies
 * them back from where they are kept apart; until then `serve` refuses to start the apps whose
 * data they seal (kek-source.ts). An app that seals data embeds the platform's `kek` schema in its
 * config (`keys/config.ts`): that is how its key is found here, whichever app it is.
 *
 * @example
 *   neededKeys(config.known, '/data', ['secrets', 'links'])
 *   // → [{ app: 'secrets', file: '/data/secrets.key', present: false }]
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ResolvedApp } from '../config.js';
import { KekConfigSchema } from './config.js';

/** One app's key: a local file (and whether it is there yet), or a KMS key (nothing to copy). */
export interface NeededKey {
  app: string;
  file?: string;
  present?: boolean;
  kmsKeyArn?: string;
}

/** The keys the apps `appIds` (those restored) of `known` need. */
export function neededKeys(known: readonly ResolvedApp[], dataDir: string, appIds: readonly string[]): NeededKey[] {
  const out: NeededKey[] = [];
  for (const app of known) {
    if (!appIds.includes(app.def.id)) continue;
    const kek = KekConfigSchema.safeParse((app.config as { kek?: unknown } | undefined)?.kek);
    if (!kek.success) continue;
    if (kek.data.provider === 'aws-kms') {
      out.push({ app: app.def.id, kmsKeyArn: kek.data.keyArn });
      continue;
    }
    const file = path.resolve(kek.data.keyFile ?? path.join(dataDir, `${app.def.id}.key`));
    out.push({ app: app.def.id, file, present: fs.existsSync(file) });
  }
  return out;
}

/**
 * What a restore tells the operator about keys, one line each.
 *
 * @example keyAdvice(neededKeys(...)) // ['copy back secrets.key …', …]
 */
export function keyAdvice(keys: readonly NeededKey[]): string[] {
  const missing = keys.filter((k) => k.file && !k.present);
  const lines = keys.map((k) =>
    k.kmsKeyArn
      ? `${k.app}: sealed under the AWS KMS key ${k.kmsKeyArn}: nothing to copy (this host needs access to it)`
      : `${k.app}: key file ${k.file}: ${k.present ? 'present' : 'MISSING'}`,
  );
  if (missing.length) {
    lines.push(
      `key files are never in a backup or a replica: copy ${missing.map((k) => k.file).join(', ')} back from where you keep them apart (mode 0600); ` +
        `until then tailyard serve refuses to start ${missing.map((k) => k.app).join(' and ')}`,
    );
  }
  return lines;
}
