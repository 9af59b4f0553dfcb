/**
 * Work on an idp data directory without the server: importing a tsidp state directory and
 * rotating the signing key. Both are safe while `tailyard serve` runs (SQLite WAL; the server
 * notices the new key generation within a second), so neither takes the data directory. Each
 * change is recorded in the idp audit log once made (`key.import`, `client.import`,
 * `key.rotate` with `by: "cli"`), through the log's append lock, next to the server's entries.
 *
 * Importing: `oidc-key.json` becomes the current signing key under its exact `kid` (the key
 * current before stays published as `previous`), and every client of `oidc-funnel-clients.json`
 * is added with its id and secret (stored hashed), so relying parties need no change. Clients
 * that already exist are skipped and reported.
 *
 * @example
 *   const r = await importTsidpDir({ dir: '/var/lib/tsidp', dataDir: './data', log });
 *   // { key: { kid: '9210502070016329719', imported: true }, clients: { added: ['0123…'], skipped: [] } }
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import { auditLogPath, recordDone } from '../../platform/audit.js';
import { appDatabasePath, openAppDatabase, type SqliteDatabase } from '../../platform/storage.js';
import type { IdpAuditEvent } from './audit.js';
import type { IdpKekConfig } from './config.js';
import { openIdpKek } from './kek.js';
import { KeyRing } from './keys.js';
import { createClient } from './registry.js';
import { idpMigrations } from './schema.js';
import { ClientExistsError, ClientStore } from './store/clients.js';
import { KeyStore } from './store/keys.js';
import { parseTsidpClients, parseTsidpKey } from './tsidp-import.js';

export interface OfflineOptions {
  dataDir: string;
  /** Default: the local key file `<dataDir>/idp.key`. */
  kek?: IdpKekConfig;
  log: Pick<Logger, 'info' | 'warn'>;
  /** Who runs it, for the audit log (default `cli`). */
  actor?: string;
}

/** Records a change already made in the idp audit log (see `recordDone`). */
function record(o: OfflineOptions, done: string, event: IdpAuditEvent): void {
  recordDone(auditLogPath(o.dataDir, 'idp'), done, { app: 'idp', ...event, by: 'cli', user: o.actor ?? 'cli' });
}

/** Opens the idp database and its key ring for offline work. */
async function openRing(o: OfflineOptions): Promise<{ db: SqliteDatabase; ring: KeyRing; close(): void }> {
  fs.mkdirSync(o.dataDir, { recursive: true, mode: 0o700 });
  const db = openAppDatabase(appDatabasePath(o.dataDir, 'idp'), idpMigrations);
  try {
    const store = new KeyStore(db);
    const kek = await openIdpKek(o.kek ?? { provider: 'local' }, { dataDir: o.dataDir, mode: 'host', log: o.log, sealedBy: store.kekIds() });
    const ring = await KeyRing.open(store, kek, { rotationDays: 0, log: o.log });
    return {
      db,
      ring,
      close: () => {
        kek.close();
        db.close();
      },
    };
  } catch (err) {
    db.close();
    throw err;
  }
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
  const { db, ring, close } = await openRing(o);
  try {
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
  } finally {
    close();
  }
}

/** Rotates the signing key now (next → current → previous, a new next); returns the published kids. */
export async function rotateKeyOffline(o: OfflineOptions): Promise<{ current: string; published: string[] }> {
  const { ring, close } = await openRing(o);
  try {
    const current = await ring.rotate();
    record(o, `the signing key was rotated (current: ${current})`, { action: 'key.rotate', kid: current });
    return { current, published: ring.kids() };
  } finally {
    close();
  }
}
