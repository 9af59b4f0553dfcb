/**
 * The idp app's config section (`apps.idp` in the tailyard config).
 *
 * Defaults match tsidp where tsidp has a knob (`-enable-sts` → `enableSts`); lifetimes match its
 * constants (access and ID tokens 5 minutes, refresh tokens 30 days) except the code, which tsidp
 * never expired and here lives 2 minutes (at most 5).
 *
 * @example
 *   { "apps": { "idp": { "enableSts": true, "introspection": "clients", "emailVerified": true } } }
 */
import { z } from 'zod';
import { KekConfigSchema } from '../../platform/keys/config.js';
import { rateLimitSchema } from '../../platform/ratelimit.js';

const seconds = (min: number, max: number, def: number) => z.number().int().min(min).max(max).default(def);

export const IdpConfigSchema = z
  .object({
    /** The issuer URL; default: `https://<app FQDN>` with tailnet certificates, `http://…` without, `http://127.0.0.1:<port>` in dev. */
    issuer: z
      .url()
      .refine((u) => !u.endsWith('/') && !u.includes('?') && !u.includes('#'), 'no trailing slash, query or fragment')
      .optional(),
    /** RFC 8693 token exchange (tsidp's `-enable-sts`). */
    enableSts: z.boolean().default(false),
    /** Who may call `/introspect`: any tailnet node or client (`tailnet`, tsidp's rule) or only authenticated clients. */
    introspection: z.enum(['tailnet', 'clients']).default('tailnet'),
    /** Emit `email_verified: true` with the email (the tailnet vouches for the login). Off: set it per grant with extraClaims, as tsidp users do. */
    emailVerified: z.boolean().default(false),
    /** Introspection `sub`: tsidp's bare decimal (default) or the ID token's `userid:N`. */
    introspectionSub: z.enum(['decimal', 'userid']).default('decimal'),
    codeTtlSeconds: seconds(10, 300, 120),
    accessTokenTtlSeconds: seconds(60, 86_400, 300),
    idTokenTtlSeconds: seconds(60, 86_400, 300),
    /** Absolute lifetime of a refresh-token family (tsidp: 30 days). */
    refreshTtlSeconds: seconds(300, 400 * 86_400, 30 * 86_400),
    /** How long a refresh token may go unused before its family ends. */
    refreshIdleSeconds: seconds(300, 400 * 86_400, 30 * 86_400),
    /** How often the signing key rotates (the next key is published a full period ahead). 0 disables scheduled rotation. */
    keyRotationDays: z.number().int().min(0).max(3650).default(90),
    /** Clients one caller may create (DCR, `/clients/new`, the admin UI): a sustained rate and a burst. */
    registrationRateLimit: rateLimitSchema({ perMinute: 10, burst: 20 }),
    /** The KEK sealing the signing keys (default the key file `<dataDir>/idp.key`, never part of a backup). */
    kek: KekConfigSchema.default({ provider: 'local' }),
  })
  .strict();

export type IdpConfig = z.output<typeof IdpConfigSchema>;
