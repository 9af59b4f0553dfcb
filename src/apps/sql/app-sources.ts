/**
 * Which apps' SQL views become sources (`apps.sql.appSources`). Set, the list is used as given
 * (an app that offers no views is a config error, reported by setup.ts). Unset, dev mode lists
 * {@link DEV_APP_SOURCES} so the console has something to query on `npm start`: those apps'
 * databases, as far as they offer views and their databases exist (an app that never ran has
 * none yet). Managed and host modes keep the explicit choice: no app sources unless listed.
 *
 * Either way the caller still needs a grant naming the source (`{"src": ["links"]}`): the dev
 * caller holds `{"src": ["*"]}` unless `dev.capsFile` says otherwise.
 *
 * @example
 *   appSourceIds(undefined, 'dev', offered, existsSync)    // → ['links', 'paste']
 *   appSourceIds(undefined, 'managed', offered, existsSync) // → []
 */
import type { SqlViewSet } from '../../platform/suite-view.js';

/** The apps whose views dev mode offers when `appSources` is unset. */
export const DEV_APP_SOURCES: readonly string[] = ['links', 'paste'];

export function appSourceIds(
  configured: readonly string[] | undefined,
  mode: 'dev' | 'managed' | 'host',
  offered: Readonly<Record<string, SqlViewSet>>,
  exists: (path: string) => boolean,
): string[] {
  if (configured) return [...configured];
  if (mode !== 'dev') return [];
  return DEV_APP_SOURCES.filter((id) => {
    const set = offered[id];
    return set !== undefined && exists(set.database);
  });
}
