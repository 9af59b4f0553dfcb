#!/usr/bin/env node
// Checks the packed release as a user gets it: installs release/tailyard-<version>.tgz (written by
// `npm run release`) into an empty directory with `npm install --omit=dev`, counts the packages
// that brought (at most 40: better-sqlite3's own tree is 38), starts the installed `tailyard serve`
// and asks /healthz and each app one real request (the example plugin's too), then measures start
// to ready (spawn to the first /healthz 200) over restarts on the same data. Run by .ci/run; by hand:
//
//   npm run release && node scripts/check-release.mjs [path/to/tailyard-x.y.z.tgz] [--build-addon]
//
// better-sqlite3 cannot download a prebuilt addon here and compiling it takes minutes, so its
// install script is skipped and the addon the repository's `npm ci` compiled is copied in when it
// is the same better-sqlite3 version (else, and with --build-addon, it is built in place).
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median, startServe } from './serve-probe.mjs';

const MAX_PACKAGES = 40;
const RESTARTS = 5;

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const buildAddon = args.includes('--build-addon');
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const tgz = resolve(args.find((a) => !a.startsWith('--')) ?? join(root, 'release', `tailyard-${version}.tgz`));
if (!existsSync(tgz)) fail(`${tgz} does not exist: run \`npm run release\` first`);

function fail(message) {
  process.stderr.write(`check-release: FAILED: ${message}\n`);
  process.exit(1);
}

