/**
 * A query's result in the console: the details line (time, how many rows, whether more exist)
 * and the table, or the query plan as a tree. Also sent alone to the script (`/api/query`), so
 * the page with and without JavaScript shows one rendering.
 *
 * Cells come rendered by the app (its rewrite rules' structured output: text, code, monospace
 * JSON or a link), never as HTML; everything is escaped by JSX. NULL is `(null)` as in tailsql,
 * styled apart from a string "(null)".
 *
 * @example <Results result={{ columns, rows: [[{ kind: 'text', text: '1', numeric: true }]], summary, elapsedMs: 1.2, uiRows: 500 }} />
 */

import { raw } from 'hono/html';

/** One cell as the console shows it. */
export type CellView =
  | { kind: 'null' }
  /** `numeric`: a number, right-aligned. */
  | { kind: 'text'; text: string; numeric: boolean }
  | { kind: 'code'; text: string }
  | { kind: 'tt'; text: string }
  | { kind: 'link'; text: string; href: string; title?: string };

/** How many rows were shown, and why not more. */
export interface ResultSummary {
  rows: number;
  /** More rows existed than are shown. */
  truncated: boolean;
  /** The exact row count, when counting finished in time. */
  total?: number;
  /** The byte limit ended the rows ('rows') or cut the values of the one row shown ('values'). */
  cut?: 'rows' | 'values';
}

export interface ResultColumn {
  name: string;
  /** The declared or server type ('' when unknown). */
  type: string;
}

export interface ResultData {
  columns: readonly ResultColumn[];
  rows: ReadonlyArray<readonly CellView[]>;
  summary: ResultSummary;
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

export function rowCountText(s: ResultSummary, uiRows: number, uiBytes = '0 bytes'): string {
  if (!s.truncated) return `${s.rows} ${s.rows === 1 ? 'row' : 'rows'} total`;
  const size = `display size limit ${uiBytes}`;
  const total = s.total === undefined ? '' : ` of ${s.total}`;
  // Values are only ever cut in the first row, when it alone is over the limit.
  if (s.cut === 'values') return `showing 1 row${(s.total ?? 1) > 1 ? ` of ${s.total}` : ''}, its values cut at the ${size}; download the result for all of it`;
  if (s.cut === 'rows') return `showing the first ${s.rows}${total} rows (${size})`;
  if (s.total !== undefined) return `showing the first ${s.rows} of ${s.total} rows (display limit ${uiRows})`;
  return `showing the first ${s.rows} rows; more exist (counting did not finish within the time limit)`;
}

/** A cell's text (empty for NULL), for the plan views. */
const textOf = (cell: CellView | undefined): string => (cell === undefined || cell.kind === 'null' ? '' : cell.text);

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
/** JSX's escaping (hono's), for the cells written as text below. */
const esc = (s: string): string => s.replace(/[&<>'"]/g, (ch) => ESCAPES[ch] as string);

/**
 * One cell's HTML. The table body is written as text, not JSX: a page of rows is thousands of
 * JSX nodes, which cost more than the query. Every value goes through {@link esc}.
 */
function cellHtml(r: CellView): string {
  switch (r.kind) {
    case 'null':
      return '<td class="null">(null)</td>';
    case 'code':
      return `<td><pre class="cell-code">${esc(r.text)}</pre></td>`;
    case 'tt':
      return `<td class="json">${esc(r.text)}</td>`;
    case 'link': {
      const title = r.title === undefined ? '' : ` title="${esc(r.title)}"`;
      return `<td><a href="${esc(r.href)}"${title} rel="noopener noreferrer" referrerpolicy="no-referrer">${esc(r.text)}</a></td>`;
    }
    default:
      return `${r.numeric ? '<td class="num">' : '<td>'}${esc(r.text)}</td>`;
  }
}

function rowsHtml(rows: ResultData['rows']): string {
  let html = '';
  for (const row of rows) {
    html += '<tr>';
    for (const cell of row) html += cellHtml(cell);
    html += '</tr>';
  }
  return html;
}

/** SQLite's EXPLAIN QUERY PLAN rows (id, parent, notused, detail) as a nested list. */
function PlanTree(props: { rows: ResultData['rows']; parent: string }) {
  const children = props.rows.filter((r) => textOf(r[1]) === props.parent);
  if (children.length === 0) return null;
  return (
    <ul class="plan">
      {children.map((r) => (
        <li>
          {textOf(r[3])}
          <PlanTree rows={props.rows} parent={textOf(r[0])} />
        </li>
      ))}
    </ul>
  );
}

function isSqlitePlan(columns: readonly ResultColumn[]): boolean {
  return columns.map((c) => c.name).join(',') === 'id,parent,notused,detail';
}

export function Results(props: { result: ResultData }) {
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
        <pre class="plan-text">{rows.map((r) => textOf(r[0])).join('\n')}</pre>
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
            <tbody>{raw(rowsHtml(rows))}</tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** The error box (tailsql's `#error`). */
export function ErrorBox(props: { message: string; hint?: string }) {
  return (
    <>
      <div id="error" class="banner error" role="alert">
        Error: {props.message}
      </div>
      {props.hint && (
        <p id="error-hint" class="error-hint">
          {props.hint}
        </p>
      )}
    </>
  );
}
