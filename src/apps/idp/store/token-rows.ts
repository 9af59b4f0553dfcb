/**
 * The records of the token store and their mapping from SQLite rows (JSON columns parsed).
 *
 * @example const code = codeFrom(row); // { hash, clientId, scopes: ['openid'], subject: {...}, ... }
 */
import type { Subject } from '../service/subject.js';

export interface CodeRecord {
  hash: string;
  clientId: string;
  redirectUri: string;
  scopes: string[];
  resources: string[];
  nonce: string | null;
  pkce: { method: 'plain' | 'S256'; challenge: string } | undefined;
  subject: Subject;
  nodeAddr: string;
  authTime: number;
  expiresAt: number;
  usedAt: number | null;
  familyId: string | null;
}

export interface Family {
  id: string;
  clientId: string;
  login: string;
  subject: Subject;
  nodeAddr: string;
  scopes: string[];
  resources: string[];
  nonce: string | null;
  authTime: number;
  createdAt: number;
  lastUsedAt: number;
  expiresAt: number;
  revokedAt: number | null;
}

export interface AccessRecord {
  hash: string;
  jti: string;
  clientId: string;
  familyId: string | null;
  subject: Subject;
  scopes: string[];
  audience: string[];
  kind: 'access' | 'exchange';
  act: unknown;
  issuedAt: number;
  expiresAt: number;
}

const p = <T>(s: string | null): T => JSON.parse(s ?? 'null') as T;

export type Row = Record<string, unknown>;

export function codeFrom(r: Row): CodeRecord {
  return {
    hash: r.hash as string,
    clientId: r.client_id as string,
    redirectUri: r.redirect_uri as string,
    scopes: p(r.scopes as string),
    resources: p(r.resources as string),
    nonce: r.nonce as string | null,
    pkce: r.pkce_method ? { method: r.pkce_method as 'plain' | 'S256', challenge: r.pkce_challenge as string } : undefined,
    subject: p(r.subject as string),
    nodeAddr: r.node_addr as string,
    authTime: r.auth_time as number,
    expiresAt: r.expires_at as number,
    usedAt: r.used_at as number | null,
    familyId: r.family_id as string | null,
  };
}

export function familyFrom(r: Row): Family {
  return {
    id: r.id as string,
    clientId: r.client_id as string,
    login: r.login as string,
    subject: p(r.subject as string),
    nodeAddr: r.node_addr as string,
    scopes: p(r.scopes as string),
    resources: p(r.resources as string),
    nonce: r.nonce as string | null,
    authTime: r.auth_time as number,
    createdAt: r.created_at as number,
    lastUsedAt: r.last_used_at as number,
    expiresAt: r.expires_at as number,
    revokedAt: r.revoked_at as number | null,
  };
}

export function accessFrom(r: Row): AccessRecord {
  return {
    hash: r.hash as string,
    jti: r.jti as string,
    clientId: r.client_id as string,
    familyId: r.family_id as string | null,
    subject: p(r.subject as string),
    scopes: p(r.scopes as string),
    audience: p(r.audience as string),
    kind: r.kind as 'access' | 'exchange',
    act: r.act === null ? undefined : p(r.act as string),
    issuedAt: r.issued_at as number,
    expiresAt: r.expires_at as number,
  };
}

