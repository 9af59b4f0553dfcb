/**
 * A query's result in the console: the details line (time, how many rows, whether more exist)
 * and the table, or the query plan as a tree. Also sent alone to the script (`/api/query`), so
 * the page with and without JavaScript shows one rendering.
 *
 * Cells are rendered from the rewrite rules' structured output; everything is escaped by JSX.
 * NULL is `(null)` as in tailsql, styled apart from a string "(null)".
 *
 * @example <Results result={{ columns, rows, summary, elapsedMs: 1.2, uiRows: 500 }} rules={rules} />
 */
import type { Summary } from '../../src/apps/sql/drivers/types.js';
import { type Cell, type Column, isNumeric } from '../../src/apps/sql/format/values.js';
import { type Rendered, type Rule, renderCell } from '../../src/apps/sql/rules.js';

export interface ResultData {
  columns: readonly Column[];
  rows: readonly Cell[][];
  summary: Summary;
  elapsedMs: number;
  /** The display limits that applied: rows, and bytes of values as shown (e.g. `16 MiB`). */
  uiRows: number;
  uiBytes?: string;
  /** The result is an EXPLAIN QUERY PLAN / EXPLAIN. */
  plan?: boolean;
}

/** tailsql rounds elapsed time to 100µs and prints it as a Go duration. */
export function formatElapsed(ms: number): string {
  const rounded = Math.round(ms * 10) / 10;
  if (rounded < 1) return `${Math.round(rounded * 1000)}µs`;
  if (rounded < 1000) return `${rounded}ms`;
  return `${(rounded / 1000).toFixed(rounded >= 10_000 ? 1 : 3).replace(/\.?0+$/, '')}s`;
}

export function rowCountText(s: Summary, uiRows: number, uiBytes = '0 bytes'): string {
  if (!s.truncated) return `${s.rows} ${s.rows === 1 ? 'row' : 'rows'} total`;
  const size = `display size limit ${uiBytes}`;
  const total = s.total === undefined ? '' : ` of ${s.total}`;
  // Values are only ever cut in the first row, when it alone is over the limit.
  if (s.cut === 'values') return `showing 1 row${(s.total ?? 1) > 1 ? ` of ${s.total}` : ''}, its values cut at the ${size}; download the result for all of it`;
  if (s.cut === 'rows') return `showing the first ${s.rows}${total} rows (${size})`;
  if (s.total !== undefined) return `showing the first ${s.rows} of ${s.total} rows (display limit ${uiRows})`;
  return `showing the first ${s.rows} rows; more exist (counting did not finish within the time limit)`;
}

function CellView(props: { r: Rendered; numeric: boolean }) {
  const { r } = props;
  switch (r.kind) {
    case 'null':
      return <td class="null">(null)</td>;
    case 'code':
      return (
        <td>
          <pre class="cell-code">{r.text}</pre>
        </td>
      );
    case 'tt':
      return <td class="json">{r.text}</td>;
    case 'link':
      return (
        <td>
          <a href={r.href} title={r.title} rel="noopener noreferrer" referrerpolicy="no-referrer">
            {r.text}
          </a>
        </td>
      );
    default:
      return <td class={props.numeric ? 'num' : undefined}>{r.text}</td>;
  }
}

/** SQLite's EXPLAIN QUERY PLAN rows (id, parent, notused, detail) as a nested list. */
function PlanTree(props: { rows: readonly Cell[][]; parent: string }) {
  const children = props.rows.filter((r) => String(r[1]) === props.parent);
  if (children.length === 0) return null;
  return (
    <ul class="plan">
      {children.map((r) => (
        <li>
          {String(r[3])}
          <PlanTree rows={props.rows} parent={String(r[0])} />
        </li>
      ))}
    </ul>
  );
}

function isSqlitePlan(columns: readonly Column[]): boolean {
  return columns.map((c) => c.name).join(',') === 'id,parent,notused,detail';
}

export function Results(props: { result: ResultData; rules: readonly Rule[] }) {
  const { columns, rows, summary, elapsedMs, uiRows, uiBytes, plan } = props.result;
  return (
    <section id="output" aria-label="Result">
      <p class="details muted" id="result-details">
        Query time: {formatElapsed(elapsedMs)} | <span id="row-count">{rowCountText(summary, uiRows, uiBytes)}</span>
      </p>
      {plan && isSqlitePlan(columns) ? (
        <div class="plan-tree">
          <PlanTree rows={rows} parent="0" />
        </div>
      ) : plan && columns.length === 1 ? (
        <pre class="plan-text">{rows.map((r) => String(r[0])).join('\n')}</pre>
      ) : (
        <div class="grid-wrap">
          <table class="sql-results" id="results">
            <thead>
              <tr>
                {columns.map((c) => (
                  <th scope="col" title={c.type || undefined}>
                    {c.name}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr>
                  {row.map((v, i) => (
                    <CellView r={renderCell(props.rules, columns[i]?.name ?? '', v)} numeric={isNumeric(v)} />
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** The error box (tailsql's `#error`). */
export function ErrorBox(props: { message: string }) {
  return (
    <div id="error" class="banner error" role="alert">
      Error: {props.message}
    </div>
  );
}
