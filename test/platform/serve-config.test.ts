/**
 * How apps are hosted: `serve.<id>`, apart from the app's own `apps.<id>`. Configs written before
 * the split keep working, each old key moved with one deprecation warning naming the new one;
 * flags and environment set the new place; the SQL console keeps tailsql's `hostname` as its own
 * key and takes it as the default of `serve.sql.hostname`.
 */
import { describe, expect, it } from 'vitest';
import { sqlApp } from '../../src/apps/sql/index.js';
import { EXAMPLE_CONFIG } from '../../src/cli/example-config.js';
import { buildSettings } from '../../src/cli/settings.js';
import type { AppDefinition } from '../../src/platform/app.js';
import { parseHujson, resolveConfig } from '../../src/platform/config.js';
import { createLogger } from '../../src/platform/logging.js';
import { startPlatform } from '../../src/platform/platform.js';
import { builtInApps } from '../../src/suite.js';
import { configProblem } from '../support/config.js';
import { tempDataDir } from '../support/platform.js';
import { whoamiApp } from '../support/whoami-app.js';

const apps = [whoamiApp as AppDefinition, sqlApp as AppDefinition];
const whoami = (raw: unknown) => {
  const r = resolveConfig(raw, apps);
  return { app: r.known.find((a) => a.def.id === 'whoami'), deprecations: r.deprecations };
};
const problem = (raw: unknown) => configProblem(raw, apps);

describe('serve.<id>', () => {
  it('hosts the app as it says, and leaves apps.<id> to the app', () => {
    const { app, deprecations } = whoami({
      serve: { whoami: { hostname: 'me', devPort: 9100, funnel: true, capName: 'example.com/cap/me', extraHosts: ['me.example'] } },
      apps: { whoami: { greeting: 'hi' } },
    });
    expect(app).toMatchObject({ hostname: 'me', devPort: 9100, hostPort: 9100, backendPort: 19100, funnel: true, capName: 'example.com/cap/me', extraHosts: ['me.example'], config: { greeting: 'hi' } });
    expect(deprecations).toEqual([]);
  });

  it('keeps a disabled app known (its section is still checked) but does not start it', () => {
    const r = resolveConfig({ serve: { whoami: { enabled: false } } }, apps);
    expect(r.apps.map((a) => a.def.id)).toEqual(['sql']);
    expect(r.known.map((a) => [a.def.id, a.enabled])).toEqual([
      ['whoami', false],
      ['sql', true],
    ]);
  });

  it('is where the printed example keeps hosting (it uses no deprecated key)', () => {
    const r = resolveConfig(parseHujson(EXAMPLE_CONFIG), builtInApps);
    expect(r.deprecations).toEqual([]);
    expect(r.apps.map((a) => [a.def.id, a.hostname, a.devPort])).toEqual([
      ['links', 'go', 8080],
      ['paste', 'paste', 8081],
      ['secrets', 'setec', 8082],
      ['sql', 'tailsql', 8083],
      ['idp', 'idp', 8084],
    ]);
  });

  it('names bad and unknown keys under serve', () => {
    expect(problem({ serve: { whoami: { devPort: 'eighty' } } })).toMatch(/serve\.whoami\.devPort: /);
    expect(problem({ serve: { whoami: { greeting: 'hi' } } })).toContain("serve.whoami.greeting: not a serve key: it is one of the app's own keys; move it to apps.whoami.greeting");
    expect(problem({ serve: { whoami: { funnle: true } } })).toContain('serve.whoami.funnle: unknown key; did you mean "funnel"?');
    expect(problem({ serve: { nope: {} } })).toMatch(/serve\.nope: unknown app/);
  });
});

describe('the old place, apps.<id>', () => {
  it('still works, with one warning per key naming the new one', () => {
    const { app, deprecations } = whoami({ apps: { whoami: { devPort: 9200, hostname: 'old', greeting: 'yo' } } });
    expect(app).toMatchObject({ devPort: 9200, hostname: 'old', config: { greeting: 'yo' } });
    expect(deprecations).toEqual(['apps.whoami.devPort is deprecated; use serve.whoami.devPort', 'apps.whoami.hostname is deprecated; use serve.whoami.hostname']);
  });

  it('loses to serve when both are set, and the warning says so', () => {
    const { app, deprecations } = whoami({ apps: { whoami: { devPort: 9200 } }, serve: { whoami: { devPort: 9300 } } });
    expect(app?.devPort).toBe(9300);
    expect(deprecations).toEqual(['apps.whoami.devPort is deprecated and ignored: serve.whoami.devPort is set too and wins']);
  });

  it('names a bad value where it was written', () => {
    expect(problem({ apps: { whoami: { devPort: 70000 } } })).toMatch(/apps\.whoami\.devPort: /);
    expect(problem({ apps: { whoami: { extraHosts: ['http://x/'] } } })).toMatch(/apps\.whoami\.extraHosts\[0\]: expected a host name/);
  });

  it('is logged once per key when the platform starts', async () => {
    const lines: string[] = [];
    const log = createLogger('warn', { write: (line: string) => void lines.push(line) });
    const p = await startPlatform({
      config: { dataDir: tempDataDir(), admin: { enabled: false }, apps: { whoami: { devPort: 0, funnel: false } } },
      apps: [whoamiApp as AppDefinition],
      log,
      defaultMetrics: false,
    });
    await p.close();
    const warnings = lines.map((l) => JSON.parse(l) as { level: number; msg: string }).filter((l) => l.level === 40);
    expect(warnings.map((w) => w.msg)).toEqual(['apps.whoami.devPort is deprecated; use serve.whoami.devPort', 'apps.whoami.funnel is deprecated; use serve.whoami.funnel']);
  });
});

describe('flags and environment', () => {
  it('--<app>-port and TAILYARD_<APP>_PORT set serve.<id>.devPort', () => {
    expect(buildSettings({ whoamiPort: '9400' }, {}, apps)).toMatchObject({ serve: { whoami: { devPort: 9400 } } });
    expect(buildSettings({}, { TAILYARD_WHOAMI_PORT: '9401' }, apps)).toMatchObject({ serve: { whoami: { devPort: 9401 } } });
    const s = buildSettings({}, { TAILYARD__SERVE__WHOAMI__EXTRA_HOSTS: '["a.example"]', TAILYARD__APPS__WHOAMI__GREETING: 'env' }, apps);
    expect(whoami(s).app).toMatchObject({ extraHosts: ['a.example'], config: { greeting: 'env' } });
  });
});

describe("the SQL console's hostname (tailsql's key)", () => {
  const sql = (raw: unknown) => resolveConfig(raw, apps).known.find((a) => a.def.id === 'sql');

  it('is the console’s own key and the default of serve.sql.hostname, without a warning', () => {
    const r = resolveConfig({ apps: { sql: { hostname: 'tailsql-prod' } } }, apps);
    expect(r.deprecations).toEqual([]);
    const app = r.known.find((a) => a.def.id === 'sql');
    expect(app?.hostname).toBe('tailsql-prod');
    expect(app?.config).toMatchObject({ hostname: 'tailsql-prod' });
  });

  it('yields to serve.sql.hostname, and must be a DNS label to name the node', () => {
    expect(sql({ apps: { sql: { hostname: 'tailsql-prod' } }, serve: { sql: { hostname: 'db' } } })?.hostname).toBe('db');
    expect(sql({})?.hostname).toBe('tailsql');
    expect(problem({ apps: { sql: { hostname: 'Tail SQL' } } })).toMatch(/apps\.sql\.hostname: must be a DNS label/);
  });
});
