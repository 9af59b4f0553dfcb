/**
 * Codes, token families, refresh and access tokens (schema in `../schema.ts`). Every token is looked
 * up by the SHA-256 of its value; nothing here ever sees a plaintext token after issuing it.
 *
 * The checks that must be atomic are single statements or transactions here: a code is marked
 * used only if it was not (`claimCode`), a refresh token likewise (`rotateRefresh`), so two
 * concurrent redemptions cannot both succeed; the loser is treated as a replay and revokes the
 * family (RFC 9700 §4.14.2: refresh-token reuse detection; §4.5.3.1: code replay).
 *
 * @example
 *   const tokens = new TokenStore(db);
 *   const code = tokens.peekCode(hashToken(raw));
 */
import type { Database } from 'better-sqlite3';
import type { Subject } from '../service/subject.js';
import { type AccessRecord, accessFrom, type CodeRecord, codeFrom, type Family, familyFrom, type Row } from './token-rows.js';

export type { AccessRecord, CodeRecord, Family } from './token-rows.js';

const j = JSON.stringify;

/** A live sign-in of a client, for the admin page. */
export interface Session {
  familyId: string;
  login: string;
  createdAt: number;
  lastUsedAt: number;
  expiresAt: number;
}

function statements(db: Database) {
    const s = (sql: string) => db.prepare(sql);
    return {
      insertCode: s(`INSERT INTO codes (hash, client_id, redirect_uri, scopes, resources, nonce, pkce_method, pkce_challenge, subject, node_addr, auth_time, expires_at)
        VALUES (@hash, @client_id, @redirect_uri, @scopes, @resources, @nonce, @pkce_method, @pkce_challenge, @subject, @node_addr, @auth_time, @expires_at)`),
      code: s('SELECT * FROM codes WHERE hash = ?'),
      claimCode: s('UPDATE codes SET used_at = ?, family_id = ? WHERE hash = ? AND used_at IS NULL'),
      insertFamily: s(`INSERT INTO families (id, client_id, login, subject, node_addr, scopes, resources, nonce, auth_time, created_at, last_used_at, expires_at)
        VALUES (@id, @client_id, @login, @subject, @node_addr, @scopes, @resources, @nonce, @auth_time, @created_at, @last_used_at, @expires_at)`),
      family: s('SELECT * FROM families WHERE id = ?'),
      refreshFamily: s('SELECT f.*, r.used_at AS token_used_at FROM refresh_tokens r JOIN families f ON f.id = r.family_id WHERE r.hash = ?'),
      updateFamily: s('UPDATE families SET subject = ?, scopes = ?, resources = ?, last_used_at = ? WHERE id = ?'),
      revokeFamily: s('UPDATE families SET revoked_at = ?, revoked_reason = ? WHERE id = ? AND revoked_at IS NULL'),
      dropFamilyRefresh: s('DELETE FROM refresh_tokens WHERE family_id = ?'),
      dropFamilyAccess: s('DELETE FROM access_tokens WHERE family_id = ?'),
      insertRefresh: s('INSERT INTO refresh_tokens (hash, family_id, issued_at) VALUES (?, ?, ?)'),
      useRefresh: s('UPDATE refresh_tokens SET used_at = ? WHERE hash = ? AND used_at IS NULL'),
      insertAccess: s(`INSERT INTO access_tokens (hash, jti, client_id, family_id, subject, scopes, audience, kind, act, issued_at, expires_at)
        VALUES (@hash, @jti, @client_id, @family_id, @subject, @scopes, @audience, @kind, @act, @issued_at, @expires_at)`),
      access: s('SELECT * FROM access_tokens WHERE hash = ?'),
      dropAccess: s('DELETE FROM access_tokens WHERE hash = ?'),
      sessions: s(`SELECT id, login, created_at, last_used_at, expires_at FROM families
        WHERE client_id = ? AND revoked_at IS NULL AND expires_at > ? AND last_used_at > ? ORDER BY last_used_at DESC`),
      sessionCount: s('SELECT count(*) FROM families WHERE client_id = ? AND revoked_at IS NULL AND expires_at > ? AND last_used_at > ?').pluck(),
      liveFamiliesOf: s('SELECT id FROM families WHERE client_id = ? AND login = ? AND revoked_at IS NULL'),
      liveFamiliesOfClient: s('SELECT id FROM families WHERE client_id = ? AND revoked_at IS NULL'),
      sweepCodes: s('DELETE FROM codes WHERE expires_at < ?'),
      sweepAccess: s('DELETE FROM access_tokens WHERE expires_at < ?'),
      sweepFamilies: s('DELETE FROM families WHERE expires_at < ? OR last_used_at < ? OR revoked_at < ?'),
    };
}

export class TokenStore {
  readonly #db: Database;
  readonly #q: ReturnType<typeof statements>;

  constructor(db: Database) {
    this.#db = db;
    this.#q = statements(db);
  }

  /** Runs `fn` in one SQLite transaction (one commit for several writes on the token path). */
  transaction<T>(fn: () => T): T {
    return this.#db.transaction(fn)();
  }

