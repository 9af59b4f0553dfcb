/**
 * Apps that plug in from outside, through the compiled `tailyard` command as users run it (the
 * bin, built by `npm test`), in dev mode: a plugin named with `--app` (relative to the working
 * directory) from a folder without node_modules, and one named in the config's `plugins`
 * (relative to the config file) that brings its own hono and zod. Each gets what a built-in app
 * gets: a listener, the caller's identity, its database and audit log, its config section and
 * flags, its errors rendered by the platform, `/healthz`, CLI subcommands and `config check`.
 * Then every way a plugin can be unfit exits 2 naming its file.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAuditEntries } from '../../src/platform/audit.js';
import { tailyardVersion } from '../../src/platform/package.js';
import { BIN, type ServeChild, startServe } from '../faults/serve-child.js';
import { tempDataDir } from '../support/platform.js';
import { type PluginFolders, pluginFolders } from '../support/plugins.js';

const BUILT_IN = ['links', 'paste', 'secrets', 'sql', 'idp'];

/** Runs the command to its end (bounded: a serve that wrongly starts is killed and fails the test). */
function tailyard(args: string[], o: { cwd: string; env?: NodeJS.ProcessEnv }) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: o.cwd, encoding: 'utf8', timeout: 30_000, env: { ...process.env, TAILYARD_CONFIG: '', TAILYARD_DATA: '', ...o.env } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

let folders: PluginFolders;
beforeAll(() => {
  folders = pluginFolders();
});
afterAll(() => folders?.remove());

describe('a plugin named with --app, from a folder without node_modules', () => {
  let s: ServeChild;
  beforeAll(async () => {
    s = await startServe({ cwd: folders.root, args: ['--app', './bare/hello.mjs', '--hello-port', '0', '--hello-greeting', 'hey'], env: { TAILYARD_DEV_LOGIN: 'carol@example.com' } });
  });
  afterAll(() => s?.stop());

  it('is served next to the built-in apps and sees the caller', async () => {
    expect(Object.keys(s.urls)).toEqual([...BUILT_IN, 'hello', 'admin']);
    expect(await (await fetch(`${s.urls.hello}/`)).text()).toBe('hey, carol@example.com\n');
    const who = await (await fetch(`${s.urls.hello}/whoami`)).json();
    expect(who).toEqual({ app: 'hello', login: 'carol@example.com', nodeName: 'localhost', caps: [{ greet: true }], mode: 'dev', hostname: expect.any(String) });
  });

  it('keeps its data in its own database and audit log', async () => {
    const res = await fetch(`${s.urls.hello}/greetings`, { method: 'POST', body: new URLSearchParams({ text: 'good morning' }) });
    expect([res.status, await res.text()]).toEqual([201, 'greeting 1\n']);
    const entries = readAuditEntries(join(s.dataDir, 'hello.audit.db'));
    expect(entries).toEqual([expect.objectContaining({ seq: 1, action: 'greeting.create', id: 1, by: 'carol@example.com' })]);
  });

  it("renders its mapped errors and hides unexpected ones, as the platform does for every app", async () => {
    const long = await fetch(`${s.urls.hello}/greetings`, { method: 'POST', headers: { Accept: 'application/json' }, body: new URLSearchParams({ text: 'x'.repeat(41) }) });
    expect([long.status, await long.json()]).toEqual([422, { error: 'too_long', message: 'a greeting is at most 40 characters', hint: 'say less' }]);
    const boom = await fetch(`${s.urls.hello}/boom`);
    expect([boom.status, await boom.text()]).toEqual([500, 'internal error\n']);
    await s.waitForLog((l) => l.app === 'hello' && l.msg === 'unhandled error');
  });

  it('reports its own readiness on /healthz', async () => {
    const health = (await (await fetch(`${s.urls.admin}/healthz`)).json()) as { apps: Record<string, unknown> };
    expect(health.apps.hello).toMatchObject({ ready: true, app: { ready: true, detail: 'greeting ready' } });
  });

  it('has its subcommand, reading the same data directory', () => {
    const r = tailyard(['hello', 'count', '--app', './bare/hello.mjs', '--data', s.dataDir], { cwd: folders.root });
    expect(r).toMatchObject({ code: 0, out: '1 greetings (greeting "hello")\n' });
  });

  it('has its audit log verified when named before the command', () => {
    const r = tailyard(['--app', './bare/hello.mjs', 'audit', 'verify', '--app', 'hello', '--data', s.dataDir], { cwd: folders.root });
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^hello: .*hello\.audit\.db: ok, 1 entries/m);
  });
});

