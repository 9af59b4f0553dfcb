/**
 * The secrets app's only page: the secrets the caller may `info`, with their versions and the
 * active one. Metadata only; no value is ever rendered (the model has no place for one).
 *
 * It takes a plain view model (declared here); the app maps its secrets to it
 * (`src/apps/secrets/routes/page.ts`).
 *
 * @example
 *   c.html(secretsPage({ viewer: 'amy@example.com', secrets: [{ name: 'prod/db', versions: [1, 2], activeVersion: 2 }] }))
 */
import type { SuiteFrame } from '../../src/platform/frame.js';
import { assetUrl } from '../assets.js';
import { Layout } from '../layout.js';

/** One secret as the page lists it: its name and version numbers. */
export interface SecretRow {
  name: string;
  /** Every version number it has, ascending. */
  versions: readonly number[];
  activeVersion: number;
}

/** What the page shows. */
export interface SecretsPageModel {
  /** Whom the list is for, as the page names them: a login, or a tagged node's tags. */
  viewer: string;
  secrets: readonly SecretRow[];
  /** The suite frame of the request (navigation to the other apps). */
  frame?: SuiteFrame;
}

/** The page as a component. */
export function SecretsPage({ viewer, secrets, frame }: SecretsPageModel) {
  return (
    <Layout
      title="Secrets"
      frame={frame}
      brand="secrets"
      icon={assetUrl('secrets-favicon.svg')}
      tagline="setec-compatible secrets for your tailnet"
      nav={[{ href: '/', label: 'Secrets' }]}
    >
      <h1>Secrets</h1>
      <p class="muted">
        Showing the secrets {viewer} may see. Values are only available through the API (the <code>setec</code> CLI,{' '}
        <code>tailyard secret</code>, or a client library).
      </p>
      {secrets.length === 0 ? (
        <p>No secrets visible to you.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>Name</th>
              <th class="num">Active</th>
              <th>Versions</th>
            </tr>
          </thead>
          <tbody>
            {secrets.map((s) => (
              <tr>
                <td class="mono">{s.name}</td>
                <td class="num">{s.activeVersion}</td>
                <td>
                  {s.versions.map((v, i) => (
                    <>
                      {i > 0 && ', '}
                      {v === s.activeVersion ? <b>{v}</b> : v}
                    </>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Layout>
  );
}

/** Renders the page (for `c.html`). */
export function secretsPage(model: SecretsPageModel) {
  return <SecretsPage {...model} />;
}
