/**
 * Shared static assets, served by every app under `/.tailyard/static/`: the stylesheet, htmx
 * (from the `htmx.org` package, never a CDN), and the browser bundles `scripts/bundle-browser.mjs`
 * builds from npm packages into `dist/static/` (e.g. `sql-console.js`). Read once at start-up and
 * served from memory with a content hash in the URL, so browsers may cache them forever.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';

export const STATIC_PREFIX = '/.tailyard/static';

interface Asset {
  body: Uint8Array;
  type: string;
  hash: string;
}

/** The repository (or installed package) root: the nearest folder above us with our package.json. */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && JSON.parse(readFileSync(pkg, 'utf8')).name === 'tailyard') return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error('cannot find the tailyard package root');
    dir = up;
  }
}

function load(path: string, type: string): Asset {
  const body = readFileSync(path);
  return { body, type, hash: createHash('sha256').update(body).digest('hex').slice(0, 12) };
}

let cache: Record<string, Asset> | undefined;

function assets(): Record<string, Asset> {
  if (!cache) {
    const require = createRequire(import.meta.url);
    cache = {
      'tailyard.css': load(join(packageRoot(), 'views', 'static', 'tailyard.css'), 'text/css; charset=utf-8'),
      'htmx.min.js': load(require.resolve('htmx.org/dist/htmx.min.js'), 'text/javascript; charset=utf-8'),
      // paste: its stylesheet and script, and highlight.js's GitHub themes (light and dark).
      'paste.css': load(join(packageRoot(), 'views', 'static', 'paste.css'), 'text/css; charset=utf-8'),
      'paste.js': load(join(packageRoot(), 'views', 'static', 'paste.js'), 'text/javascript; charset=utf-8'),
      'hljs-light.css': load(require.resolve('highlight.js/styles/github.min.css'), 'text/css; charset=utf-8'),
      'hljs-dark.css': load(require.resolve('highlight.js/styles/github-dark.min.css'), 'text/css; charset=utf-8'),
      ...bundles(),
    };
  }
  return cache;
}

const BUNDLE_TYPES: Record<string, string> = { '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8' };

/** The browser bundles in `dist/static/` (none before the first build: pages then work without them). */
function bundles(): Record<string, Asset> {
  const dir = join(packageRoot(), 'dist', 'static');
  if (!existsSync(dir)) return {};
  const out: Record<string, Asset> = {};
  for (const name of readdirSync(dir)) {
    const type = BUNDLE_TYPES[extname(name)];
    if (type) out[name] = load(join(dir, name), type);
  }
  return out;
}

/** The cache-busting URL of a shared asset or bundle, e.g. `/.tailyard/static/tailyard.css?v=1a2b3c`. */
export function assetUrl(name: 'tailyard.css' | 'htmx.min.js' | (string & {})): string {
  return `${STATIC_PREFIX}/${name}?v=${assets()[name]?.hash}`;
}

/** A hono app serving the shared assets; the platform mounts it on every app. */
export function staticAssets(): Hono {
  const app = new Hono();
  app.get(`${STATIC_PREFIX}/:name`, (c) => {
    const a = assets()[c.req.param('name')];
    if (!a) return c.text('not found\n', 404);
    c.header('Content-Type', a.type);
    c.header('Cache-Control', 'public, max-age=31536000, immutable');
    return c.body(a.body as Uint8Array<ArrayBuffer>);
  });
  return app;
}
