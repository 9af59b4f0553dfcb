/**
 * The claims of ID tokens, `/userinfo` and `/introspect` answers (reference §3.6, §3.7, §4.1),
 * built from a {@link Subject}. tsidp's claims keep their names, types and formats (`sub` is
 * `userid:N`, `node` and `tailnet` end in a dot, `aud` is always an array, `nid`/`uid` are JSON
 * numbers even past 2^53, `email` is the "realish" login); added: `name`, `auth_time`, `at_hash`,
 * configurable `email_verified`, and `groups`/`tags` when the tailnet provides them.
 *
 * Extra claims from grants are merged last and can never replace a claim set here
 * (`protectedClaims`).
 *
 * @example
 *   const claims = idTokenClaims({ issuer, clientId, subject, scopes: ['openid', 'email'], now, ttl: 300, jti, … });
 */
import { createHash } from 'node:crypto';
import { extraClaimSources, parseRules } from '../access.js';
import { mergeExtraClaims } from './extra-claims.js';
import type { Subject } from './subject.js';

/** Claim names the provider always owns, whatever a grant's `extraClaims` say. */
const FIXED_PROTECTED = [
  'iss', 'sub', 'aud', 'exp', 'iat', 'nbf', 'jti', 'nonce', 'azp', 'auth_time', 'at_hash', 'c_hash', 'acr', 'amr', 'sid',
  'act', 'client_id', 'scope', 'cnf', 'may_act', 'token_type', 'active',
  // tsidp's claims_supported, and the identity claims it emits
  'username', 'email', 'key', 'addresses', 'nid', 'node', 'tailnet', 'tags', 'user', 'uid', 'name', 'preferred_username', 'picture',
];

/** Options that change which claims exist. */
export interface ClaimOptions {
  /** Emit `email_verified: true` next to `email`. */
  emailVerified: boolean;
}

/** The claim names extra claims may not set, given the provider's options. */
export function protectedClaims(opts: ClaimOptions, subject: Subject): Set<string> {
  const set = new Set(FIXED_PROTECTED);
  if (opts.emailVerified) set.add('email_verified');
  if (subject.groups.length > 0) set.add('groups');
  return set;
}

/**
 * tsidp's "realish" email: logins of GitHub and passkey accounts (`x@github`, `x@passkey`) are not
 * mail addresses, so the provider's host is appended to make them unique and well-formed.
 *
 * @example realishEmail('alice@github', 'idp.tail1234.ts.net') // 'alice@github.idp.tail1234.ts.net'
 */
export function realishEmail(login: string, idpHost: string): string {
  return /@(github|passkey)$/.test(login) ? `${login}.${idpHost}` : login;
}

/** The issuer's host (for realish emails). */
export function issuerHost(issuer: string): string {
  return new URL(issuer).hostname;
}

/** The login's local part (`alice` for `alice@example.com`). */
export function localPart(login: string): string {
  const at = login.lastIndexOf('@');
  return at < 0 ? login : login.slice(0, at);
}

/** `100.64.0.3` → `100.64.0.3/32`, `fd7a::3` → `fd7a::3/128` (tsidp sends prefixes). */
function withPrefix(addr: string): string {
  if (addr.includes('/')) return addr;
  return addr.includes(':') ? `${addr}/128` : `${addr}/32`;
}

/** OIDC `at_hash`: base64url of the left half of SHA-256 of the access token. */
export function atHash(accessToken: string): string {
  return createHash('sha256').update(accessToken, 'ascii').digest().subarray(0, 16).toString('base64url');
}

/** Decimal string to a JSON number that keeps every digit (see `jwt.ts`). */
const int = (decimal: string): bigint => BigInt(decimal || '0');

export interface IdTokenInput {
  issuer: string;
  /** The host of the issuer, for realish emails. */
  issuerHost: string;
  clientId: string;
  subject: Subject;
  scopes: readonly string[];
  resources: readonly string[];
  nonce?: string;
  /** Seconds since the epoch. */
  now: number;
  ttl: number;
  jti: string;
  authTime: number;
  accessToken?: string;
  options: ClaimOptions;
}

