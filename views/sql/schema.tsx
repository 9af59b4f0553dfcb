/**
 * The schema browser without JavaScript (`/schema?src=…`): every table and view the source's
 * connection can see, with its columns (type, key, NOT NULL) and indexes. The console's script
 * draws the same data from `/api/schema` in its side panel and inserts names on click.
 *
 * @example c.html(<SchemaPage ctx={ctx} src="main" objects={objects} />)
 */
import { type ConsoleCtx, SqlPage } from './page.js';

/** A table or view with its columns and indexes. */
export interface SchemaObjectView {
  /** `main` / `public` are left out of the shown name. */
  schema: string;
  name: string;
  kind: 'table' | 'view';
  columns: ReadonlyArray<{ name: string; type: string; pk: boolean; notNull: boolean }>;
  indexes: ReadonlyArray<{ name: string; columns: readonly string[]; unique: boolean }>;
}

export function SchemaPage(props: { ctx: ConsoleCtx; src: string; objects: readonly SchemaObjectView[] }) {
  const { ctx, src } = props;
  return (
    <SqlPage ctx={ctx} title="Schema" src={src}>
      <h1>Schema</h1>
      <form method="get" action={`${ctx.base}/schema`} class="inline">
        <label class="source-pick">
          Source
          <select name="src">
            {ctx.sources.map((s) => (
              <option value={s.slug} selected={s.slug === src}>
                {s.label}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">Show</button>
      </form>
      {props.objects.length === 0 && <p class="muted">No tables or views.</p>}
      {props.objects.map((o) => (
        <section class="schema-object">
          <h2>
            <span class="kind">{o.kind}</span> {o.schema === 'main' || o.schema === 'public' ? o.name : `${o.schema}.${o.name}`}{' '}
            <a class="secondary" href={`${ctx.base}/?${new URLSearchParams({ src, q: `select * from ${quoteIdent(o)} limit 100` })}`}>
              query
            </a>
          </h2>
          <table>
            <thead>
              <tr>
                <th>Column</th>
                <th>Type</th>
                <th>Key</th>
                <th>Null</th>
              </tr>
            </thead>
            <tbody>
              {o.columns.map((c) => (
                <tr>
                  <td class="mono">{c.name}</td>
                  <td class="mono">{c.type}</td>
                  <td>{c.pk ? 'PK' : ''}</td>
                  <td>{c.notNull ? 'NOT NULL' : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {o.indexes.length > 0 && (
            <ul class="indexes">
              {o.indexes.map((i) => (
                <li>
                  <span class="mono">{i.name}</span> {i.unique ? '(unique) ' : ''}on <span class="mono">{i.columns.join(', ')}</span>
                </li>
              ))}
            </ul>
          )}
        </section>
      ))}
    </SqlPage>
  );
}

/** A table name quoted for a query when it needs it. */
export function quoteIdent(o: { schema: string; name: string }): string {
  const q = (s: string) => (/^[A-Za-z_][A-Za-z0-9_]*$/.test(s) ? s : `"${s.replaceAll('"', '""')}"`);
  return o.schema === 'main' || o.schema === 'public' ? q(o.name) : `${q(o.schema)}.${q(o.name)}`;
}
