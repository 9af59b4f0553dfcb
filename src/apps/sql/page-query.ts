/**
 * Runs a query for the console (the page or the script's `/api/query`): the first `uiRows` rows
 * that fit in `uiBytes`, whether more exist and, within the time limit, how many; errors become
 * the message the page shows in its error box (tailsql answers 200 with the error in the page).
 *
 * @example
 *   const outcome = await runForPage(service, { caller, src: 'main', q: 'select 1' }, { uiRows: 500, uiBytes: 16 << 20 });
 */
import type { Caller } from '../../platform/identity.js';
import type { Summary } from './drivers/types.js';
import { httpError } from './errors.js';
import type { Cell, Column } from './format/values.js';
import type { ClientGone, SqlService } from './service.js';

export interface PageQuery {
  caller: Caller;
  src: string;
  q: string;
  explain?: boolean;
  clientGone?: ClientGone;
  cancelId?: string;
}

/** The page's display limits: rows (a source's own `uiRows` wins) and bytes of values (see `drivers/row-budget.ts`). */
export interface PageLimits {
  uiRows: number;
  uiBytes: number;
}

/** The rows the page shows, and what limited them. */
export interface PageResult {
  columns: readonly Column[];
  rows: Cell[][];
  summary: Summary;
  elapsedMs: number;
  /** The limits that applied (the source's `uiRows`, the app's `uiBytes`). */
  uiRows: number;
  uiBytes: number;
  /** The result is the query's plan (EXPLAIN QUERY PLAN / EXPLAIN). */
  plan: boolean;
}

/** A page's query: its result, or the message of its error. */
export type PageRun = { result: PageResult } | { error: string };

export async function runForPage(service: SqlService, p: PageQuery, limits: PageLimits): Promise<PageRun> {
  const started = performance.now();
  const uiRows = service.sources.find((s) => s.slug === p.src)?.uiRows ?? limits.uiRows;
  let run: Awaited<ReturnType<SqlService['start']>>;
  try {
    run = await service.start({ ...p, mode: { kind: 'rows', limit: uiRows, maxBytes: limits.uiBytes, count: true } });
  } catch (err) {
    return { error: httpError(err).message };
  }
  const rows: Cell[][] = [];
  try {
    for (let c = await run.stream.next(); c; c = await run.stream.next()) if (c.kind === 'rows') rows.push(...c.rows);
    run.finish();
  } catch (err) {
    run.finish(err);
    return { error: httpError(err).message };
  }
  return {
    result: {
      columns: run.stream.columns,
      rows,
      summary: run.stream.summary,
      elapsedMs: performance.now() - started,
      uiRows,
      uiBytes: limits.uiBytes,
      plan: p.explain === true,
    },
  };
}
