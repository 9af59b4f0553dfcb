import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildSettings } from '../../src/cli/settings.js';
import { EXAMPLE_CONFIG } from '../../src/cli/example-config.js';
import { parseHujson, resolveConfig } from '../../src/platform/config.js';
import { builtInApps as allApps } from '../../src/suite.js';
import { configProblem } from '../support/config.js';
import { tempDataDir } from '../support/platform.js';
import { whoamiApp } from '../support/whoami-app.js';

const apps = [whoamiApp];

const problem = (raw: unknown) => configProblem(raw, apps);

describe('config validation', () => {
  it('fills defaults', () => {
    const { platform, apps: resolved } = resolveConfig({}, apps);
    expect(platform.mode).toBe('dev');
    expect(platform.dataDir).toBe('./data');
    expect(platform.admin.listen).toBe('127.0.0.1:8079');
    expect(resolved[0]).toMatchObject({ hostname: 'whoami', devPort: 8090, backendPort: 18090, capName: 'example.com/cap/whoami' });
  });

  it('names the field and the problem', () => {
    expect(problem({ mode: 'cloud' })).toMatch(/mode: .*"dev"/);
    expect(problem({ admin: { listen: 'localhost' } })).toMatch(/admin\.listen: expected "host:port"/);
    expect(problem({ shutdownGraceMs: 'soon' })).toMatch(/shutdownGraceMs: .*number/);
    expect(problem({ apps: { whoami: { greeting: 3 } } })).toMatch(/apps\.whoami\.greeting: .*string/);
    expect(problem({ apps: { whoami: { devPort: 70000 } } })).toMatch(/apps\.whoami\.devPort: /);
    expect(problem({ apps: { whoami: { hostname: 'Go Links' } } })).toMatch(/apps\.whoami\.hostname: must be a DNS label/);
    expect(problem({ apps: { nope: {} } })).toMatch(/apps\.nope: unknown app/);
    expect(problem({ tailnet: { advertiseTags: ['ci'] } })).toMatch(/tailnet\.advertiseTags\[0\]: tags look like/);
    expect(problem({ colour: 'blue' })).toMatch(/colour: unknown key \(known keys here: \$schema, mode, dataDir,/);
  });

  it('says in words what each key expects and what it got, echoing only values that cannot be secrets', () => {
    expect(problem({ mode: 'cloud' })).toContain('mode: expected one of "dev", "managed", "host", got "cloud"');
    expect(problem({ shutdownGraceMs: 'soon' })).toContain('shutdownGraceMs: expected a number, got a string');
    expect(problem({ admin: { enabled: 'yes' } })).toContain('admin.enabled: expected true or false, got a string');
    expect(problem({ tailnet: { goGC: 'on' } })).toContain('tailnet.goGC: expected a number or "off", got "on"');
    expect(problem({ tailnet: { controlURL: 'nope' } })).toContain('tailnet.controlURL: expected a URL, e.g. "https://example.com", got a string');
    expect(problem({ tailnet: { authKey: '' } })).toContain('tailnet.authKey: expected a non-empty string, got an empty string');
    expect(problem({ tailnet: { authKey: 42 } })).toContain('tailnet.authKey: expected a string in double quotes, got 42');
    expect(problem({ apps: { whoami: { devPort: 70000 } } })).toContain('apps.whoami.devPort: expected a number of at most 65535, got 70000');
    expect(problem({ plugins: 'x.mjs' })).toContain('plugins: expected a list ([ … ]), got a string');
  });

  it('suggests the key or app meant, among those known at that level', () => {
    expect(problem({ admin: { enabeld: true } })).toContain('admin.enabeld: unknown key; did you mean "enabled"? (known keys here: listen, enabled)');
    expect(problem({ serve: { whoami: { funnle: true } } })).toContain('serve.whoami.funnle: unknown key; did you mean "funnel"?');
    // apps.<id> still takes the serve keys' old spellings, so they are candidates there too.
    expect(problem({ apps: { whoami: { devprot: 1 } } })).toContain('apps.whoami.devprot: unknown key; did you mean "devPort"?');
    expect(problem({ apps: { whoamy: {} } })).toContain('apps.whoamy: unknown app; did you mean "whoami"? (known apps here: whoami)');
  });

  it('lists every problem at once: a bad platform key does not hide the apps\' problems', () => {
    const message = problem({ mode: 'cloud', log: { level: 'loud' }, apps: { whoami: { greeting: 3 } }, serve: { whoami: { devPort: -1 } }, colour: 1 });
    for (const path of ['mode', 'log.level', 'colour', 'apps.whoami.greeting', 'serve.whoami.devPort']) expect(message).toContain(`\n  ${path}: `);
  });

  it('reports HuJSON syntax errors in words with line and column', () => {
    expect(() => parseHujson('{\n  "mode": "dev",\n  "dataDir": \n}', 'x.hujson')).toThrow(/x\.hujson:4:1: expected a value after the colon/);
  });

  it('accepts comments and trailing commas', () => {
    expect(parseHujson('// hi\n{ "mode": "dev", /* c */ "dataDir": "d", }')).toEqual({ mode: 'dev', dataDir: 'd' });
  });

  it('the printed example is valid', () => {
    expect(() => resolveConfig(parseHujson(EXAMPLE_CONFIG), allApps)).not.toThrow();
  });
});

describe('the audit section', () => {
  it('keeps 1 GiB per app by default, in 16 segments', () => {
    expect(resolveConfig({}, apps)).toMatchObject({ audit: { segmentBytes: 64 << 20, keepSegments: 16, replicated: false }, deprecations: [] });
    expect(resolveConfig({ audit: { keepBytes: 16 << 20, keepEntries: 1600 } }, apps).audit).toEqual({ segmentBytes: 1 << 20, segmentEntries: 100, keepSegments: 16, replicated: false });
  });

  it('keeps the keys of the JSON Lines files working, with a warning naming the new key', () => {
    const r = resolveConfig({ audit: { maxFileBytes: 8192, keepFiles: 3 } }, apps);
    expect(r.audit).toEqual({ segmentBytes: 8192, keepSegments: 3, replicated: false });
    expect(r.deprecations).toEqual([
      'audit.maxFileBytes and audit.keepFiles are deprecated: the audit log is kept in <app>.audit.db now; use audit.keepBytes (24576 bytes as configured). They still apply as before.',
    ]);
  });
});

describe('the replicate section', () => {
  it('is off unless a url is set, and takes Litestream\'s defaults', () => {
    expect(resolveConfig({}, apps).platform.replicate).toBeUndefined();
    const r = resolveConfig({ replicate: { url: 'file:///backups/tailyard' } }, apps);
    expect(r.platform.replicate).toEqual({
      url: 'file:///backups/tailyard',
      litestream: 'litestream',
      monitorIntervalMs: 1000,
      syncIntervalMs: 1000,
      snapshotIntervalSeconds: 86400,
      retentionSeconds: 86400,
      l0RetentionSeconds: 300,
    });
    expect(r.audit.replicated).toBe(true);
  });

  it('refuses URLs Litestream cannot use, and credentials in one', () => {
    expect(problem({ replicate: { url: 'ftp://host/x' } })).toMatch(/replicate\.url: Litestream cannot replicate to "ftp:" URLs/);
    expect(problem({ replicate: { url: 'backups' } })).toMatch(/replicate\.url: expected a replica URL/);
    expect(problem({ replicate: { url: 'file://backups/x' } })).toMatch(/replicate\.url: a file replica is an absolute directory/);
    expect(problem({ replicate: { url: 's3:///prefix' } })).toMatch(/replicate\.url: a s3 replica names its bucket/);
    expect(problem({ replicate: { url: 'sftp://me:hunter2@host/x' } })).toMatch(/replicate\.url: credentials do not belong in the URL/);
    expect(problem({ replicate: { url: 's3://b/p', endpoint: 'not a url' } })).toMatch(/replicate\.endpoint/);
    expect(problem({ replicate: { url: 's3://b/p', l0RetentionSeconds: 0 } })).toMatch(/replicate\.l0RetentionSeconds/);
    expect(problem({ replicate: { url: 's3://b/p', accessKey: 'x' } })).toMatch(/accessKey|Unrecognized key/);
  });
});

describe('settings precedence: file < environment < flags', () => {
  it('layers the sources and converts typed flags', () => {
    const dir = tempDataDir();
    const file = join(dir, 'c.hujson');
    writeFileSync(file, '{ "dataDir": "from-file", "dev": { "login": "file@x" }, "apps": { "whoami": { "greeting": "file" } } }');
    const env = { TAILYARD_DEV_LOGIN: 'env@x', TAILYARD__APPS__WHOAMI__GREETING: 'env', TAILYARD_WHOAMI_PORT: '9001', TS_AUTHKEY: 'tskey-env' };
    const s = buildSettings({ config: file, data: 'from-flag', set: ['log.level=warn', 'apps.whoami.funnel=true'] }, env, apps);
    const { platform, apps: resolved } = resolveConfig(s, apps);
    expect(platform.dataDir).toBe('from-flag');
    expect(platform.dev.login).toBe('env@x');
    expect(platform.log.level).toBe('warn');
    expect(platform.tailnet.authKey).toBe('tskey-env');
    expect(resolved[0]).toMatchObject({ devPort: 9001, funnel: true, config: { greeting: 'env' } });
    const flagged = buildSettings({ devLogin: 'flag@x', whoamiPort: '9002' }, env, apps);
    expect(resolveConfig(flagged, apps).platform.dev.login).toBe('flag@x');
    expect(resolveConfig(flagged, apps).apps[0]?.devPort).toBe(9002);
  });

  it('maps TAILYARD__ environment paths onto schema keys whatever their case', () => {
    const s = buildSettings({}, { TAILYARD__TAILNET__CONTROL_URL: 'http://127.0.0.1:9', TAILYARD__APPS__WHOAMI__DEV_PORT: '9003', TAILYARD__SHUTDOWN_GRACE_MS: '5' }, apps);
    const { platform, apps: resolved } = resolveConfig(s, apps);
    expect(platform.tailnet.controlURL).toBe('http://127.0.0.1:9');
    expect(platform.shutdownGraceMs).toBe(5);
    expect(resolved[0]?.devPort).toBe(9003);
  });

  it('rejects a malformed typed flag with its name', () => {
    expect(() => buildSettings({}, { TAILYARD_WHOAMI_PORT: 'eighty' }, apps)).toThrow(/--whoami-port \/ TAILYARD_WHOAMI_PORT: expected a number/);
    expect(() => buildSettings({ set: ['novalue'] }, {}, apps)).toThrow(/expected key=value/);
  });
});

describe('a config file that is not an object', () => {
  it('lists its syntax errors in words, or says it must be an object', () => {
    const dir = tempDataDir();
    writeFileSync(join(dir, 'words.hujson'), 'mode = dev\n');
    expect(() => buildSettings({ config: join(dir, 'words.hujson') }, {}, apps)).toThrow(/words\.hujson: \d+ syntax errors?:\n {2}.*words\.hujson:1:1: unexpected text: expected a value/);
    writeFileSync(join(dir, 'list.hujson'), '["dev"]\n');
    expect(() => buildSettings({ config: join(dir, 'list.hujson') }, {}, apps)).toThrow(/list\.hujson: the config must be a JSON object/);
  });
});