function npm(cwd, ...argv) {
  return execFileSync('npm', argv, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
}

const work = mkdtempSync(join(tmpdir(), 'tailyard-release-'));
process.on('exit', () => rmSync(work, { recursive: true, force: true }));
const app = join(work, 'install');
mkdirSync(app);
writeFileSync(join(app, 'package.json'), '{ "private": true }\n');

// 1. Install, as the README says, and count what came with it.
npm(app, 'install', '--omit=dev', '--no-audit', '--no-fund', ...(buildAddon ? [] : ['--ignore-scripts']), tgz);
const addon = 'node_modules/better-sqlite3/build/Release/better_sqlite3.node';
if (!buildAddon) {
  const theirs = JSON.parse(readFileSync(join(app, 'node_modules/better-sqlite3/package.json'), 'utf8')).version;
  const ours = existsSync(join(root, addon)) ? JSON.parse(readFileSync(join(root, 'node_modules/better-sqlite3/package.json'), 'utf8')).version : undefined;
  if (theirs === ours) {
    mkdirSync(dirname(join(app, addon)), { recursive: true });
    cpSync(join(root, addon), join(app, addon));
  } else {
    process.stderr.write(`check-release: building better-sqlite3 ${theirs} (the repository has ${ours ?? 'none'})\n`);
    npm(app, 'rebuild', 'better-sqlite3');
  }
}
const installed = npm(app, 'ls', '--all', '--omit=dev', '--parseable').trim().split('\n').slice(1); // the first line is the directory itself
if (installed.length > MAX_PACKAGES) fail(`the release installed ${installed.length} packages (at most ${MAX_PACKAGES}):\n${installed.join('\n')}`);
const direct = JSON.parse(readFileSync(join(app, 'node_modules/tailyard/package.json'), 'utf8')).dependencies;
if (Object.keys(direct).join() !== 'better-sqlite3') fail(`the release depends on ${Object.keys(direct).join(', ')}; only better-sqlite3 may stay a dependency`);

// 2. The installed command: its version, then a first start on new data and one request per app.
const bin = join(app, 'node_modules/tailyard/bin/tailyard.js');
const shown = execFileSync(process.execPath, [bin, '--version'], { encoding: 'utf8' });
if (!shown.startsWith(`${version} (commit `)) fail(`tailyard --version printed ${JSON.stringify(shown)}`);
const dataDir = join(work, 'data');
// The SQL console gets the links database as a source, so its query below runs the SQLite runner;
// the example plugin (examples/notes, not installed with tailyard) imports `tailyard/app`, which
// must be the running bundle's.
cpSync(join(root, 'examples', 'notes'), join(work, 'notes'), { recursive: true, filter: (p) => !p.includes('node_modules') });
const serveArgs = {
  bin,
  dataDir,
  cwd: work,
  args: ['--set', 'apps.sql.appSources=["links"]', '--app', join(work, 'notes', 'notes.mjs'), '--set', 'apps.notes.devPort=0'],
};
const first = await startServe(serveArgs);
try {
  await checkApps(first.urls);
} catch (err) {
  await first.stop();
  fail(`${err.message}\nserve's stderr:\n${first.stderr()}`);
}
await first.stop();

// 3. Start to ready on the data the first start created, as a restart finds it.
const times = [];
for (let i = 0; i < RESTARTS; i++) {
  const s = await startServe(serveArgs);
  times.push(s.readyMs);
  await s.stop();
}

process.stdout.write(
  [
    `check-release: ${tgz}`,
    `  packages installed        ${installed.length} (at most ${MAX_PACKAGES})`,
    `  first start to ready      ${Math.round(first.readyMs)} ms (new data directory: keys created)`,
    `  start to ready, restarts  median ${Math.round(median(times))} ms of ${RESTARTS} (${times.map((t) => Math.round(t)).join(', ')})`,
    '  /healthz and one request per app: ok',
    '',
  ].join('\n'),
);

/** /healthz, then one request per app that reaches its storage, the static files pages link, and the plugin. */
async function checkApps(urls) {
  const expectOk = async (what, url, init) => {
    const res = await fetch(url, init);
    const body = await res.text();
    if (res.status !== 200) throw new Error(`${what}: ${url} answered ${res.status}: ${body.slice(0, 300)}`);
    return { res, body };
  };
  const health = JSON.parse((await expectOk('healthz', `${urls.admin}/healthz`)).body);
  if (health.ready !== true) throw new Error(`/healthz is not ready: ${JSON.stringify(health)}`);

  // links: a new link through golink's API, then its JSON.
  await expectOk('links create', `${urls.links}/`, { method: 'POST', headers: { 'sec-golink': '1' }, body: new URLSearchParams({ short: 'release-check', long: 'https://example.com/' }) });
  const link = JSON.parse((await expectOk('links read', `${urls.links}/.detail/release-check?json`)).body);
  if (link.Long !== 'https://example.com/') throw new Error(`links: unexpected link ${JSON.stringify(link)}`);
  // paste: its page, and every static file it links (htmx and highlight.js come from vendor/).
  const page = (await expectOk('paste page', `${urls.paste}/`)).body;
  const assets = [...page.matchAll(/\/\.tailyard\/static\/[^"?]+/g)].map((m) => m[0]);
  if (!assets.some((a) => a.endsWith('/htmx.min.js')) || !assets.some((a) => a.endsWith('/hljs-dark.css'))) throw new Error(`paste page links ${assets.join(', ')}`);
  for (const a of assets) await expectOk('static file', `${urls.paste}${a}`);
  // secrets: setec's list, as its client asks it.
  const list = await expectOk('secrets list', `${urls.secrets}/api/list`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'sec-x-tailscale-no-browsers': 'setec' },
    body: '{}',
  });
  if (!['null', '[]'].includes(list.body.trim())) throw new Error(`secrets list: ${list.body}`);
  // sql: a query on the links database, run by the SQLite runner (the bundle's second entry point).
  const rows = (await expectOk('sql query', `${urls.sql}/json?src=links&q=${encodeURIComponent('select count(*) as n from links')}`, { headers: { 'sec-tailsql': '1' } })).body;
  if (rows.trim() !== '{"n":1}') throw new Error(`sql: select count(*) from links answered ${rows}`);
  // idp: discovery.
  const discovery = JSON.parse((await expectOk('idp discovery', `${urls.idp}/.well-known/openid-configuration`)).body);
  if (discovery.issuer !== urls.idp) throw new Error(`idp: issuer ${discovery.issuer}, expected ${urls.idp}`);
  // The plugin, hosted through the `tailyard/app` export.
  const notes = (await expectOk('notes plugin page', `${urls.notes}/`)).body;
  if (!notes.includes('<h1>Notes</h1>')) throw new Error(`notes plugin: unexpected page ${notes.slice(0, 300)}`);
}
