/**
 * The admin pages' view models (`views/idp/models.ts`) from the app's clients and sign-ins, and
 * the client form's values from a client and from a submitted form.
 *
 * @example c.html(<EditClient client={clientView(client)} sessions={sessions.map(sessionView)} … />)
 */
import type { ClientFormValues } from '../../../../views/idp/form.js';
import type { ClientView, SessionView } from '../../../../views/idp/models.js';
import type { Client, Session } from '../store/index.js';

export function clientView(c: Client): ClientView {
  return {
    clientId: c.clientId,
    name: c.name,
    authMethod: c.authMethod,
    redirectUris: [...c.redirectUris],
    dynamic: c.dynamic,
    createdAt: c.createdAt,
    createdBy: c.createdBy,
    lastUsedAt: c.lastUsedAt,
  };
}

export function sessionView(s: Session): SessionView {
  return { familyId: s.familyId, login: s.login, createdAt: s.createdAt, lastUsedAt: s.lastUsedAt };
}

/** The form showing a client's current settings (lists one entry a line). */
export function clientFormValues(c: Client): ClientFormValues {
  return {
    name: c.name,
    redirectUris: c.redirectUris.join('\n'),
    postLogoutRedirectUris: c.postLogoutRedirectUris.join('\n'),
    allowedUsers: c.allowedUsers.join('\n'),
    authMethod: c.authMethod,
    accessTokenFormat: c.accessTokenFormat,
  };
}

/** What a submitted client form says, as typed (shown again when it cannot be saved). */
export function submittedValues(form: Record<string, string>): ClientFormValues {
  return {
    name: (form.name ?? '').trim(),
    redirectUris: form.redirect_uris ?? '',
    postLogoutRedirectUris: form.post_logout_redirect_uris ?? '',
    allowedUsers: form.allowed_users ?? '',
    authMethod: form.auth_method,
    accessTokenFormat: form.access_token_format,
  };
}
