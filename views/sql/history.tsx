/**
 * The viewer's own query history from the server's query log (`/history`): every query they ran,
 * including refused and failed ones, newest first, each a link back into the console.
 *
 * @example c.html(<HistoryPage ctx={ctx} rows={log.history(author)} />)
 */
import { type ConsoleCtx, SqlPage } from './page.js';

/** One logged query. */
export interface HistoryEntry {
  source: string;
  query: string;
  /** UTC, `YYYY-MM-DDTHH:MM:SS.mmm`. */
  timestamp: string;
  /** Microseconds; null when not measured. */
  elapsed: number | null;
  /** `ok`, or how it failed (`denied`, `refused`, `invalid`, `failed`, `timeout`, `cancelled`). */
  outcome: string;
  rowCount: number | null;
  error: string | null;
}

export function HistoryPage(props: { ctx: ConsoleCtx; rows: readonly HistoryEntry[] }) {
  const { ctx } = props;
  return (
    <SqlPage ctx={ctx} title="My history">
      <h1>My query history</h1>
      <p class="muted">Queries you ran as {ctx.login || 'this node'}, newest first (the last {props.rows.length}).</p>
      {props.rows.length === 0 ? (
        <p>No queries yet.</p>
      ) : (
        <table class="history">
          <thead>
            <tr>
              <th>When (UTC)</th>
              <th>Source</th>
              <th>Query</th>
              <th>Outcome</th>
              <th class="num">Rows</th>
              <th class="num">Time</th>
            </tr>
          </thead>
          <tbody>
            {props.rows.map((r) => (
              <tr class={r.outcome === 'ok' ? undefined : 'failed'}>
                <td class="mono">{r.timestamp.replace('T', ' ').slice(0, 19)}</td>
                <td class="mono">{r.source}</td>
                <td>
                  <a class="mono" href={`${ctx.base}/?${new URLSearchParams({ q: r.query, src: r.source })}`}>
                    {r.query.length > 200 ? `${r.query.slice(0, 200)}…` : r.query}
                  </a>
                  {r.error && <div class="sub muted">{r.error}</div>}
                </td>
                <td>{r.outcome}</td>
                <td class="num">{r.rowCount ?? ''}</td>
                <td class="num">{r.elapsed === null ? '' : `${(r.elapsed / 1000).toFixed(1)} ms`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </SqlPage>
  );
}
