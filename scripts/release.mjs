#!/usr/bin/env node
// `npm run release`: tailyard as one bundle, packed. From the build in dist/ (`npm run build`
// first, which `npm run release` does) it writes release/package/ and packs it into
// release/tailyard-<version>.tgz: a package whose only runtime dependency is better-sqlite3 (a
// native addon, which cannot be bundled). Every pure-JavaScript dependency is inlined by esbuild.
//
// Layout of the package, chosen so the code finds its files as it does in dist/:
//   bin/tailyard.js                         the command
//   dist/{cli,index,app,secrets}.js         the entry points, sharing chunks (dist/chunk-*.js): one
//                                           copy of the platform, so `tailyard/app` as a plugin
//                                           imports it is the running one (one Hono, one z)
//   dist/src/apps/sql/drivers/sqlite/runner.js, dist/src/platform/plugin-resolve.js
//                                           the SQLite runner (a child process) and the module
//                                           resolve hook (Node's loader thread): own bundles at
//                                           the paths the code names them by
//   dist/static/, views/static/, vendor/    browser bundles, the suite's own static files, and the
//                                           files served from npm packages (views/assets.ts)
//   dist/build-info.json                    version and commit, for `tailyard --version`
//   types/                                  the .d.ts files of the exports
//
// Modules that find files from `import.meta.url` get the URL they would have in dist/ (the
// plugin below), so path logic written for dist/ holds in the bundle unchanged.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire, isBuiltin } from 'node:module';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'release');
const pkgDir = join(out, 'package');
const dist = join(pkgDir, 'dist');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

if (!existsSync(join(root, 'dist', 'build-info.json'))) {
  process.stderr.write('release: dist/ is not built; run `npm run release` (it builds first)\n');
  process.exit(1);
}

/** Native addons and optional packages loaded only when present: never inlined. */
const external = [
  'better-sqlite3', // native: the package's one runtime dependency
  'esbuild', // only when running from TypeScript sources (src/apps/sql/drivers/sqlite/entry.ts)
  'pg-native', // pg's optional native binding, never used by tailyard
  '@aws-sdk/client-kms', // the aws-kms KEK provider's SDK, installed separately (kek-source.ts)
];

/** Packages whose types the exports' .d.ts files import (checked by a plugin's type check). */
const TYPE_PACKAGES = ['hono', 'zod', 'commander', 'pino', 'prom-client', '@types/better-sqlite3'];

/**
 * Replaces `import.meta.url` in tailyard's own modules by the URL the module has in dist/
 * (e.g. dist/src/apps/links/assets.js), relative to the bundle file `outFileDir` holds it.
 */
function distLocation(outFileDir) {
  return {
    name: 'dist-location',
    setup(build) {
      build.onLoad({ filter: /\.tsx?$/ }, (args) => {
        if (args.path.includes(`${sep}node_modules${sep}`)) return undefined;
        const source = readFileSync(args.path, 'utf8');
        if (!source.includes('import.meta.url')) return undefined;
        const inDist = join(dist, relative(root, args.path)).replace(/\.tsx?$/, '.js');
        const rel = relative(outFileDir, inDist).split(sep).join('/');
        const url = `new URL(${JSON.stringify(`./${rel}`)}, import.meta.url).href`;
        return { contents: source.replaceAll('import.meta.url', url), loader: args.path.endsWith('x') ? 'tsx' : 'ts' };
      });
    },
  };
}

const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20.19',
  // jsonc-parser's "main" is a UMD build esbuild cannot follow; its "module" build is plain ESM.
  mainFields: ['module', 'main'],
  external,
  // Inlined CommonJS packages call require() for Node's built-ins: give ESM output one.
  banner: { js: "import { createRequire as __tailyardCreateRequire } from 'node:module'; const require = __tailyardCreateRequire(import.meta.url);" },
  legalComments: 'linked',
  sourcemap: false,
  logLevel: 'warning',
  tsconfig: join(root, 'tsconfig.build.json'),
};

rmSync(out, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });

const main = await esbuild.build({
  ...common,
  entryPoints: {
    cli: join(root, 'src/cli/main.ts'),
    index: join(root, 'src/index.ts'),
    app: join(root, 'src/app/index.ts'),
    secrets: join(root, 'src/apps/secrets/client/index.ts'),
  },
  outdir: dist,
  splitting: true,
  chunkNames: 'chunk-[hash]',
  metafile: true,
  plugins: [distLocation(dist)],
});
for (const [entry, file] of [
  ['src/apps/sql/drivers/sqlite/runner.ts', 'src/apps/sql/drivers/sqlite/runner.js'],
  ['src/platform/plugin-resolve.ts', 'src/platform/plugin-resolve.js'],
]) {
  const outfile = join(dist, file);
  await esbuild.build({ ...common, entryPoints: [join(root, entry)], outfile, plugins: [distLocation(dirname(outfile))] });
}