describe('a plugin named in the config file, with its own hono and zod', () => {
  let s: ServeChild;
  let config: string;
  beforeAll(async () => {
    config = join(folders.root, 'tailyard.hujson');
    writeFileSync(config, `{\n  // relative to this file\n  "plugins": ["./own/echo.mjs"],\n  "serve": { "echo": { "devPort": 0 } },\n  "apps": { "echo": { "maxLength": 8 } },\n}\n`);
    // Started from another folder: the plugin path is the config file's, not the working directory's.
    s = await startServe({ cwd: tempDataDir(), args: ['--config', config, '--echo-shout'], env: { TAILYARD_DEV_LOGIN: 'dave@example.com' } });
  });
  afterAll(() => s?.stop());

  it('is served with its config section and flag', async () => {
    expect(s.urls.echo).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(await (await fetch(`${s.urls.echo}/echo/hi`)).text()).toBe('HI (from dave@example.com)\n');
  });

  it("hands errors thrown in another hono copy's routes to the platform's renderer", async () => {
    const json = await fetch(`${s.urls.echo}/echo/abcdefghij`, { headers: { Accept: 'application/json' } });
    expect([json.status, await json.json()]).toEqual([409, { error: 'refused', message: '"abcdefghij" is longer than 8' }]);
    const page = await fetch(`${s.urls.echo}/echo/abcdefghij`, { headers: { Accept: 'text/html' } });
    expect(page.status).toBe(409);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await page.text()).toContain('is longer than 8');
    const boom = await fetch(`${s.urls.echo}/boom`);
    expect([boom.status, await boom.text()]).toEqual([500, 'internal error\n']);
  });

  it("reads its config through another zod copy's schema: env overrides find its keys", () => {
    // TAILYARD__APPS__ECHO__MAX_LENGTH only reaches `maxLength` if the platform can read the schema's keys.
    const r = tailyard(['config', 'check', config], { cwd: folders.root, env: {} });
    expect(r).toMatchObject({ code: 0, out: `${config}: ok\n` });
    const bad = tailyard(['serve', '--config', config, '--data', tempDataDir()], { cwd: folders.root, env: { TAILYARD__APPS__ECHO__MAX_LENGTH: 'long' } });
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('TAILYARD__APPS__ECHO__MAX_LENGTH: apps.echo.maxLength: expected a number, got a string');
  });

  it('lists its flags in serve --help, and config check validates its section', () => {
    expect(tailyard(['serve', '--help', '--config', config], { cwd: folders.root }).out).toMatch(/--echo-shout\s+answer in capitals \(env\s+TAILYARD_ECHO_SHOUT\)/);
    const badConfig = join(folders.root, 'bad.hujson');
    writeFileSync(badConfig, '{ "plugins": ["./own/echo.mjs"], "apps": { "echo": { "maxLength": -1, "colour": "red" } } }');
    const r = tailyard(['config', 'check', badConfig], { cwd: tempDataDir() });
    expect(r.code).toBe(2);
    expect(r.err).toContain('bad.hujson:1:54: apps.echo.maxLength: expected a number greater than 0, got -1');
    expect(r.err).toContain('bad.hujson:1:71: apps.echo.colour: unknown key (known keys here: maxLength, shout, enabled,');
  });
});

