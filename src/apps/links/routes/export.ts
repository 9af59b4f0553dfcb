/**
 * golink's exports: `/.export`, every live link as JSON Lines in golink's format (what
 * `--links-snapshot`, `/.import` and `tailyard links import` read back), and `/.export-stats`,
 * the click counts as CSV. Both byte for byte as golink writes them.
 *
 * @example
 *   exportRoutes(app, deps);
 *   // curl http://go/.export > links.jsonl
 */
import type { Hono } from 'hono';
import type { AppEnv } from '../../../platform/app.js';
import { type Deps, textHeaders } from './http.js';

export function exportRoutes(app: Hono<AppEnv>, deps: Deps): void {
  app.get('/.export', (c) => c.body(deps.links.exportLinks(), 200, textHeaders()));
  app.get('/.export-stats', (c) => c.body(deps.links.exportStats(), 200, textHeaders()));
}