// What the bundle still imports from packages must be exactly the externals it may import.
const imported = new Set();
for (const o of Object.values(main.metafile.outputs)) for (const i of o.imports) if (i.external && !i.path.startsWith('node:') && !isBuiltin(i.path)) imported.add(i.path);
const unexpected = [...imported].filter((p) => !external.includes(p));
if (unexpected.length) {
  process.stderr.write(`release: the bundle imports packages it does not ship: ${unexpected.join(', ')}\n`);
  process.exit(1);
}

// Static files, the generated build record, and the files served from npm packages.
cpSync(join(root, 'dist', 'static'), join(dist, 'static'), { recursive: true });
cpSync(join(root, 'views', 'static'), join(pkgDir, 'views', 'static'), { recursive: true });
cpSync(join(root, 'dist', 'build-info.json'), join(dist, 'build-info.json'));
const { PACKAGE_FILES } = await import(pathToFileURL(join(root, 'dist', 'views', 'assets.js')).href);
const requireHere = createRequire(join(root, 'package.json'));
for (const spec of Object.values(PACKAGE_FILES)) {
  const dest = join(pkgDir, 'vendor', spec);
  mkdirSync(dirname(dest), { recursive: true });
  cpSync(requireHere.resolve(spec), dest);
}

// Type declarations of the exports: tsc's output, with its relative imports intact.
function copyDeclarations(from, to) {
  for (const e of readdirSync(from, { withFileTypes: true })) {
    const src = join(from, e.name);
    if (e.isDirectory()) copyDeclarations(src, join(to, e.name));
    else if (e.name.endsWith('.d.ts')) {
      mkdirSync(to, { recursive: true });
      cpSync(src, join(to, e.name));
    }
  }
}
copyDeclarations(join(root, 'dist', 'src'), join(pkgDir, 'types', 'src'));
copyDeclarations(join(root, 'dist', 'views'), join(pkgDir, 'types', 'views'));

mkdirSync(join(pkgDir, 'bin'));
writeFileSync(
  join(pkgDir, 'bin', 'tailyard.js'),
  readFileSync(join(root, 'bin', 'tailyard.js'), 'utf8')
    .replace("'../dist/src/cli/main.js'", "'../dist/cli.js'")
    .replace(/^\/\/ The `tailyard` command:.*$/m, '// The `tailyard` command: runs the bundled CLI.'),
  { mode: 0o755 },
);
for (const f of ['README.md', 'CHANGELOG.md', 'LICENSE']) if (existsSync(join(root, f))) cpSync(join(root, f), join(pkgDir, f));

writeFileSync(
  join(pkgDir, 'package.json'),
  `${JSON.stringify(
    {
      name: pkg.name,
      version: pkg.version,
      description: pkg.description,
      license: pkg.license,
      type: 'module',
      engines: pkg.engines,
      bin: pkg.bin,
      exports: {
        '.': { types: './types/src/index.d.ts', default: './dist/index.js' },
        './app': { types: './types/src/app/index.d.ts', default: './dist/app.js' },
        './secrets': { types: './types/src/apps/secrets/client/index.d.ts', default: './dist/secrets.js' },
      },
      dependencies: { 'better-sqlite3': pkg.dependencies['better-sqlite3'] },
      // The .d.ts files name these packages' types; inlined in the bundle, they are not installed.
      // A TypeScript plugin author adds them as dev dependencies (docs/apps.md): optional peers
      // say which versions, and npm installs none of them.
      peerDependencies: Object.fromEntries(TYPE_PACKAGES.map((p) => [p, pkg.dependencies[p]])),
      peerDependenciesMeta: Object.fromEntries(TYPE_PACKAGES.map((p) => [p, { optional: true }])),
    },
    null,
    2,
  )}\n`,
);

const packed = execFileSync('npm', ['pack', '--silent', '--pack-destination', out], { cwd: pkgDir, encoding: 'utf8' }).trim().split('\n').pop();
const tgz = join(out, packed);
const kib = (p) => Math.round(statSync(p).size / 1024);
process.stdout.write(`release: ${relative(root, tgz)} (${kib(tgz)} KiB; dist/cli.js ${kib(join(dist, 'cli.js'))} KiB)\n`);
