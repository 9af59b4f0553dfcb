/**
 * `GET /`: the page listing the secrets the caller may `info` (names and versions, never a
 * value), rendered from a plain view model (`views/secrets/list.tsx`).
 *
 * Not part of setec's API, so its errors are the platform's to answer: they are thrown, and the
 * renderer makes a page, JSON or text of them by `Accept` (the app's `errors.ts` mapping).
 *
 * @example
 *   pageRoutes(app, { service });
 */
import type { Hono } from 'hono';
import { type SecretsPageModel, secretsPage } from '../../../../views/secrets/list.js';
import type { AppEnv } from '../../../platform/app.js';
import type { Caller } from '../../../platform/identity.js';
import type { SecretsService } from '../service.js';
import type { SecretInfo } from '../wire.js';

/** What the page needs. */
export interface PageDeps {
  service: Pick<SecretsService, 'list'>;
}

/** Adds the page to the app. */
export function pageRoutes(app: Hono<AppEnv>, deps: PageDeps): void {
  app.get('/', async (c) => {
    const caller = c.get('caller');
    return c.html(secretsPage({ ...pageModel(await deps.service.list(caller), caller), frame: c.get('frame') }));
  });
}

/**
 * The page's view model: who is looking (a tagged node by its tags), and each secret's name and
 * versions.
 *
 * @example
 *   pageModel([{ name: 'db', versions: [1], activeVersion: 1 }], caller) // → { viewer: 'amy@example.com', secrets: [...] }
 */
export function pageModel(secrets: readonly SecretInfo[], caller: Caller): SecretsPageModel {
  return {
    viewer: caller.isTagged ? caller.tags.join(', ') : caller.login,
    secrets: secrets.map((s) => ({ name: s.name, versions: s.versions, activeVersion: s.activeVersion })),
  };
}
