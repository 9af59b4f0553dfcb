/**
 * What the console's views are given: plain view models built from the caller and the service
 * (the views import nothing from the app).
 *
 * @example
 *   c.html(HistoryPage({ ctx: consoleCtx(c, deps), rows }))
 */
import type { ConsoleCtx } from '../../../../views/sql/page.js';
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
  };
}
