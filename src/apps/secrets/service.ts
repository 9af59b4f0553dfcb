/**
 * The secrets operations as setec defines them (reference §1.4), in setec's order: the access
 * check first, so a denied caller learns nothing about whether a secret exists; then the
 * store; then the audit entry, durable before the answer.
 *
 * Audit rules:
 * - every request that touches a secret writes one entry (allowed or denied), with the version
 *   actually read or written and the outcome; a conditional get answered 304 writes none;
 * - writes append their entry inside the store's transaction (fsync'd before commit), so if it
 *   cannot be written the change is rolled back; reads and denials group-commit theirs and
 *   answer only once it is on disk; either way a failed audit write fails the request;
 * - entries and log lines carry names, versions and principals, never values.
 *
 * Writes are serialised (they are rare, and a new secret's data key is wrapped asynchronously
 * before its transaction), reads are not.
 *
 * @example
 *   const svc = new SecretsService({ store, keys, audit, capName, log, initialKekId });
 *   const { value, version } = await svc.get(caller, { name: 'prod/db', version: 0, updateIfChanged: false });
 */
import type { Logger } from 'pino';
import type { AuditSink } from '../../platform/app.js';
import type { Caller } from '../../platform/identity.js';
import { hostOf } from '../../platform/tailnet/http-server.js';
import { allowed, callerRules, requiredAction, type Rule } from './access.js';
import { openValue } from './sealing.js';
import { type FailureKind, SecretsError } from './errors.js';
import type { DataKeys } from './keys.js';
import { KekChangedError, type Recorder, type SecretsStore, StaleKeyError, type WriteKey } from './store.js';
import type { Endpoint, RequestOf, SecretInfo } from './wire.js';

/** What the service needs. */
export interface ServiceDeps {
  store: SecretsStore;
  keys: DataKeys;
  audit: AuditSink;
  /** The grant capability name. */
  capName: string;
  log: Pick<Logger, 'warn' | 'error'>;
  /** The KEK for the first data key of an empty database. */
  initialKekId: string;
}

/** A value read from the store. The caller owns (and should zero) `value`. */
export interface ReadValue {
  value: Uint8Array;
  version: number;
}

type Outcome = 'ok' | 'unchanged' | 'absent' | FailureKind;

/** A failure of the audit write itself: never audited again, always a 500. */
class AuditWriteError extends Error {
  override name = 'AuditWriteError';
}

const RETRIES = 3;

export class SecretsService {
  #writes: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: ServiceDeps) {}

  /** `/api/list`: the secrets the caller may `info`, by name; one audit entry. */
  async list(caller: Caller): Promise<SecretInfo[]> {
    const rules = this.#rules(caller);
    const visible = this.deps.store.list().filter((s) => allowed(rules, 'info', s.name));
    await this.#audit(caller, 'list', undefined, 0, 'ok');
    return visible;
  }

