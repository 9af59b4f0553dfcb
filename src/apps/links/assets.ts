/**
 * The links app's own static files, declared to the platform (`assets`), which serves them at
 * `/.tailyard/static/<name>` with a year's caching: the favicon, whose pages link it by a URL
 * with its content hash (so a new icon is a new URL). golink's own path for it,
 * `/.static/favicon.svg`, serves the same file (routes/static.ts).
 *
 * The files live in `views/static/`, which the npm package ships; this module finds them from
 * where it runs, the source tree (`src/apps/links/`) or the build (`dist/src/apps/links/`).
 *
 * @example
 *   defineApp({ …, assets: linksAssets });
 *   loadFavicon().href // '/.tailyard/static/links-favicon.svg?v=1a2b3c4d5e6f'
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AppAssets } from '../../platform/app.js';
import { STATIC_PREFIX } from '../../platform/static.js';

/** The favicon's name among the app's static files. */
export const FAVICON = 'links-favicon.svg';

/** The repository (or installed package) root: three folders up from here, four from `dist/`. */
function root(): string {
  const up = dirname(dirname(dirname(dirname(fileURLToPath(import.meta.url)))));
  return basename(up) === 'dist' ? dirname(up) : up;
}

const FAVICON_FILE = join(root(), 'views', 'static', FAVICON);

export const linksAssets: AppAssets = { [FAVICON]: FAVICON_FILE };

/** The favicon as pages link it (its URL with a hash of its content) and as golink's path serves it. */
export interface Favicon {
  href: string;
  body: Uint8Array;
}

/** Reads the favicon (the platform has checked at mount that the file is there). */
export function loadFavicon(): Favicon {
  const body = readFileSync(FAVICON_FILE);
  return { href: `${STATIC_PREFIX}/${FAVICON}?v=${createHash('sha256').update(body).digest('hex').slice(0, 12)}`, body };
}