describe('the CLI with plugins', () => {
  it('lists a plugin subcommand in the top-level help when the plugin comes first', () => {
    const r = tailyard(['--app', './bare/hello.mjs', '--help'], { cwd: folders.root });
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^\s+hello\s+the hello plugin$/m);
    expect(tailyard(['--help'], { cwd: folders.root }).out).not.toMatch(/^\s+hello\s/m);
  });

  it('says how to load an app whose config section it finds without the plugin', () => {
    const file = join(folders.root, 'no-plugin.hujson');
    writeFileSync(file, '{ "apps": { "hello": { "greeting": "hi" } } }');
    const r = tailyard(['config', 'check', file], { cwd: folders.root });
    expect(r.code).toBe(2);
    expect(r.err).toContain(`no-plugin.hujson:1:13: apps.hello: unknown app (known apps here: ${BUILT_IN.join(', ')}); an app from outside is loaded with --app FILE or the config's "plugins"`);
    expect(tailyard(['config', 'check', file, '--app', './bare/hello.mjs'], { cwd: folders.root })).toMatchObject({ code: 0 });
  });

  it('refuses plugins set with --set or the environment: they are loaded before those are read', () => {
    const r = tailyard(['serve', '--data', tempDataDir(), '--set', 'plugins=["./bare/hello.mjs"]'], { cwd: folders.root });
    expect(r).toMatchObject({ code: 2, err: 'tailyard: plugins: name them in the config file or with --app FILE, not with --set or the environment\n' });
  });
});

