/**
 * paste: a tclip-compatible pastebin (default hostname `paste`, dev port 8081, capability
 * `tailscale.com/cap/tclip`). tclip's CLI, its Emacs client and `curl -F` post to `/api/post`
 * unchanged; browsers read, download, search and delete. Beyond tclip: server-side highlighting,
 * expiry, burn-after-reading and unlisted pastes, "my pastes" and full-text search, a JSON API,
 * grants, limits, and CSRF-safe deletion.
 *
 * Module map (the shape every app has, then its own parts):
 * - `index.ts` — this declaration;
 * - `config.ts` — `apps.paste`: policy, limits, lifetimes, rendering; the `--paste-*` flags;
 * - `schema.ts` — the migrations of `paste.db`, and the read-only views the SQL console gets;
 * - `store.ts` — SQL only: pastes, authors, tombstones, full-text search, erasing removed content;
 * - `service.ts` — the rules: create, open (expiry, burn after reading), reveal, delete, list, sweep;
 * - `access.ts` — what a grant allows (the `tclip` and `grants` policies);
 * - `errors.ts` — every failure's status and message, and the `errors` mapping for the
 *   platform's renderer (pages for browsers);
 * - `routes/` — `index.ts` wires the parts (the app's `create`); `pages.ts` (`/`, `/help`),
 *   `post.ts` (`POST /api/post`), `lists.ts`, `read.ts`, `remove.ts`, `guard.ts` (Funnel, 404/405);
 *   `http.ts` (what they share), `wire.ts` (failure answers to programs, byte for byte),
 *   `present.ts` (view models);
 * - `cli.ts` — `tailyard paste`, a tclip-protocol client;
 * - request bodies: `form.ts`, `utf8.ts`, `negotiate.ts` (which answer a client wants);
 * - rendering: `renderers.ts` (loaded lazily) over `language.ts`, `highlight.ts`, `markup.ts`,
 *   `sanitize.ts`, `kinds.ts`, and `render-cache.ts`;
 * - `lifetime.ts`, `filename.ts`, `ids.ts`, `author.ts`, `search.ts` (pure rules, tests beside them).
 * Pages are `views/paste/` (view models in `models.ts`); this app serves its stylesheet, script and
 * highlighting themes (`assets`). Expired pastes are swept by a task the platform schedules.
 *
 * @example
 *   await startPlatform({ config: { apps: { paste: { policy: 'grants', maxExpiry: '30d' } } }, apps: [pasteApp] });
 */
import { assetFiles } from '../../../views/assets.js';
import { defineApp } from '../../platform/app.js';
import { FULL_ACCESS_GRANT, PASTE_CAP } from './access.js';
import { registerPasteCli } from './cli.js';
import { PASTE_FLAGS, type PasteConfig, PasteConfigSchema, requestBodyLimit } from './config.js';
import { errors } from './errors.js';
import { createRoutes } from './routes/index.js';
import { consoleViews, migrations } from './schema.js';

export const pasteApp = defineApp<PasteConfig>({
  apiVersion: 1,
  id: 'paste',
  title: 'paste',
  defaultHostname: 'paste',
  defaultDevPort: 8081,
  defaultCapName: PASTE_CAP,
  fullAccessCaps: [FULL_ACCESS_GRANT],
  // Funnel visitors may reach `/` and single pastes; routes/guard.ts enforces what they may do
  // per method and path, since these prefixes admit every method.
  publicPathPrefixes: ['/'],
  // A paste's link is all it takes to read it: keep ids out of the access log.
  capabilityUrls: true,
  configSchema: PasteConfigSchema,
  flags: PASTE_FLAGS,
  maxBodyBytes: (config) => requestBodyLimit(config.maxBytes),
  migrations,
  errors,
  // paste's stylesheet and script, and highlight.js's GitHub themes (light and dark).
  assets: assetFiles(['paste.css', 'paste.js', 'hljs-light.css', 'hljs-dark.css']),
  sqlViews: ({ database }) => ({ label: 'paste (tailyard)', database, views: { ...consoleViews } }),
  create: createRoutes,
  registerCli: registerPasteCli,
});
