/**
 * The idp's audit trail, through the platform's audit sink: sign-ins, token issues, refreshes,
 * exchanges, registrations, admin changes, revocations, logouts, key rotations and denials, each
 * with the user, node and client. Never a token, code or secret.
 *
 * On the token path entries are group-committed (`commit`), so concurrent requests share one
 * fsync; the answer waits for its entry, so nothing is issued that the trail does not show.
 *
 * @example
 *   await audit.record({ action: 'token.issue', client: clientId, user: login, grant: 'authorization_code' });
 */
import type { AuditSink } from '../../../platform/app.js';

export type IdpAction =
  | 'authorize'
  | 'authorize.denied'
  | 'token.issue'
  | 'token.refresh'
  | 'token.exchange'
  | 'token.denied'
  | 'token.replay'
  | 'token.revoke'
  | 'client.register'
  | 'admin.denied'
  | 'client.create'
  | 'client.update'
  | 'client.delete'
  | 'client.secret'
  | 'client.import'
  | 'session.revoke'
  | 'logout'
  | 'key.rotate'
  | 'key.import'
  | 'claims.dropped';

export interface IdpAuditEvent {
  action: IdpAction;
  [field: string]: unknown;
}

export class Auditor {
  constructor(private readonly sink: AuditSink) {}

  /** Writes `event` durably; resolves once it is on disk. */
  async record(event: IdpAuditEvent): Promise<void> {
    const e = { app: 'idp', ...event };
    if (this.sink.commit) await this.sink.commit(e);
    else this.sink.append(e);
  }
}
