/**
 * The secrets app's only page: the secrets the caller may `info`, with their versions and the
 * active one. Metadata only; no value is ever rendered (the page has no way to fetch one).
 *
 * @example
 *   c.html(secretsPage([{ name: 'prod/db', versions: [1, 2], activeVersion: 2 }], caller))
 */
import type { Caller } from '../../src/platform/identity.js';
import type { SecretInfo } from '../../src/apps/secrets/wire.js';
import { Layout } from '../layout.js';

export interface SecretsPageProps {
  secrets: readonly SecretInfo[];
  caller: Caller;
}

/** The page as a component. */
export function SecretsPage({ secrets, caller }: SecretsPageProps) {
  const who = caller.isTagged ? caller.tags.join(', ') : caller.login;
  return (
    <Layout title="secrets" brand="secrets" tagline="setec-compatible secrets for your tailnet">
      <h1>Secrets</h1>
      <p class="muted">
        Showing the secrets {who} may see. Values are only available through the API (the <code>setec</code> CLI,{' '}
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
export function secretsPage(secrets: readonly SecretInfo[], caller: Caller) {
  return <SecretsPage secrets={secrets} caller={caller} />;
}
