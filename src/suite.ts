/**
 * The composition root: the apps this build of tailyard hosts (in start-up order), and the
 * suite's look, which the platform gets from here rather than importing views itself: the page
 * frame of error pages (`views/error-page.tsx`) and the shared static files (`views/assets.ts`).
 * The CLI starts the platform with these; so do tests that want the real suite.
 *
 * @example
 *   await startPlatform({ config, apps: builtInApps, ...suite() });
 */
import { assetFiles, SUITE_ASSETS } from '../views/assets.js';
import { errorPage } from '../views/error-page.js';
import { idpApp } from './apps/idp/index.js';
import { linksApp } from './apps/links/index.js';
import { pasteApp } from './apps/paste/index.js';
import { secretsApp } from './apps/secrets/index.js';
import { sqlApp } from './apps/sql/index.js';
import type { AppDefinition } from './platform/app.js';
import type { StartOptions } from './platform/platform.js';

/** The apps this build of tailyard hosts, in start-up order. */
export const builtInApps: AppDefinition[] = [linksApp, pasteApp, secretsApp, sqlApp, idpApp];

/** The suite's page frame and shared static files, for `startPlatform`. */
export function suite(): Required<Pick<StartOptions, 'frame' | 'assets'>> {
  return { frame: errorPage, assets: assetFiles(SUITE_ASSETS) };
}
