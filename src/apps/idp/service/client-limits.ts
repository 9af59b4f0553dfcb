/**
 * How large a client may be. tsidp bounded nothing: one registration carried 10 000 redirect
 * URIs, and every client is read on each sign-in and listed on the admin page. Every path that
 * creates or edits a client (DCR, `/clients/new`, the admin UI, the tsidp import) checks the
 * same bounds here; lengths are UTF-8 bytes, as stored.
 *
 * The first problem found is reported with the field it is in, as RFC 7591 asks
 * (`invalid_redirect_uri` for the URI lists, `invalid_client_metadata` for the rest).
 *
 * @example
 *   clientSizeProblem({ name: 'x'.repeat(300), redirectUris: ['https://rp/cb'] })
 *   // { field: 'client_name', kind: 'metadata', message: 'client_name may have at most 200 bytes (it has 300)' }
 */

export const CLIENT_LIMITS = {
  /** Redirect URIs (and, separately, post-logout redirect URIs) per client. */
  redirectUris: 32,
  uriBytes: 2048,
  nameBytes: 200,
  scopeBytes: 1000,
  contacts: 20,
  contactBytes: 320,
  /** `allowed_users` entries (logins or `group:<name>`) of the admin UI. */
  allowedUsers: 200,
  loginBytes: 320,
  /** grant_types and response_types entries (each from a short fixed list). */
  typeEntries: 8,
} as const;

/** The fields a client has that can grow, by their RFC 7591 (or admin form) names. */
export interface ClientSizes {
  name: string;
  redirectUris: readonly string[];
  postLogoutRedirectUris?: readonly string[];
  allowedUsers?: readonly string[];
  grantTypes?: readonly string[];
  responseTypes?: readonly string[];
  /** `client_uri`, `logo_uri`, `scope`, `contacts` as registered. */
  metadata?: Readonly<Record<string, unknown>>;
}

export interface SizeProblem {
  /** The field as a client names it, e.g. `redirect_uris` or `contacts[3]`. */
  field: string;
  kind: 'redirect_uris' | 'metadata';
  message: string;
}

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

function text(field: string, value: unknown, max: number, kind: SizeProblem['kind'] = 'metadata'): SizeProblem | undefined {
  if (typeof value !== 'string') return undefined;
  const n = bytes(value);
  return n > max ? { field, kind, message: `${field} may have at most ${max} bytes (it has ${n})` } : undefined;
}

function list(field: string, values: readonly unknown[] | undefined, count: number, eachBytes: number, kind: SizeProblem['kind'] = 'metadata'): SizeProblem | undefined {
  if (!values) return undefined;
  if (values.length > count) return { field, kind, message: `${field} may list at most ${count} entries (it lists ${values.length})` };
  for (const [i, v] of values.entries()) {
    const problem = text(`${field}[${i}]`, v, eachBytes, kind);
    if (problem) return problem;
  }
  return undefined;
}

/** The first field of `c` over its bound, or undefined when every field is within bounds. */
export function clientSizeProblem(c: ClientSizes): SizeProblem | undefined {
  const L = CLIENT_LIMITS;
  const m = c.metadata ?? {};
  return (
    text('client_name', c.name, L.nameBytes) ??
    list('redirect_uris', c.redirectUris, L.redirectUris, L.uriBytes, 'redirect_uris') ??
    list('post_logout_redirect_uris', c.postLogoutRedirectUris, L.redirectUris, L.uriBytes, 'redirect_uris') ??
    list('allowed_users', c.allowedUsers, L.allowedUsers, L.loginBytes) ??
    list('grant_types', c.grantTypes, L.typeEntries, 100) ??
    list('response_types', c.responseTypes, L.typeEntries, 100) ??
    text('client_uri', m.client_uri, L.uriBytes) ??
    text('logo_uri', m.logo_uri, L.uriBytes) ??
    text('scope', m.scope, L.scopeBytes) ??
    list('contacts', Array.isArray(m.contacts) ? m.contacts : undefined, L.contacts, L.contactBytes)
  );
}
