/**
 * The identity provider's storage (SQLite `<dataDir>/idp.db`, tables in `../schema.ts`): SQL
 * only, no HTTP and no rules. `clients.ts` (relying parties), `tokens.ts` with `token-rows.ts`
 * (codes, sign-ins and their refresh and access tokens, by hash), `keys.ts` (sealed signing keys
 * and the rotation generation).
 *
 * @example
 *   const { clients, tokens, keys } = openStores(db);
 */
import type { Database } from 'better-sqlite3';
import { ClientStore } from './clients.js';
import { KeyStore } from './keys.js';
import { TokenStore } from './tokens.js';

export { type AuthMethod, type Client, ClientExistsError, ClientStore } from './clients.js';
export { type KeyRow, type KeyState, KeyStore } from './keys.js';
export { type AccessRecord, type CodeRecord, type Family, type Session, TokenStore } from './tokens.js';

/** The three stores over one database. */
export function openStores(db: Database): { clients: ClientStore; tokens: TokenStore; keys: KeyStore } {
  return { clients: new ClientStore(db), tokens: new TokenStore(db), keys: new KeyStore(db) };
}
