/**
 * The idp database schema (SQLite, one file `<dataDir>/idp.db`).
 *
 * Nothing that grants access is stored in a usable form: client secrets, authorization codes,
 * access and refresh tokens are kept as SHA-256 hashes (they are 128 to 256 random bits, so a
 * fast hash suffices), and signing keys are sealed with XChaCha20-Poly1305 under a data key that
 * only the key-encryption key can unwrap (`service/keys.ts`).
 *
 * - `clients`: registered relying parties (admin UI, `/clients/` API, DCR, tsidp import), indexed
 *   by name for the admin list's pages.
 * - `codes`: authorization codes, kept (marked used) until they expire so a replay is recognised
 *   and the tokens issued from the code are revoked.
 * - `families`: one per sign-in: the user snapshot, scopes and resources; every refresh token
 *   and access token issued from it points here, so a reuse or a logout revokes them together.
 * - `refresh_tokens`, `access_tokens`: hashed tokens with their expiry.
 * - `signing_keys`: sealed RSA keys with their state (`next`, `current`, `previous`, `retired`).
 * - `key_state.generation`: bumped by every rotation, so a running server notices a rotation made
 *   by `tailyard idp rotate-key` in another process.
 */
import type { Migration } from '../../platform/app.js';

export const migrations: Migration[] = [
  {
    version: 1,
    name: 'clients, codes, token families, signing keys',
    up: `
      CREATE TABLE clients (
        client_id TEXT PRIMARY KEY,
        secret_hash TEXT,
        name TEXT NOT NULL DEFAULT '',
        redirect_uris TEXT NOT NULL,
        post_logout_redirect_uris TEXT NOT NULL DEFAULT '[]',
        auth_method TEXT NOT NULL CHECK (auth_method IN ('client_secret_basic', 'client_secret_post', 'none')),
        grant_types TEXT NOT NULL,
        response_types TEXT NOT NULL,
        application_type TEXT NOT NULL DEFAULT 'web',
        access_token_format TEXT NOT NULL DEFAULT 'opaque' CHECK (access_token_format IN ('opaque', 'jwt')),
        allowed_users TEXT NOT NULL DEFAULT '[]',
        metadata TEXT NOT NULL DEFAULT '{}',
        dynamic INTEGER NOT NULL DEFAULT 0,
        created_at INTEGER NOT NULL,
        created_by TEXT NOT NULL DEFAULT '',
        last_used_at INTEGER,
        CHECK ((secret_hash IS NULL) = (auth_method = 'none'))
      ) STRICT;
      CREATE TABLE families (
        id TEXT PRIMARY KEY,
        client_id TEXT NOT NULL REFERENCES clients(client_id) ON DELETE CASCADE,
        login TEXT NOT NULL,
        subject TEXT NOT NULL,
        node_addr TEXT NOT NULL,
        scopes TEXT NOT NULL,
        resources TEXT NOT NULL,
        nonce TEXT,
        auth_time INTEGER NOT NULL,
        created_at INTEGER NOT NULL,
        last_used_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        revoked_at INTEGER,
        revoked_reason TEXT
      ) STRICT;
      CREATE INDEX families_client ON families (client_id, login);
      CREATE TABLE codes (
        hash TEXT PRIMARY KEY,
        client_id TEXT NOT NULL REFERENCES clients(client_id) ON DELETE CASCADE,
        redirect_uri TEXT NOT NULL,
        scopes TEXT NOT NULL,
        resources TEXT NOT NULL,
        nonce TEXT,
        pkce_method TEXT,
        pkce_challenge TEXT,
        subject TEXT NOT NULL,
        node_addr TEXT NOT NULL,
        auth_time INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        used_at INTEGER,
        family_id TEXT
      ) STRICT;
      CREATE TABLE refresh_tokens (
        hash TEXT PRIMARY KEY,
        family_id TEXT NOT NULL REFERENCES families(id) ON DELETE CASCADE,
        issued_at INTEGER NOT NULL,
        used_at INTEGER
      ) STRICT;
      CREATE INDEX refresh_tokens_family ON refresh_tokens (family_id);
      CREATE TABLE access_tokens (
        hash TEXT PRIMARY KEY,
        jti TEXT NOT NULL,
        client_id TEXT NOT NULL,
        family_id TEXT REFERENCES families(id) ON DELETE CASCADE,
        subject TEXT NOT NULL,
        scopes TEXT NOT NULL,
        audience TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('access', 'exchange')),
        act TEXT,
        issued_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX access_tokens_family ON access_tokens (family_id);
      CREATE INDEX access_tokens_client ON access_tokens (client_id);
      CREATE TABLE signing_keys (
        kid TEXT PRIMARY KEY,
        alg TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('next', 'current', 'previous', 'retired')),
        public_jwk TEXT NOT NULL,
        sealed_key BLOB NOT NULL,
        dek_id TEXT NOT NULL,
        kek_id TEXT NOT NULL,
        wrapped_dek BLOB NOT NULL,
        source TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        activated_at INTEGER,
        retired_at INTEGER
      ) STRICT;
      CREATE UNIQUE INDEX signing_keys_one_current ON signing_keys (state) WHERE state IN ('current', 'next');
      CREATE TABLE key_state (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        generation INTEGER NOT NULL
      ) STRICT;
      INSERT INTO key_state (id, generation) VALUES (1, 0);
    `,
  },
  {
    version: 2,
    name: 'clients in admin-list order',
    // The admin list pages through clients by name: an index in that order keeps a page a range read.
    up: 'CREATE INDEX clients_by_name ON clients (name COLLATE NOCASE, client_id);',
  },
];
