/**
 * The module resolve hook that makes `tailyard` mean the running tailyard. `plugins.ts` registers
 * it (`module.register`; it runs in Node's loader thread) before the first plugin loads: from
 * then on `tailyard` and `tailyard/<subpath>` resolve, for every importer, as if imported from
 * inside the running package, through its own `exports` map (a package may import itself by its
 * name). So a plugin without `node_modules/tailyard` still finds `tailyard/app`, and a plugin
 * that installed a copy of its own gets the running one anyway: one platform, one `Hono`, one
 * set of error classes. Everything else resolves as usual (a plugin's own hono or zod included).
 *
 * @example
 *   register('./plugin-resolve.js', import.meta.url, { data: { packageJson: 'file:///opt/tailyard/package.json' } });
 */
import type { InitializeHook, ResolveHook } from 'node:module';

/** What `initialize` gets: the running tailyard's package.json, as a file URL. */
export interface ResolveHookData {
  packageJson: string;
}

let packageJson: string | undefined;

/** Whether `specifier` names the tailyard package or one of its subpaths. */
export function namesTailyard(specifier: string): boolean {
  return specifier === 'tailyard' || specifier.startsWith('tailyard/');
}

export const initialize: InitializeHook<ResolveHookData> = (data) => {
  packageJson = data.packageJson;
};

export const resolve: ResolveHook = (specifier, context, nextResolve) => {
  if (packageJson !== undefined && namesTailyard(specifier)) return nextResolve(specifier, { ...context, parentURL: packageJson });
  return nextResolve(specifier, context);
};