  /** `/api/get`, all three modes; throws `not-modified` for an unchanged conditional get (not audited). */
  async get(caller: Caller, req: RequestOf<'get'>): Promise<ReadValue> {
    const { name } = req;
    let { version } = req;
    const rules = this.#rules(caller);
    if (!this.#may(rules, 'get', name)) return this.#fail(caller, 'get', name, version, 'denied');
    if (req.updateIfChanged && version !== 0) {
      const active = this.deps.store.activeVersion(name);
      if (active === undefined) return this.#fail(caller, 'get', name, version, 'not-found');
      if (active === version) throw new SecretsError('not-modified');
      version = 0;
    }
    const stored = this.deps.store.value(name, version);
    if (!stored) return this.#fail(caller, 'get', name, version, 'not-found');
    const dek = this.deps.keys.cached(stored.dek.dekId) ?? (await this.deps.keys.open(stored.dek));
    let value: Uint8Array;
    try {
      value = openValue(dek, name, stored.version, stored.sealed);
    } catch (err) {
      this.deps.log.error({ secretName: name, version: stored.version, err: (err as Error).message }, 'a stored secret failed to decrypt');
      await this.#audit(caller, 'get', name, stored.version, 'internal');
      throw err;
    }
    try {
      await this.#audit(caller, 'get', name, stored.version, 'ok');
    } catch (err) {
      value.fill(0);
      throw err;
    }
    return { value, version: stored.version };
  }

  /** `/api/info`. */
  async info(caller: Caller, name: string): Promise<SecretInfo> {
    if (!this.#may(this.#rules(caller), 'info', name)) return this.#fail(caller, 'info', name, 0, 'denied');
    const info = this.deps.store.info(name);
    if (!info) return this.#fail(caller, 'info', name, 0, 'not-found');
    await this.#audit(caller, 'info', name, info.activeVersion, 'ok');
    return info;
  }

  /** `/api/put`: returns the version assigned (or the latest, if the value is unchanged). */
  put(caller: Caller, name: string, value: Uint8Array): Promise<number> {
    return this.#write(caller, 'put', name, 0, (record) => this.#withKey(name, (key) => this.deps.store.put(name, value, key, record)));
  }

  /** `/api/create-version`: stores `version` (never used before for this name) and activates it. */
  createVersion(caller: Caller, name: string, version: number, value: Uint8Array): Promise<void> {
    if (version === 0) return Promise.reject(new SecretsError('invalid-version'));
    return this.#write(caller, 'create-version', name, version, (record) =>
      this.#withKey(name, (key) => this.deps.store.createVersion(name, version, value, key, record)),
    );
  }

  /** `/api/activate`. */
  activate(caller: Caller, name: string, version: number): Promise<void> {
    return this.#write(caller, 'activate', name, version, async (record) => this.deps.store.activate(name, version, record));
  }

  /** `/api/delete-version`: refuses the active version. */
  deleteVersion(caller: Caller, name: string, version: number): Promise<void> {
    return this.#write(caller, 'delete-version', name, version, async (record) => this.deps.store.deleteVersion(name, version, record));
  }

  /** `/api/delete`: a missing secret is a successful no-op. */
  delete(caller: Caller, name: string): Promise<void> {
    return this.#write(caller, 'delete', name, 0, async (record) => {
      const dropped = this.deps.store.delete(name, record);
      if (dropped !== undefined) this.deps.keys.drop(dropped);
    });
  }

  // ---- access -----------------------------------------------------------------------------

  #rules(caller: Caller): Rule[] {
    return callerRules(caller, this.deps.capName, this.deps.log);
  }

  /** setec's check, except that create-version is also allowed by `put` (the model). */
  #may(rules: readonly Rule[], endpoint: Endpoint, name: string): boolean {
    if (endpoint === 'create-version') return allowed(rules, 'put', name) || allowed(rules, 'create-version', name);
    return allowed(rules, requiredAction(endpoint), name);
  }

  // ---- writes -----------------------------------------------------------------------------

  /** ACL, then the write (serialised, retried if a key or KEK changed under it), audited in its transaction. */
  async #write<T>(caller: Caller, endpoint: Endpoint, name: string, version: number, op: (record: Recorder) => Promise<T>): Promise<T> {
    if (!this.#may(this.#rules(caller), endpoint, name)) return this.#fail(caller, endpoint, name, version, 'denied');
    const record: Recorder = (v, note) => {
      try {
        this.deps.audit.append(this.#event(caller, endpoint, name, v, note ?? 'ok'));
      } catch (err) {
        throw new AuditWriteError('cannot write the audit log', { cause: err });
      }
    };
    const run = this.#writes.then(async () => {
      for (let attempt = 1; ; attempt++) {
        try {
          return await op(record);
        } catch (err) {
          if ((err instanceof StaleKeyError || err instanceof KekChangedError) && attempt < RETRIES) continue;
          if (err instanceof SecretsError) return this.#fail(caller, endpoint, name, version, err.kind);
          if (!(err instanceof AuditWriteError)) await this.#audit(caller, endpoint, name, version, 'internal');
          this.deps.log.error({ secretName: name, endpoint, err: (err as Error).message }, 'secrets write failed');
          throw err;
        }
      }
    });
    this.#writes = run.catch(() => undefined);
    return run;
  }

  /** Runs `fn` with the secret's data key (a fresh one for a new secret, cached only if the write commits). */
  async #withKey<T>(name: string, fn: (key: WriteKey) => T): Promise<T> {
    const { store, keys, initialKekId } = this.deps;
    const key = await keys.forWrite(store.dekOf(name), store.kekId() ?? initialKekId);
    let committed = false;
    try {
      const out = fn(key);
      committed = true;
      return out;
    } finally {
      if (key.fresh) {
        if (committed && store.dekOf(name)?.dekId === key.dek.id) keys.adopt(key.dek);
        else key.dek.destroy();
      }
    }
  }

  // ---- audit ------------------------------------------------------------------------------

  /** Audits a failure, then throws it. */
  async #fail(caller: Caller, endpoint: Endpoint, name: string, version: number, kind: FailureKind): Promise<never> {
    await this.#audit(caller, endpoint, name, version, kind);
    throw new SecretsError(kind);
  }

  async #audit(caller: Caller, endpoint: Endpoint, name: string | undefined, version: number, outcome: Outcome): Promise<void> {
    const event = this.#event(caller, endpoint, name, version, outcome);
    try {
      if (this.deps.audit.commit) await this.deps.audit.commit(event);
      else this.deps.audit.append(event);
    } catch (err) {
      this.deps.log.error({ err: (err as Error).message }, 'cannot write the secrets audit log; failing the request');
      throw new AuditWriteError('cannot write the audit log', { cause: err });
    }
  }

  #event(caller: Caller, endpoint: Endpoint, name: string | undefined, version: number, outcome: Outcome): Record<string, unknown> {
    return {
      action: endpoint,
      principal: principal(caller),
      ...(name === undefined ? {} : { secret: name }),
      ...(version === 0 ? {} : { version }),
      authorized: outcome !== 'denied',
      outcome,
    };
  }
}

/** Who, for the audit log: tags for a tagged node, else the login; plus node name and address. */
export function principal(caller: Caller): Record<string, unknown> {
  const ip = hostOf(caller.remoteAddr) || caller.addresses[0] || '';
  const who = caller.isTagged ? { tags: [...caller.tags] } : { user: caller.login };
  return { ...who, node: caller.nodeFQDN || caller.nodeName, ip };
}