describe('an unfit plugin exits 2 with a message naming its file', () => {
  const base = `apiVersion: 1, title: 'Bad', defaultHostname: 'bad', defaultDevPort: 0, defaultCapName: 'example.com/cap/bad', fullAccessCaps: [{}], configSchema: z.object({}), migrations: [], create: () => new Hono()`;
  const plugin = (name: string, source: string) => {
    const file = join(folders.root, 'bad', name);
    writeFileSync(file, source);
    return file;
  };
  beforeAll(() => {
    spawnSync('mkdir', ['-p', join(folders.root, 'bad')]);
  });

  /** `serve --app FILE` on a fresh data directory, with the built-in apps off their default ports. */
  function serveWith(file: string, ...extra: string[]) {
    return tailyard(['serve', '--data', tempDataDir(), '--admin-listen', '127.0.0.1:0', ...BUILT_IN.flatMap((id) => ['--set', `serve.${id}.devPort=0`]), '--app', file, ...extra], { cwd: folders.root });
  }

  const cases: Array<[what: string, name: string, source: string, message: (file: string) => string]> = [
    ['no such file', 'missing.mjs', '', (f) => `plugin ${f}: no such file`],
    ['no default export', 'no-default.mjs', `export const app = {};\n`, (f) => `plugin ${f} has no default export: end it with \`export default defineApp({ apiVersion: 1, … })\``],
    ['throws on import', 'throws.mjs', `throw new Error('the plugin is broken');\n`, (f) => `plugin ${f} failed to load: Error: the plugin is broken`],
    ['a missing import', 'missing-import.mjs', `import 'no-such-package';\n`, (f) => `plugin ${f} failed to load: Error: Cannot find package 'no-such-package'`],
    ['not an app definition', 'function.mjs', `export default function app() {}\n`, (f) => `plugin ${f}: its default export is not an app definition (got function)`],
    ['no apiVersion', 'no-api.mjs', `import { Hono, z } from 'tailyard/app';\nexport default { id: 'bad', ${base.replace('apiVersion: 1, ', '')} };\n`, (f) => `app "bad" (${f}) asks for app API version (none: apiVersion is missing); this tailyard (${tailyardVersion()}) supports version 1`],
    ['an unknown apiVersion', 'api2.mjs', `import { Hono, z } from 'tailyard/app';\nexport default { id: 'bad', ${base.replace('apiVersion: 1', 'apiVersion: 2')} };\n`, (f) => `app "bad" (${f}) asks for app API version 2; this tailyard (${tailyardVersion()}) supports version 1`],
    ['a field of the wrong kind', 'bad-fields.mjs', `import { Hono, z } from 'tailyard/app';\nexport default { id: 'bad', ${base.replace("defaultHostname: 'bad'", "defaultHostname: 'Bad Host'").replace('create: () => new Hono()', 'create: new Hono()')} };\n`, (f) => `plugin ${f}: not a valid app definition:\n  defaultHostname: must be a DNS label (a-z, 0-9, -)\n  create: expected a function create(ctx) returning a Hono app`],
    ['an id a built-in app has', 'links.mjs', `import { Hono, z } from 'tailyard/app';\nexport default { id: 'links', ${base} };\n`, (f) => `plugin ${f}: app id "links" is already taken by an app built into tailyard; give this one another id`],
  ];
  for (const [what, name, source, message] of cases) {
    it(what, () => {
      const file = join(folders.root, 'bad', name);
      if (source) plugin(name, source);
      const r = serveWith(file);
      expect(r.code, r.err).toBe(2);
      expect(r.err).toContain(`tailyard: ${message(file)}`);
    });
  }

  it('before any command too: plugins load first', () => {
    const file = plugin('throws-early.mjs', `throw new Error('the plugin is broken');\n`);
    expect(tailyard(['--app', file, '--version'], { cwd: folders.root })).toMatchObject({ code: 2, err: expect.stringContaining(`plugin ${file} failed to load`) });
  });

  it('a flag that does not carry the app id', () => {
    const file = plugin('flag.mjs', `import { Hono, z } from 'tailyard/app';\nexport default { id: 'bad', ${base}, flags: [{ flag: 'data', key: 'x', description: '', kind: 'string' }] };\n`);
    expect(serveWith(file)).toMatchObject({ code: 2, err: `tailyard: plugin ${file}: not a valid app definition:\n  flags.0.flag: "data" must start with "bad-" (every flag of an app carries its id)\n` });
  });

  it('an id another plugin has', () => {
    const first = plugin('one.mjs', `import { Hono, z } from 'tailyard/app';\nexport default { id: 'twin', ${base} };\n`);
    const second = plugin('two.mjs', `import { Hono, z } from 'tailyard/app';\nexport default { id: 'twin', ${base} };\n`);
    const r = serveWith(first, '--app', second);
    expect(r).toMatchObject({ code: 2, err: `tailyard: plugin ${second}: app id "twin" is already taken by an app from ${first}; give this one another id\n` });
  });

  it('subcommands that another command has', () => {
    const file = plugin('cli.mjs', `import { Hono, z } from 'tailyard/app';\nexport default { id: 'bad', ${base}, registerCli: (program) => program.command('serve') };\n`);
    const r = tailyard(['--app', file, '--help'], { cwd: folders.root });
    expect(r).toMatchObject({ code: 2, err: expect.stringContaining(`tailyard: plugin ${file}: registerCli failed: cannot add command 'serve' as already have command 'serve'`) });
  });

  it("a dev port another app has", () => {
    const file = plugin('port.mjs', `import { Hono, z } from 'tailyard/app';\nexport default { id: 'bad', ${base.replace('defaultDevPort: 0', 'defaultDevPort: 8080')} };\n`);
    const r = tailyard(['serve', '--data', tempDataDir(), '--admin-listen', '127.0.0.1:0', '--app', file], { cwd: folders.root });
    expect(r).toMatchObject({
      code: 2,
      err: `tailyard: invalid configuration (1 problem):\n  app "bad" (${file}) wants dev port 8080 on 127.0.0.1, which app "links" (built in) already has; set serve.bad.devPort (or --bad-port) to a free port\n`,
    });
    const config = join(folders.root, 'bad', 'port.hujson');
    writeFileSync(config, JSON.stringify({ plugins: ['./port.mjs'] }));
    expect(tailyard(['config', 'check', config], { cwd: folders.root })).toMatchObject({ code: 2, err: expect.stringContaining(`app "bad" (${file}) wants dev port 8080`) });
  });

  it('a dev port another program listens on', async () => {
    const file = plugin('busy.mjs', `import { Hono, z } from 'tailyard/app';\nexport default { id: 'busy', ${base} };\n`);
    const other: Server = createServer();
    await new Promise<void>((r) => other.listen(0, '127.0.0.1', r));
    const port = (other.address() as { port: number }).port;
    try {
      const r = serveWith(file, '--busy-port', String(port));
      expect(r.code).toBe(2);
      expect(r.err).toContain(`tailyard: app "busy" (${file}) cannot listen on 127.0.0.1:${port}: the address is in use (another program, or another tailyard, listens there); set serve.busy.devPort (or --busy-port) to a free port, or stop that program`);
    } finally {
      other.close();
    }
  });
});
