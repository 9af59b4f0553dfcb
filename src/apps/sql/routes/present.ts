/**
 * What the console's views are given: plain view models built from the caller, the service and
 * a query's result. The views import nothing from the app; here each cell is rendered by the
 * UI rewrite rules (rules.ts) into text, code, monospace JSON or a link, never HTML.
 *
 * @example
 *   c.html(consolePage({ ctx: consoleCtx(c, deps), q, src, outcome: pageOutcome(run, deps.rules) }))
 */
import { formatBytes } from '../../../platform/middleware.js';
import type { Caller } from '../../../platform/identity.js';
import type { EmptyStateModel } from '../../../../views/sql/empty.js';
import type { ConsoleCtx, PageOutcome } from '../../../../views/sql/page.js';
import { whyNoSource } from '../access.js';
import type { CellView } from '../../../../views/sql/results.js';
import { type Cell, isNumeric } from '../format/values.js';
import type { PageRun } from '../page-query.js';
import { renderCell, type Rule } from '../rules.js';
import { authorOf } from '../service.js';
import type { SqlDeps } from '../setup.js';
import type { Ctx } from './respond.js';

/**
 * The page frame's model: route prefix, the sources the caller may query (with why one cannot be
 * opened), links, who is looking, and why the picker is empty when it is.
 */
export function consoleCtx(c: Ctx, deps: SqlDeps): ConsoleCtx {
  const caller = c.get('caller');
  const visible = deps.service.visibleSources(caller);
  return {
    base: deps.settings.routePrefix,
    sources: visible.map((s) => ({ slug: s.slug, label: s.label, dialect: s.dialect, ...(s.state.kind === 'failed' ? { problem: s.state.problem } : {}) })),
    links: deps.settings.links,
    login: authorOf(caller),
    empty: visible.length ? undefined : emptyState(caller, deps),
    frame: c.get('frame'),
  };
}

/** Why the caller sees no source: none configured, or none their grants open. */
function emptyState(caller: Caller, deps: SqlDeps): EmptyStateModel {
  const all = deps.service.sources;
  if (all.length === 0) return { kind: 'no-sources', mode: deps.mode };
  return { kind: 'no-grant', capName: deps.capName, login: authorOf(caller), why: whyNoSource(deps.service.access(caller), all) };
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
