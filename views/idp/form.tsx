/**
 * The client form (new and edit): name, redirect URIs, client type, access-token format, who may
 * sign in, and logout redirect URIs. Plain HTML; works without JavaScript.
 *
 * @example <ClientForm action="/new" values={{ name: '', redirectUris: '' }} limits={{ nameBytes: 200, redirectUris: 32 }} submit="Create client" isNew />
 */

export interface ClientFormValues {
  name: string;
  redirectUris: string;
  postLogoutRedirectUris?: string;
  allowedUsers?: string;
  authMethod?: string;
  accessTokenFormat?: string;
}

/** The bounds the form announces: the identity provider's client limits, passed in by its routes. */
export interface ClientFormLimits {
  nameBytes: number;
  redirectUris: number;
}

export function ClientForm(props: { action: string; values: ClientFormValues; limits: ClientFormLimits; submit: string; isNew: boolean }) {
  const v = props.values;
  const limits = props.limits;
  return (
    <form method="post" action={props.action} class="stack" aria-label={props.submit}>
      <label>
        Name
        <input name="name" required maxlength={limits.nameBytes} value={v.name} autofocus={props.isNew} />
      </label>
      <label>
        Redirect URIs <span class="muted">(one per line, at most {limits.redirectUris}; http://127.0.0.1/… matches any port)</span>
        <textarea name="redirect_uris" required rows={3}>
          {v.redirectUris}
        </textarea>
      </label>
      {props.isNew && (
        <label>
          Client type
          <select name="auth_method">
            <option value="client_secret_basic" selected={v.authMethod !== 'none'}>
              Confidential (has a secret)
            </option>
            <option value="none" selected={v.authMethod === 'none'}>
              Public (no secret, PKCE S256 required)
            </option>
          </select>
        </label>
      )}
      <label>
        Access tokens
        <select name="access_token_format">
          <option value="opaque" selected={v.accessTokenFormat !== 'jwt'}>
            Opaque (resource servers introspect)
          </option>
          <option value="jwt" selected={v.accessTokenFormat === 'jwt'}>
            JWT, RFC 9068 (resource servers verify offline)
          </option>
        </select>
      </label>
      <label>
        Allowed users <span class="muted">(logins or group:name, one per line; empty: everyone)</span>
        <textarea name="allowed_users" rows={2}>
          {v.allowedUsers ?? ''}
        </textarea>
      </label>
      <label>
        Post-logout redirect URIs <span class="muted">(optional, one per line)</span>
        <textarea name="post_logout_redirect_uris" rows={2}>
          {v.postLogoutRedirectUris ?? ''}
        </textarea>
      </label>
      <div>
        <button type="submit">{props.submit}</button>
      </div>
    </form>
  );
}
