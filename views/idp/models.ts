/**
 * What the identity provider's pages are given: plain view models, declared here so that the
 * pages know nothing of the app's store rows or domain types. The app maps its clients and
 * sign-ins to these (`src/apps/idp/routes/present.ts`).
 *
 * @example
 *   const client: ClientView = { clientId: '0123…', name: 'grafana', authMethod: 'client_secret_basic', redirectUris: ['https://g/cb'], dynamic: false, createdAt: 1767225600, createdBy: 'alice@example.com', lastUsedAt: null };
 */

/** A registered client, as the admin pages show it. */
export interface ClientView {
  clientId: string;
  name: string;
  /** `none` for a public client, else how it authenticates (`client_secret_basic`, `client_secret_post`). */
  authMethod: string;
  redirectUris: string[];
  /** Registered through dynamic client registration. */
  dynamic: boolean;
  /** Unix seconds. */
  createdAt: number;
  /** Who created it (a login), or '' when unknown. */
  createdBy: string;
  /** Unix seconds, or null when it was never used. */
  lastUsedAt: number | null;
}

/** A live sign-in of a user at a client. */
export interface SessionView {
  /** What the revoke button names. */
  familyId: string;
  login: string;
  /** Unix seconds. */
  createdAt: number;
  /** Unix seconds of the last refresh. */
  lastUsedAt: number;
}

/** A row of the admin list: a client and its number of live sign-ins. */
export interface ClientRow {
  client: ClientView;
  sessions: number;
}
