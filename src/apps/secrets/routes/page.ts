/**
 * `GET /`: the page listing the secrets the caller may `info` (names and versions, never a
 * value), rendered by `views/secrets/list.tsx`.
 *
 * Not part of setec's API, so its errors are the platform's to answer: they are thrown, and the
 * renderer makes a page, JSON or text of them by `Accept` (the app's `errors.ts` mapping).
 *
 * @example
 *   pageRoutes(app, { service });
 */
import type { Hono } from 'hono';
import { secretsPage } from '../../../../views/secrets/list.js';
import type { AppEnv } from '../../../platform/app.js';
import type { SecretsService } from '../service.js';

/** What the page needs. */
export interface PageDeps {
  service: Pick<SecretsService, 'list'>;
}

/** Adds the page to the app. */
export function pageRoutes(app: Hono<AppEnv>, deps: PageDeps): void {
  app.get('/', async (c) => {
    const caller = c.get('caller');
    return c.html(secretsPage(await deps.service.list(caller), caller));
  });
}
