/**
 * Work on an idp data directory without the server: importing a tsidp state directory and
 * rotating the signing key. Both are safe while `tailyard serve` runs (SQLite WAL; the server
 * notices the new key generation within a second), so neither takes the data directory. Each
 * change is recorded in the idp audit log once made (`key.import`, `client.import`,
 * `key.rotate` with `by: "cli"`), through the log's append lock (the CLI context's `audit`),
 * next to the server's entries.
 *
 * Importing: `oidc-key.json` becomes the current signing key under its exact `kid` (the key
 * current before stays published as `previous`), and every client of `oidc-funnel-clients.json`
 * is added with its id and secret (stored hashed), so relying parties need no change. Clients
 * that already exist are skipped and reported.
 *
 * Both work on what the CLI context loads (`cli.load(o)`): the idp database and keys as
 * `tailyard serve` opens them.
 *
 * @example
 *   const r = await importTsidpDir({ dir: '/var/lib/tsidp', database: loaded.database, keys: loaded.keys, audit: loaded.audit, kek: loaded.config.kek, log });
 *   // { key: { kid: '9210502070016329719', imported: true }, clients: { added: ['0123…'], skipped: [] } }
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import type { AuditSink } from '../../../platform/app.js';
import { recordDone } from '../../../platform/audit.js';
import type { KekConfig } from '../../../platform/keys/config.js';
import type { Keys } from '../../../platform/keys/keys.js';
import type { SqliteDatabase } from '../../../platform/storage.js';
import { ClientExistsError, ClientStore, KeyStore } from '../store/index.js';
import type { IdpAuditEvent } from './audit.js';
import { KeyRing, openIdpKek } from './keys.js';
import { createClient } from './registry.js';
import { parseTsidpClients, parseTsidpKey } from './tsidp-import.js';

export interface OfflineOptions {
  /** The idp database, migrated (opened when first needed: the CLI context's `database`). */
  database(): SqliteDatabase;
  /** The idp's keys (the CLI context's `keys`), and its `kek` config. */
  keys(): Keys;
  kek: KekConfig;
  log: Pick<Logger, 'info' | 'warn'>;
  /** The idp audit log as a CLI appends to it (the CLI context's `audit`). */
  audit(): AuditSink;
  /** Who runs it, for the audit log (default `cli`). */
  actor?: string;
}

/** Records a change already made in the idp audit log (see `recordDone`). */
function record(o: OfflineOptions, done: string, event: IdpAuditEvent): void {
  recordDone(o.audit(), done, { app: 'idp', ...event, by: 'cli', user: o.actor ?? 'cli' });
}

/** Opens the key ring for offline work (its KEK is closed with the keys). */
async function openRing(o: OfflineOptions): Promise<KeyRing> {
  const store = new KeyStore(o.database());
  const kek = await openIdpKek(o.keys(), o.kek, store.kekIds());
  return KeyRing.open(store, kek, { rotationDays: 0, log: o.log });
}

export interface ImportResult {
  key: { kid: string; imported: boolean } | undefined;
  clients: { added: string[]; skipped: string[] };
}

/** Imports a tsidp state directory (see the module comment). */
export async function importTsidpDir(o: OfflineOptions & { dir: string }): Promise<ImportResult> {
  const keyFile = path.join(o.dir, 'oidc-key.json');
  const clientsFile = path.join(o.dir, 'oidc-funnel-clients.json');
  const hasKey = fs.existsSync(keyFile);
  const hasClients = fs.existsSync(clientsFile);
  if (!hasKey && !hasClients) throw new Error(`${o.dir} holds neither oidc-key.json nor oidc-funnel-clients.json: not a tsidp state directory`);
  // Parse everything first, so a bad file changes nothing.
  const key = hasKey ? parseTsidpKey(fs.readFileSync(keyFile, 'utf8'), keyFile) : undefined;
  const clients = hasClients ? parseTsidpClients(fs.readFileSync(clientsFile, 'utf8'), clientsFile) : [];
  const ring = await openRing(o);
  const db = o.database();
  const result: ImportResult = { key: undefined, clients: { added: [], skipped: [] } };
  if (key) {
    const present = ring.kids().includes(key.kid) || new KeyStore(db).has(key.kid);
    if (!present) {
      await ring.adopt(key.kid, key.key);
      record(o, `signing key ${key.kid} was imported`, { action: 'key.import', kid: key.kid });
    }
    result.key = { kid: key.kid, imported: !present };
  }
  const store = new ClientStore(db);
  const now = Math.floor(Date.now() / 1000);
  for (const c of clients) {
    try {
      createClient(
        store,
        {
          clientId: c.clientId,
          secret: c.secret,
          name: c.name,
          redirectUris: c.redirectUris,
          authMethod: c.authMethod as 'client_secret_basic',
          grantTypes: c.grantTypes,
          responseTypes: c.responseTypes,
          applicationType: c.applicationType,
          dynamic: c.dynamic,
          createdBy: 'tsidp import',
          createdAt: c.createdAt,
        },
        now,
      );
    } catch (err) {
      if (!(err instanceof ClientExistsError)) throw new Error(`client ${c.clientId}: ${(err as Error).message}`);
      result.clients.skipped.push(c.clientId);
      continue;
    }
    result.clients.added.push(c.clientId);
    record(o, `client ${c.clientId} was imported`, { action: 'client.import', client: c.clientId, name: c.name });
  }
  return result;
}

/** Rotates the signing key now (next → current → previous, a new next); returns the published kids. */
export async function rotateKeyOffline(o: OfflineOptions): Promise<{ current: string; published: string[] }> {
  const ring = await openRing(o);
  const current = await ring.rotate();
  record(o, `the signing key was rotated (current: ${current})`, { action: 'key.rotate', kid: current });
  return { current, published: ring.kids() };
}
