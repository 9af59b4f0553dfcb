/**
 * A pooled PostgreSQL connection while one query holds it. pg's pool listens for a connection's
 * 'error' only while it is idle, so a checked-out connection whose server goes away (the backend
 * terminated, a restart, a reset) would emit 'error' with no listener and take the process down.
 * The lease listens for as long as it holds the connection, remembers why it was lost, and
 * `gone` settles then, so nothing waits on a dead connection; a lost connection is never
 * returned to the pool.
 *
 * @example
 *   const lease = await leaseConnection(pool, 'main');   // throws 503 'PostgreSQL source "main" is unreachable (…)'
 *   try { await lease.client.query('SELECT 1'); } finally { lease.release(false); }
 */
import type pg from 'pg';
import { unreachableError } from './errors.js';

export interface Lease {
  readonly client: pg.PoolClient;
  /** Why the connection was lost, once it was. */
  readonly lost: Error | undefined;
  /** Settles when the connection is lost (never, for a healthy one). */
  readonly gone: Promise<Error>;
  /** Returns the connection to the pool, or discards it (always, once it was lost). Idempotent. */
  release(discard: boolean): void;
}

export async function leaseConnection(pool: pg.Pool, source: string): Promise<Lease> {
  let client: pg.PoolClient;
  try {
    client = await pool.connect();
  } catch (err) {
    throw unreachableError(source, err);
  }
  let lost: Error | undefined;
  let onGone!: (err: Error) => void;
  const gone = new Promise<Error>((resolve) => {
    onGone = resolve;
  });
  const onError = (err: Error) => {
    lost ??= err;
    onGone(err);
  };
  client.on('error', onError);
  let released = false;
  return {
    client,
    gone,
    get lost() {
      return lost;
    },
    release(discard) {
      if (released) return;
      released = true;
      client.release(discard || lost !== undefined);
      // The pool's own listener is back on the connection now.
      client.off('error', onError);
    },
  };
}
