/**
 * Runs a query for the console (the page or the script's `/api/query`): the first `uiRows` rows
 * that fit in `uiBytes`, whether more exist and, within the time limit, how many; errors become
 * the message the page shows in its error box (tailsql answers 200 with the error in the page).
 *
 * @example
 *   const outcome = await runForPage(service, { caller, src: 'main', q: 'select 1' }, { uiRows: 500, uiBytes: 16 << 20 });
 */
import type { Caller } from '../../platform/identity.js';
import { formatBytes } from '../../platform/middleware.js';
import type { PageOutcome } from '../../../views/sql/page.js';
import type { Cell } from './format/values.js';
import { httpError } from './errors.js';
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

export async function runForPage(service: SqlService, p: PageQuery, limits: PageLimits): Promise<PageOutcome> {
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
      uiBytes: formatBytes(limits.uiBytes),
      plan: p.explain,
    },
  };
}
