/**
 * Where the static files pages link to are, and their URLs: the suite's stylesheet, its script
 * (local times) and htmx (from the `htmx.org` package, never a CDN), the apps' favicons, paste's
 * stylesheet, script and highlight.js themes,
 * and the browser bundles `scripts/bundle-browser.mjs` builds from npm packages into
 * `dist/static/` (e.g. `sql-console.js`).
 *
 * The platform serves them (`src/platform/static.ts`) under `/.tailyard/static/<name>`: the
 * suite's shared files to every app (`src/suite.ts` passes `assetFiles(SUITE_ASSETS)`), the
 * others only by the app that declares them (`AppDefinition.assets`). A URL carries the file's
 * content hash, so browsers may cache it forever.
 *
 * @example
 *   assetUrl('tailyard.css') // '/.tailyard/static/tailyard.css?v=1a2b3c4d5e6f'
 *   defineApp({ …, assets: assetFiles(['paste.css', 'paste.js']) })
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const STATIC_PREFIX = '/.tailyard/static';

/** The suite's shared files, served to every app. */
export const SUITE_ASSETS = ['tailyard.css', 'tailyard.js', 'htmx.min.js'] as const;

/** The repository (or installed package) root: `views/` sits in it, or in its `dist/` once built. */
function root(): string {
  const views = dirname(fileURLToPath(import.meta.url));
  const up = dirname(views);
  return basename(up) === 'dist' ? dirname(up) : up;
}

const require = createRequire(import.meta.url);

/**
 * Files served from npm packages (name → package path). The release bundle inlines those
 * packages' JavaScript and so installs none of them: `scripts/release.mjs` copies these files to
 * `vendor/<package path>` in the package, which is looked at first.
 */
export const PACKAGE_FILES: Readonly<Record<string, string>> = {
  'htmx.min.js': 'htmx.org/dist/htmx.min.js',
  'hljs-light.css': 'highlight.js/styles/github.min.css',
  'hljs-dark.css': 'highlight.js/styles/github-dark.min.css',
};

function packageFile(spec: string): string {
  const vendored = join(root(), 'vendor', spec);
  return existsSync(vendored) ? vendored : require.resolve(spec);
}

/** Files kept in the source tree or in npm packages, by the name they are served under. */
const FILES: Record<string, () => string> = {
  'tailyard.css': () => join(root(), 'views', 'static', 'tailyard.css'),
  'tailyard.js': () => join(root(), 'views', 'static', 'tailyard.js'),
  'secrets-favicon.svg': () => join(root(), 'views', 'static', 'secrets-favicon.svg'),
  'sql-favicon.svg': () => join(root(), 'views', 'static', 'sql-favicon.svg'),
  'idp-favicon.svg': () => join(root(), 'views', 'static', 'idp-favicon.svg'),
  'paste.css': () => join(root(), 'views', 'static', 'paste.css'),
  'paste.js': () => join(root(), 'views', 'static', 'paste.js'),
  ...Object.fromEntries(Object.entries(PACKAGE_FILES).map(([name, spec]) => [name, () => packageFile(spec)])),
};

/** The file served as `name`: a known file, or a browser bundle in `dist/static/` (none before the first build). */
function fileOf(name: string): string | undefined {
  const known = FILES[name];
  if (known) return known();
  const bundle = join(root(), 'dist', 'static', name);
  return existsSync(bundle) ? bundle : undefined;
}

/**
 * The files to serve under `names` (name → absolute path); bundles not built yet are left out,
 * and their pages work without them.
 */
export function assetFiles(names: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of names) {
    const file = fileOf(name);
    if (file) out[name] = file;
  }
  return out;
}

const hashes = new Map<string, string>();

/** The cache-busting URL of a static file, e.g. `/.tailyard/static/tailyard.css?v=1a2b3c`. */
export function assetUrl(name: 'tailyard.css' | 'tailyard.js' | 'htmx.min.js' | (string & {})): string {
  let hash = hashes.get(name);
  if (hash === undefined) {
    const file = fileOf(name);
    hash = file ? createHash('sha256').update(readFileSync(file)).digest('hex').slice(0, 12) : 'missing';
    hashes.set(name, hash);
  }
  return `${STATIC_PREFIX}/${name}?v=${hash}`;
}
