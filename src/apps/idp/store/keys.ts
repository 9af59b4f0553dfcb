/**
 * Rows of sealed signing keys (`signing_keys`) and the rotation generation (`key_state`).
 * The sealing itself is `service/keys.ts`; this module only moves rows.
 *
 * @example
 *   const rows = new KeyStore(db).published(); // next, current and previous keys
 */
import type { Database } from 'better-sqlite3';

export type KeyState = 'next' | 'current' | 'previous';

export interface KeyRow {
  kid: string;
  alg: 'RS256';
  state: KeyState;
  /** The public JWK as JSON (`kty`, `n`, `e`). */
  publicJwk: string;
  sealedKey: Uint8Array;
  dekId: string;
  kekId: string;
  wrappedDek: Uint8Array;
  /** `generated` or `tsidp-import`. */
  source: string;
  createdAt: number;
  activatedAt: number | null;
}

type Row = Record<string, unknown>;

function fromRow(r: Row): KeyRow {
  return {
    kid: r.kid as string,
    alg: r.alg as 'RS256',
    state: r.state as KeyState,
    publicJwk: r.public_jwk as string,
    sealedKey: r.sealed_key as Uint8Array,
    dekId: r.dek_id as string,
    kekId: r.kek_id as string,
    wrappedDek: r.wrapped_dek as Uint8Array,
    source: r.source as string,
    createdAt: r.created_at as number,
    activatedAt: r.activated_at as number | null,
  };
}

function statements(db: Database) {
    return {
      published: db.prepare(`SELECT * FROM signing_keys WHERE state IN ('next', 'current', 'previous')
        ORDER BY CASE state WHEN 'current' THEN 0 WHEN 'next' THEN 1 ELSE 2 END, created_at DESC`),
      kekIds: db.prepare('SELECT DISTINCT kek_id FROM signing_keys'),
      generation: db.prepare('SELECT generation FROM key_state WHERE id = 1'),
      bump: db.prepare('UPDATE key_state SET generation = generation + 1 WHERE id = 1'),
      insert: db.prepare(`INSERT INTO signing_keys (kid, alg, state, public_jwk, sealed_key, dek_id, kek_id, wrapped_dek, source, created_at, activated_at)
        VALUES (@kid, @alg, @state, @publicJwk, @sealedKey, @dekId, @kekId, @wrappedDek, @source, @createdAt, @activatedAt)`),
      setState: db.prepare('UPDATE signing_keys SET state = ?, activated_at = COALESCE(activated_at, ?) WHERE kid = ?'),
      dropState: db.prepare('DELETE FROM signing_keys WHERE state = ?'),
      drop: db.prepare('DELETE FROM signing_keys WHERE kid = ?'),
      has: db.prepare('SELECT 1 FROM signing_keys WHERE kid = ?'),
    };
}

export class KeyStore {
  readonly #db: Database;
  readonly #q: ReturnType<typeof statements>;

  constructor(db: Database) {
    this.#db = db;
    this.#q = statements(db);
  }

  /** The published keys: current first, then next, then previous ones. */
  published(): KeyRow[] {
    return (this.#q.published.all() as Row[]).map(fromRow);
  }

  kekIds(): string[] {
    return (this.#q.kekIds.all() as Row[]).map((r) => r.kek_id as string);
  }

  has(kid: string): boolean {
    return this.#q.has.get(kid) !== undefined;
  }

  /** Bumped by every change of the key set, so other processes notice it. */
  generation(): number {
    return (this.#q.generation.get() as { generation: number }).generation;
  }

  /** Adds the first keys of a new database (`current` and `next`). */
  addInitial(rows: KeyRow[]): void {
    this.#db.transaction(() => {
      for (const r of rows) this.#q.insert.run(r);
      this.#q.bump.run();
    })();
  }

  /**
   * One rotation step, atomically: old `previous` keys are deleted, `current` becomes `previous`,
   * `promote` (the `next` key, or an imported key) becomes `current`, and `newNext` (if given)
   * is added as `next`.
   */
  rotate(promote: KeyRow, newNext: KeyRow | undefined, now: number): void {
    this.#db.transaction(() => {
      const current = this.published().find((k) => k.state === 'current');
      this.#q.dropState.run('previous');
      if (current && current.kid !== promote.kid) this.#q.setState.run('previous', null, current.kid);
      if (this.has(promote.kid)) {
        this.#q.setState.run('current', now, promote.kid);
      } else {
        this.#q.insert.run({ ...promote, state: 'current', activatedAt: now });
      }
      if (newNext) {
        this.#q.dropState.run('next');
        this.#q.insert.run(newNext);
      }
      this.#q.bump.run();
    })();
  }
}
