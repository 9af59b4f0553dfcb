/**
 * Reading a tsidp state directory (reference §4.4, §5) so a deployment moves over without any
 * relying party re-registering or re-fetching keys:
 *
 * - `oidc-key.json`: `{"kid": <uint64 JSON number>, "key": "-----BEGIN RSA PRIVATE KEY-----…"}`.
 *   `JSON.parse` would round a `kid` past 2^53 (`9210502070016329719` → `…330000`), and relying
 *   parties cache keys by `kid`, so it is read from the text as the exact decimal string. The
 *   PKCS#1 PEM is loaded with `crypto.createPrivateKey`.
 * - `oidc-funnel-clients.json`: an object keyed by client_id; records that only have the legacy
 *   `redirect_uri` get it as their one `redirect_uris` entry, as tsidp's loader does. Secrets are
 *   in plaintext there; the store hashes them on import.
 *
 * @example
 *   const key = parseTsidpKey(readFileSync('oidc-key.json', 'utf8')); // { kid: '9210502070016329719', key: KeyObject }
 *   const clients = parseTsidpClients(readFileSync('oidc-funnel-clients.json', 'utf8'));
 */
import { createPrivateKey, type KeyObject } from 'node:crypto';
import { z } from 'zod';

/** A tsidp file that cannot be imported; the message names the file's problem, never key material. */
export class TsidpImportError extends Error {
  override name = 'TsidpImportError';
}

/** tsidp's signing key with its exact `kid`. */
export interface TsidpKey {
  kid: string;
  key: KeyObject;
}

const KID = /"kid"\s*:\s*("?)(\d{1,20})\1\s*[,}]/;

/** Parses `oidc-key.json` (see the module comment). */
export function parseTsidpKey(text: string, name = 'oidc-key.json'): TsidpKey {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new TsidpImportError(`${name} is not JSON`);
  }
  const pem = (parsed as { key?: unknown } | null)?.key;
  if (typeof pem !== 'string' || !pem.includes('PRIVATE KEY')) throw new TsidpImportError(`${name} has no PEM "key" field`);
  const m = KID.exec(text);
  if (!m?.[2] || BigInt(m[2]) > 18446744073709551615n) throw new TsidpImportError(`${name} has no unsigned 64-bit "kid"`);
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: pem, format: 'pem' });
  } catch {
    throw new TsidpImportError(`${name}: the "key" field is not a readable PEM private key`);
  }
  if (key.asymmetricKeyType !== 'rsa') throw new TsidpImportError(`${name}: the key is ${key.asymmetricKeyType}, tsidp keys are RSA`);
  return { kid: BigInt(m[2]).toString(), key };
}

const StrList = z.array(z.string()).nullish();

const TsidpClientSchema = z.looseObject({
  client_id: z.string().min(1).optional(),
  client_secret: z.string().default(''),
  client_name: z.string().nullish(),
  redirect_uris: StrList,
  redirect_uri: z.string().nullish(),
  token_endpoint_auth_method: z.string().nullish(),
  grant_types: StrList,
  response_types: StrList,
  application_type: z.string().nullish(),
  dynamically_registered: z.boolean().nullish(),
  created_at: z.string().nullish(),
});

/** One client as tsidp stored it, normalised. */
export interface TsidpClient {
  clientId: string;
  secret: string;
  name: string;
  redirectUris: string[];
  authMethod: string;
  grantTypes: string[];
  responseTypes: string[];
  applicationType: string;
  dynamic: boolean;
  /** Unix seconds, or undefined when tsidp kept Go's zero time. */
  createdAt: number | undefined;
}

/** Parses `oidc-funnel-clients.json` (see the module comment). */
export function parseTsidpClients(text: string, name = 'oidc-funnel-clients.json'): TsidpClient[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new TsidpImportError(`${name} is not JSON`);
  }
  if (parsed === null) return [];
  if (typeof parsed !== 'object' || Array.isArray(parsed)) throw new TsidpImportError(`${name} must hold an object keyed by client_id`);
  return Object.entries(parsed as Record<string, unknown>).map(([id, raw]) => {
    const r = TsidpClientSchema.safeParse(raw);
    if (!r.success) throw new TsidpImportError(`${name}: client ${id}: ${r.error.issues[0]?.path.join('.')}: ${r.error.issues[0]?.message}`);
    const c = r.data;
    const uris = c.redirect_uris?.length ? c.redirect_uris : c.redirect_uri ? [c.redirect_uri] : [];
    if (uris.length === 0) throw new TsidpImportError(`${name}: client ${id} has no redirect URI`);
    if (c.client_secret === '') throw new TsidpImportError(`${name}: client ${id} has no client_secret`);
    const created = c.created_at ? Date.parse(c.created_at) : Number.NaN;
    return {
      clientId: c.client_id || id,
      secret: c.client_secret,
      name: c.client_name ?? '',
      redirectUris: uris,
      // tsidp stored `none` but still required the secret; an imported client keeps working with it.
      authMethod: c.token_endpoint_auth_method === 'client_secret_post' ? 'client_secret_post' : 'client_secret_basic',
      grantTypes: c.grant_types?.length ? c.grant_types : ['authorization_code', 'refresh_token'],
      responseTypes: c.response_types?.length ? c.response_types : ['code'],
      applicationType: c.application_type || 'web',
      dynamic: c.dynamically_registered ?? false,
      createdAt: Number.isFinite(created) && created > 0 ? Math.floor(created / 1000) : undefined,
    };
  });
}