  saveCode(c: Omit<CodeRecord, 'usedAt' | 'familyId'>): void {
    this.#q.insertCode.run({
      hash: c.hash,
      client_id: c.clientId,
      redirect_uri: c.redirectUri,
      scopes: j(c.scopes),
      resources: j(c.resources),
      nonce: c.nonce,
      pkce_method: c.pkce?.method ?? null,
      pkce_challenge: c.pkce?.challenge ?? null,
      subject: j(c.subject),
      node_addr: c.nodeAddr,
      auth_time: c.authTime,
      expires_at: c.expiresAt,
    });
  }

  /** The code, used or not, without changing it. */
  peekCode(hash: string): CodeRecord | undefined {
    const r = this.#q.code.get(hash) as Row | undefined;
    return r && codeFrom(r);
  }

  /** Marks the code used by family `familyId`; false if it was used meanwhile (a replay race). */
  claimCode(hash: string, familyId: string, now: number): boolean {
    return (this.#q.claimCode.run(now, familyId, hash).changes ?? 0) === 1;
  }

  createFamily(f: Omit<Family, 'revokedAt'>): void {
    this.#q.insertFamily.run({
      id: f.id,
      client_id: f.clientId,
      login: f.login,
      subject: j(f.subject),
      node_addr: f.nodeAddr,
      scopes: j(f.scopes),
      resources: j(f.resources),
      nonce: f.nonce,
      auth_time: f.authTime,
      created_at: f.createdAt,
      last_used_at: f.lastUsedAt,
      expires_at: f.expiresAt,
    });
  }

  family(id: string): Family | undefined {
    const r = this.#q.family.get(id) as Row | undefined;
    return r && familyFrom(r);
  }

  /** The family of a refresh token, and whether that token was already used. */
  familyOfRefresh(hash: string): { family: Family; used: boolean } | undefined {
    const r = this.#q.refreshFamily.get(hash) as Row | undefined;
    return r && { family: familyFrom(r), used: r.token_used_at !== null };
  }

  /** Records a refresh: the new snapshot and grant, and the time of use. */
  updateFamily(id: string, subject: Subject, scopes: string[], resources: string[], now: number): void {
    this.#q.updateFamily.run(j(subject), j(scopes), j(resources), now, id);
  }

  /** Ends a family: it can no longer refresh, and its refresh and access tokens stop working. */
  revokeFamily(id: string, reason: string, now: number): void {
    this.#db.transaction(() => {
      this.#q.revokeFamily.run(now, reason, id);
      this.#q.dropFamilyRefresh.run(id);
      this.#q.dropFamilyAccess.run(id);
    })();
  }

  saveRefresh(hash: string, familyId: string, now: number): void {
    this.#q.insertRefresh.run(hash, familyId, now);
  }

  /** Marks `oldHash` used and adds `newHash` in one step; false (nothing added) if it was used meanwhile. */
  rotateRefresh(oldHash: string, newHash: string, familyId: string, now: number): boolean {
    return this.#db.transaction(() => {
      if ((this.#q.useRefresh.run(now, oldHash).changes ?? 0) !== 1) return false;
      this.#q.insertRefresh.run(newHash, familyId, now);
      return true;
    })();
  }

  saveAccess(a: AccessRecord): void {
    this.#q.insertAccess.run({
      hash: a.hash,
      jti: a.jti,
      client_id: a.clientId,
      family_id: a.familyId,
      subject: j(a.subject),
      scopes: j(a.scopes),
      audience: j(a.audience),
      kind: a.kind,
      act: a.act === undefined ? null : j(a.act),
      issued_at: a.issuedAt,
      expires_at: a.expiresAt,
    });
  }

  /** A live access token; an expired one is deleted and reported as absent. */
  access(hash: string, now: number): AccessRecord | undefined {
    const r = this.#q.access.get(hash) as Row | undefined;
    if (!r) return undefined;
    const a = accessFrom(r);
    if (a.expiresAt <= now) {
      this.#q.dropAccess.run(hash);
      return undefined;
    }
    return a;
  }

  /** Deletes one access token; false if there was none. */
  revokeAccess(hash: string): boolean {
    return (this.#q.dropAccess.run(hash).changes ?? 0) === 1;
  }

  /** A client's live sign-ins (idle ones older than `idleSince` excluded), most recent first. */
  sessions(clientId: string, now: number, idleSince: number): Session[] {
    return (this.#q.sessions.all(clientId, now, idleSince) as Row[]).map((r) => ({
      familyId: r.id as string,
      login: r.login as string,
      createdAt: r.created_at as number,
      lastUsedAt: r.last_used_at as number,
      expiresAt: r.expires_at as number,
    }));
  }

  /** How many live sign-ins {@link sessions} would list (the admin list counts, without reading them). */
  sessionCount(clientId: string, now: number, idleSince: number): number {
    return this.#q.sessionCount.get(clientId, now, idleSince) as number;
  }

  /** Revokes every live family of a client (optionally only one user's); returns how many. */
  revokeSessions(clientId: string, login: string | undefined, reason: string, now: number): number {
    const rows = (login === undefined ? this.#q.liveFamiliesOfClient.all(clientId) : this.#q.liveFamiliesOf.all(clientId, login)) as Row[];
    for (const r of rows) this.revokeFamily(r.id as string, reason, now);
    return rows.length;
  }

  /** Deletes expired codes and tokens, and families past their lifetime (or revoked a day ago). */
  sweep(now: number, idleSeconds: number): void {
    this.#db.transaction(() => {
      this.#q.sweepCodes.run(now);
      this.#q.sweepAccess.run(now);
      this.#q.sweepFamilies.run(now, now - idleSeconds, now - 86_400);
    })();
  }
}