/** The ID token payload (protocol claims first, then tailnet claims, then merged extra claims). */
export function idTokenClaims(i: IdTokenInput): { claims: Record<string, unknown>; dropped: string[] } {
  const s = i.subject;
  const aud = [i.clientId, ...i.resources.filter((r) => r !== i.clientId)];
  const claims: Record<string, unknown> = {
    iss: i.issuer,
    sub: `userid:${s.userId}`,
    aud,
    ...(aud.length > 1 ? { azp: i.clientId } : {}),
    exp: i.now + i.ttl,
    iat: i.now,
    nbf: i.now - 300,
    jti: i.jti,
    auth_time: i.authTime,
    ...(i.nonce ? { nonce: i.nonce } : {}),
    ...(i.accessToken ? { at_hash: atHash(i.accessToken) } : {}),
    key: s.nodeKey,
    addresses: s.addresses.map(withPrefix),
    nid: int(s.nodeId),
    node: `${s.nodeFQDN}.`,
    tailnet: tailnetOf(s.nodeFQDN),
    ...(s.userId !== '0' ? { uid: int(s.userId) } : {}),
  };
  if (i.scopes.includes('email')) Object.assign(claims, emailClaims(s, i.issuerHost, i.options));
  if (i.scopes.includes('profile')) {
    claims.name = s.displayName;
    claims.preferred_username = localPart(s.login);
    if (s.picture) claims.picture = s.picture;
  }
  if (s.groups.length > 0) claims.groups = [...s.groups];
  if (s.tags.length > 0) claims.tags = [...s.tags];
  return withExtra(claims, s, 'id_token', i.options);
}

/** `/userinfo` (tsidp's body: `sub name email picture username`, plus the added claims). */
export function userinfoClaims(s: Subject, scopes: readonly string[], issuerHost: string, options: ClaimOptions): { claims: Record<string, unknown>; dropped: string[] } {
  const claims: Record<string, unknown> = { sub: `userid:${s.userId}`, name: s.displayName, ...emailClaims(s, issuerHost, options) };
  if (s.picture) claims.picture = s.picture;
  claims.username = localPart(s.login);
  if (scopes.includes('profile')) claims.preferred_username = localPart(s.login);
  if (s.groups.length > 0) claims.groups = [...s.groups];
  return withExtra(claims, s, 'userinfo', options);
}

export interface IntrospectionInput {
  issuer: string;
  clientId: string;
  subject: Subject;
  scopes: readonly string[];
  audience: readonly string[];
  iat: number;
  exp: number;
  jti?: string;
  act?: unknown;
  /** tsidp's bare decimal `sub`, or the ID token's `userid:N`. */
  subFormat: 'decimal' | 'userid';
}

/** An active `/introspect` answer, tsidp's fields (bare-decimal `sub`, raw login as `email`). */
export function introspectionClaims(i: IntrospectionInput): Record<string, unknown> {
  const s = i.subject;
  const out: Record<string, unknown> = {
    active: true,
    client_id: i.clientId,
    exp: i.exp,
    iat: i.iat,
    nbf: i.iat,
    token_type: 'Bearer',
    iss: i.issuer,
    ...(i.jti ? { jti: i.jti } : {}),
    sub: i.subFormat === 'decimal' ? s.userId : `userid:${s.userId}`,
    username: s.login,
  };
  if (i.scopes.includes('profile')) {
    out.preferred_username = localPart(s.login);
    out.picture = s.picture;
  }
  if (i.scopes.includes('email')) out.email = s.login;
  if (i.audience.length > 0) out.aud = [...i.audience];
  out.scope = i.scopes.join(' ');
  if (i.act !== undefined) out.act = i.act;
  return out;
}

function emailClaims(s: Subject, issuerHost: string, options: ClaimOptions): Record<string, unknown> {
  return { email: realishEmail(s.login, issuerHost), ...(options.emailVerified ? { email_verified: true } : {}) };
}

/** `laptop.tail1234.ts.net` → `tail1234.ts.net.` (tsidp's `tailnet` claim). */
function tailnetOf(fqdn: string): string {
  const dot = fqdn.indexOf('.');
  return dot < 0 ? '' : `${fqdn.slice(dot + 1)}.`;
}

function withExtra(claims: Record<string, unknown>, s: Subject, target: 'id_token' | 'userinfo', options: ClaimOptions) {
  const sources = extraClaimSources(parseRules(s.caps).rules, target);
  if (sources.length === 0) return { claims, dropped: [] };
  const merged = mergeExtraClaims(sources, protectedClaims(options, s));
  for (const [k, v] of Object.entries(merged.claims)) if (!Object.hasOwn(claims, k)) claims[k] = v;
  return { claims, dropped: merged.dropped };
}
