/**
 * What the console shows instead of an empty source picker: with no sources configured, how to
 * add one (the config keys `sources`, `appSources`, `localSource`, with an example, and where
 * the long form is); for a viewer who may query none of them, which grant is missing. Given a
 * view model only (routes/present.ts decides which).
 *
 * @example <EmptyState state={{ kind: 'no-sources', mode: 'dev' }} />
 */

export type EmptyStateModel =
  /** No source is configured at all. */
  | { kind: 'no-sources'; mode: 'dev' | 'managed' | 'host' }
  /** Sources exist, but this viewer's grants open none of them. */
  | { kind: 'no-grant'; capName: string; login: string; why: string };

const EXAMPLE = `{
  "apps": {
    "sql": {
      "sources": [
        { "source": "main", "label": "Main database", "driver": "sqlite",
          "url": "file:/srv/app/main.db?mode=ro" },
        { "source": "prod", "label": "Production", "driver": "postgres",
          "url": "postgres://reader@db.example.com/prod" }
      ],
      "appSources": ["links", "paste"],
      "localSource": "log"
    }
  }
}`;

function NoSources(props: { mode: 'dev' | 'managed' | 'host' }) {
  return (
    <section id="empty-state" class="empty-state" aria-labelledby="empty-title">
      <h2 id="empty-title">No sources yet</h2>
      <p>
        This console has no database to query. Add sources to the <code>apps.sql</code> section of the tailyard config file (or pass a tailsql config
        file with <code>--sql-config FILE</code>) and restart <code>tailyard serve</code>:
      </p>
      <dl class="facts">
        <dt>
          <code>sources</code>
        </dt>
        <dd>
          your databases: each with a <code>source</code> name, a <code>label</code>, a <code>driver</code> (<code>sqlite</code> or <code>postgres</code>) and
          one of <code>url</code>, <code>keyFile</code> or <code>secret</code> (a secret in the secrets app). Always opened read-only.
        </dd>
        <dt>
          <code>appSources</code>
        </dt>
        <dd>
          tailyard's own data as read-only views: <code>"links"</code> (go/ links) and <code>"paste"</code>.{' '}
          {props.mode === 'dev'
            ? 'In dev mode both are offered when unset, once those apps have a database: start them too.'
            : 'Unset in managed and host mode: list them to offer them.'}{' '}
          Only callers whose grant names them may query them.
        </dd>
        <dt>
          <code>localSource</code>
        </dt>
        <dd>a name under which the console's own query log (who ran what, and how it went) is a source.</dd>
      </dl>
      <p>For example:</p>
      <pre id="empty-example">
        <code>{EXAMPLE}</code>
      </pre>
      <p class="muted">
        The long form, with grants and PostgreSQL secrets: <code>docs/sql.md</code> in tailyard's source, and the README's "SQL console" section.
      </p>
    </section>
  );
}

function NoGrant(props: { capName: string; login: string; why: string }) {
  const example = `{ "${props.capName}": [{ "src": ["main"] }] }`;
  return (
    <section id="empty-state" class="empty-state" aria-labelledby="empty-title">
      <h2 id="empty-title">No source you may query</h2>
      <p>
        This console has sources, but {props.login ? <strong>{props.login}</strong> : 'this node'} may query none of them: {props.why}.
      </p>
      <p>
        Access comes from the capability <code>{props.capName}</code> in the tailnet's policy file. Ask its admin for a grant whose <code>src</code> names the
        sources you need (<code>*</code> for all, <code>prefix*</code> for a prefix), e.g.:
      </p>
      <pre id="empty-example">
        <code>{example}</code>
      </pre>
    </section>
  );
}

export function EmptyState(props: { state: EmptyStateModel }) {
  const { state } = props;
  return state.kind === 'no-sources' ? <NoSources mode={state.mode} /> : <NoGrant capName={state.capName} login={state.login} why={state.why} />;
}
