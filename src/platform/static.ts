/**
 * Static files served from memory under `/.tailyard/static/<name>`: the suite's shared ones
 * (the stylesheet, htmx; given by the composition root to every app) and each app's own (only
 * that app serves them). Read once when the app is mounted; pages put a content hash in the URL,
 * so the answer may be cached forever.
 *
 * @example
 *   root.route('/', staticRoutes(loadAssets({ 'tailyard.css': '/…/views/static/tailyard.css' })));
 */
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { Hono } from 'hono';
import { ConfigError } from './config.js';

export const STATIC_PREFIX = '/.tailyard/static';

const TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
};

export interface LoadedAsset {
  body: Uint8Array;
  type: string;
}

/** Reads files (name → absolute path) into memory; a missing one stops start-up naming it. */
export function loadAssets(files: Readonly<Record<string, string>>, owner: string): Map<string, LoadedAsset> {
  const out = new Map<string, LoadedAsset>();
  for (const [name, path] of Object.entries(files)) {
    if (name.includes('/')) throw new ConfigError(`${owner}: static file name "${name}" must not contain "/"`);
    let body: Uint8Array;
    try {
      body = readFileSync(path);
    } catch (err) {
      throw new ConfigError(`${owner}: cannot read static file ${name} (${path}): ${(err as Error).message}`);
    }
    out.set(name, { body, type: TYPES[extname(name)] ?? 'application/octet-stream' });
  }
  return out;
}

/**
 * A hono app serving `shared` and `own` files; an app's own file may not reuse a shared name.
 *
 * @example root.route('/', staticRoutes(suiteAssets, loadAssets(def.assets ?? {}, 'paste')));
 */
export function staticRoutes(shared: ReadonlyMap<string, LoadedAsset>, own: ReadonlyMap<string, LoadedAsset> = new Map(), owner = 'app'): Hono {
  for (const name of own.keys()) {
    if (shared.has(name)) throw new ConfigError(`${owner}: static file ${name} is already one of the suite's shared files; rename it`);
  }
  const app = new Hono();
  app.get(`${STATIC_PREFIX}/:name`, (c) => {
    const name = c.req.param('name');
    const a = own.get(name) ?? shared.get(name);
    if (!a) return c.text('not found\n', 404);
    c.header('Content-Type', a.type);
    c.header('Cache-Control', 'public, max-age=31536000, immutable');
    return c.body(a.body as Uint8Array<ArrayBuffer>);
  });
  return app;
}
