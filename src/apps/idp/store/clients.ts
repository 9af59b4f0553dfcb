/**
 * Registered relying parties, over the `clients` table (`../schema.ts`). Secrets are stored hashed;
 * the plaintext exists only in the response that creates or regenerates it.
 *
 * Deleting a client also removes everything issued to it (codes, token families with their
 * refresh and access tokens, exchanged tokens), on every delete path; tsidp's UI left them alive.
 *
 * @example
 *   const clients = new ClientStore(db);
 *   clients.insert({ ...newClientFields, clientId: randomHex(16), secretHash: hashToken(secret) });
 */
import type { Database, Statement } from 'better-sqlite3';

export type AuthMethod = 'client_secret_basic' | 'client_secret_post' | 'none';

export interface Client {
  clientId: string;
  /** SHA-256 of the secret; null for public clients (`none`). */
  secretHash: string | null;
  name: string;
  redirectUris: string[];
  postLogoutRedirectUris: string[];
  authMethod: AuthMethod;
  grantTypes: string[];
  responseTypes: string[];
  applicationType: string;
  /** `jwt`: RFC 9068 access tokens, verifiable offline by resource servers. */
  accessTokenFormat: 'opaque' | 'jwt';
  /** Logins (or `group:<name>`) who may sign in to this client; empty: everyone with access to the idp. */
  allowedUsers: string[];
  /** Other registration metadata kept for the record (`client_uri`, `logo_uri`, `scope`, `contacts`). */
  metadata: Record<string, unknown>;
  dynamic: boolean;
  /** Unix seconds. */
  createdAt: number;
  createdBy: string;
  lastUsedAt: number | null;
}

interface Row {
  client_id: string;
  secret_hash: string | null;
  name: string;
  redirect_uris: string;
  post_logout_redirect_uris: string;
  auth_method: AuthMethod;
  grant_types: string;
  response_types: string;
  application_type: string;
  access_token_format: 'opaque' | 'jwt';
  allowed_users: string;
  metadata: string;
  dynamic: number;
  created_at: number;
  created_by: string;
  last_used_at: number | null;
}

function fromRow(r: Row): Client {
  return {
    clientId: r.client_id,
    secretHash: r.secret_hash,
    name: r.name,
    redirectUris: JSON.parse(r.redirect_uris) as string[],
    postLogoutRedirectUris: JSON.parse(r.post_logout_redirect_uris) as string[],
    authMethod: r.auth_method,
    grantTypes: JSON.parse(r.grant_types) as string[],
    responseTypes: JSON.parse(r.response_types) as string[],
    applicationType: r.application_type,
    accessTokenFormat: r.access_token_format,
    allowedUsers: JSON.parse(r.allowed_users) as string[],
    metadata: JSON.parse(r.metadata) as Record<string, unknown>,
    dynamic: r.dynamic === 1,
    createdAt: r.created_at,
    createdBy: r.created_by,
    lastUsedAt: r.last_used_at,
  };
}

function toParams(c: Client): Record<string, unknown> {
  return {
    client_id: c.clientId,
    secret_hash: c.secretHash,
    name: c.name,
    redirect_uris: JSON.stringify(c.redirectUris),
    post_logout_redirect_uris: JSON.stringify(c.postLogoutRedirectUris),
    auth_method: c.authMethod,
    grant_types: JSON.stringify(c.grantTypes),
    response_types: JSON.stringify(c.responseTypes),
    application_type: c.applicationType,
    access_token_format: c.accessTokenFormat,
    allowed_users: JSON.stringify(c.allowedUsers),
    metadata: JSON.stringify(c.metadata),
    dynamic: c.dynamic ? 1 : 0,
    created_at: c.createdAt,
    created_by: c.createdBy,
    last_used_at: c.lastUsedAt,
  };
}

const COLUMNS = Object.keys(toParams({} as Client));

/** A client_id that is already taken (import of a client that exists). */
export class ClientExistsError extends Error {
  override name = 'ClientExistsError';
}

export class ClientStore {
  readonly #db: Database;
  readonly #q: Record<'get' | 'list' | 'page' | 'count' | 'insert' | 'update' | 'remove' | 'removeTokens' | 'touch', Statement>;

  constructor(db: Database) {
    this.#db = db;
    this.#q = {
      get: db.prepare('SELECT * FROM clients WHERE client_id = ?'),
      list: db.prepare('SELECT * FROM clients ORDER BY name COLLATE NOCASE, client_id'),
      page: db.prepare('SELECT * FROM clients ORDER BY name COLLATE NOCASE, client_id LIMIT ? OFFSET ?'),
      count: db.prepare('SELECT count(*) FROM clients').pluck(),
      insert: db.prepare(`INSERT INTO clients (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map((c) => `@${c}`).join(', ')})`),
      update: db.prepare(`UPDATE clients SET ${COLUMNS.filter((c) => c !== 'client_id').map((c) => `${c} = @${c}`).join(', ')} WHERE client_id = @client_id`),
      remove: db.prepare('DELETE FROM clients WHERE client_id = ?'),
      removeTokens: db.prepare('DELETE FROM access_tokens WHERE client_id = ?'),
      touch: db.prepare('UPDATE clients SET last_used_at = ? WHERE client_id = ? AND (last_used_at IS NULL OR last_used_at < ?)'),
    };
  }

  get(clientId: string): Client | undefined {
    const row = this.#q.get.get(clientId) as Row | undefined;
    return row && fromRow(row);
  }

  /** Every client, sorted by name then id (tsidp's UI order). */
  list(): Client[] {
    return (this.#q.list.all() as Row[]).map(fromRow);
  }

  /** One page of {@link list}: `limit` clients from `offset` (the `clients_by_name` index keeps it a range read). */
  page(offset: number, limit: number): Client[] {
    return (this.#q.page.all(limit, offset) as Row[]).map(fromRow);
  }

  /** How many clients there are. */
  count(): number {
    return this.#q.count.get() as number;
  }

  /** Adds a client; throws {@link ClientExistsError} if the id is taken. */
  insert(c: Client): void {
    try {
      this.#q.insert.run(toParams(c));
    } catch (err) {
      if ((err as { code?: string }).code === 'SQLITE_CONSTRAINT_PRIMARYKEY') throw new ClientExistsError(`client ${c.clientId} already exists`);
      throw err;
    }
  }

  /** Replaces a client's fields; false if it does not exist. */
  update(c: Client): boolean {
    return this.#q.update.run(toParams(c)).changes === 1;
  }

  /** Deletes a client and everything issued to it; false if it did not exist. */
  delete(clientId: string): boolean {
    return this.#db.transaction(() => {
      this.#q.removeTokens.run(clientId);
      return this.#q.remove.run(clientId).changes === 1;
    })();
  }

  /** Records use (at most one write a minute per client, to keep the token path cheap). */
  touch(clientId: string, now: number): void {
    this.#q.touch.run(now, clientId, now - 60);
  }
}
