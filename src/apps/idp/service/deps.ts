/**
 * What the identity provider's domain logic works with: the stores, the signing keys, the
 * registration budgets, the config, the audit trail, WhoIs and the clock. Built once by
 * `IdpService.open` (index.ts); each area module takes it as its first argument.
 *
 * @example
 *   const client = authenticateClient(d.clients, clientCredentials(r.authorization, r.form));
 */
import type { Logger } from 'pino';
import type { RateLimiter } from '../../../platform/ratelimit.js';
import type { Identification } from '../../../platform/tailnet/mode.js';
import type { IdpConfig } from '../config.js';
import type { ClientStore, TokenStore } from '../store/index.js';
import type { Auditor } from './audit.js';
import type { KeyRing } from './keys.js';
import type { Clock } from './tokens.js';

export interface ServiceDeps {
  clients: ClientStore;
  tokens: TokenStore;
  keys: KeyRing;
  /** Client creations per caller (`registrationRateLimit`), on every path that creates one. */
  registrations: RateLimiter;
  config: IdpConfig;
  capName: string;
  log: Logger;
  audit: Auditor;
  /** WhoIs on a tailnet address, as the platform identifies callers. */
  whois(addr: string): Promise<Identification>;
  clock: Clock;
}
