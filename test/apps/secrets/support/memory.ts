/**
 * Shared fixtures for the secrets unit tests: an in-memory, migrated database and an in-memory
 * KEK source. Not used by production code.
 */
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import { migrate } from '../../../../src/platform/storage.js';
import type { KekProvider } from '../../../../src/platform/keys/envelope.js';
import type { KekSource } from '../../../../src/platform/keys/kek-source.js';
import { LocalKek } from '../../../../src/platform/keys/local-kek.js';
import { migrations } from '../../../../src/apps/secrets/schema.js';

/** A migrated in-memory secrets database. */
export function memoryDb(): Database.Database {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db, migrations);
  return db;
}

/** A KEK source over in-memory keys; `onLookup` runs before each lookup (to simulate a rotation). */
export function memoryKeks(count = 1, onLookup?: (id: string) => void): KekSource & { keks: LocalKek[] } {
  const keks = Array.from({ length: count }, () => new LocalKek(new Uint8Array(randomBytes(32))));
  return {
    keks,
    initialId: (keks[0] as LocalKek).id,
    byId: async (id: string): Promise<KekProvider> => {
      onLookup?.(id);
      const k = keks.find((x) => x.id === id);
      if (!k) throw new Error(`no KEK ${id}`);
      return k;
    },
    close: () => {
      for (const k of keks) k.destroy();
    },
  };
}
