/**
 * What the console's views are given: plain view models built from the caller, the service and
 * a query's result. The views import nothing from the app; here each cell is rendered by the
 * UI rewrite rules (rules.ts) into text, code, monospace JSON or a link, never HTML.
 *
 * @example
 *   c.html(consolePage({ ctx: consoleCtx(c, deps), q, src, outcome: pageOutcome(run, deps.rules) }))
 */
import { formatBytes } from '../../../platform/middleware.js';
import type { ConsoleCtx, PageOutcome } from '../../../../views/sql/page.js';
import type { CellView } from '../../../../views/sql/results.js';
import { type Cell, isNumeric } from '../format/values.js';
import type { PageRun } from '../page-query.js';
import { renderCell, type Rule } from '../rules.js';
import { authorOf } from '../service.js';
import type { SqlDeps } from '../setup.js';
import type { Ctx } from './respond.js';

/** The page frame's model: route prefix, the sources the caller may query, links, who is looking. */
export function consoleCtx(c: Ctx, deps: SqlDeps): ConsoleCtx {
  const caller = c.get('caller');
  return {
    base: deps.settings.routePrefix,
    sources: deps.service.visibleSources(caller).map((s) => ({ slug: s.slug, label: s.label, dialect: s.dialect })),
    links: deps.settings.links,
    login: authorOf(caller),
    frame: c.get('frame'),
  };
}

/** One cell as the console shows it. */
function cellView(rules: readonly Rule[], column: string, value: Cell): CellView {
  const r = renderCell(rules, column, value);
  return r.kind === 'text' ? { ...r, numeric: isNumeric(value) } : r;
}

/** A page query's result with its cells rendered, or its error. */
export function pageOutcome(run: PageRun, rules: readonly Rule[]): PageOutcome {
  if ('error' in run) return run;
  const { columns, rows, uiBytes, ...rest } = run.result;
  const names = columns.map((c) => c.name);
  return {
    result: {
      ...rest,
      columns,
      rows: rows.map((row) => row.map((v, i) => cellView(rules, names[i] ?? '', v))),
      uiBytes: formatBytes(uiBytes),
    },
  };
}
