/**
 * What a user sees from the built `tailyard` command when a config is wrong: every problem at
 * once, each with its file, line and column (or the flag that set it), the key path, what it
 * expects in words and `did you mean` for a misspelt key, syntax errors in words, a database
 * given where a config file belongs named as such, a port another program holds named with the
 * key and flag that move the listener; and exit status 2.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtInApps } from '../../src/suite.js';
import { tempDataDir } from '../support/platform.js';

const bin = join(import.meta.dirname, '../../bin/tailyard.js');

function tailyard(...args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env: { ...process.env, TAILYARD_CONFIG: '' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** Every listener on a free port, so a test's serve never clashes with another's. */
const freePorts = ['--admin-listen', '127.0.0.1:0', ...builtInApps.flatMap((a) => ['--set', `serve.${a.id}.devPort=0`])];

const BAD = `// seven mistakes, one of them a syntax error
{
  "mode": "cloud",
  "dataDir": "./data"
  "admin": { "enabeld": true },
  "apps": {
    "links": { "readOnly": true },
    "linsk": {},
  },
  "serve": { "paste": { "devPort": 70000 } },
  "colour": "blue",
}
`;

describe('tailyard config check', () => {
  it('lists every problem at once, each at its line and column, in words, and exits 2', () => {
    const dir = tempDataDir();
    const file = join(dir, 'bad.hujson');
    writeFileSync(file, BAD);
    const r = tailyard('config', 'check', file);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toBe(
      [
        'tailyard: invalid configuration (7 problems):',
        `  ${file}:3:3: mode: expected one of "dev", "managed", "host", got "cloud"`,
        `  ${file}:5:3: expected a comma between two entries (is one missing at the end of the line before?)`,
        `  ${file}:5:14: admin.enabeld: unknown key; did you mean "enabled"? (known keys here: listen, enabled)`,
        `  ${file}:7:16: apps.links.readOnly: unknown key; did you mean "readonly"?`,
        `  ${file}:8:5: apps.linsk: unknown app; did you mean "links"? (known apps here: links, paste, secrets, sql, idp); an app from outside is loaded with --app FILE or the config's "plugins"`,
        `  ${file}:10:25: serve.paste.devPort: expected a number of at most 65535, got 70000`,
        `  ${file}:11:3: colour: unknown key (known keys here: $schema, mode, dataDir, dev, admin, log, shutdownGraceMs, audit, replicate, tailnet, apps, serve, plugins)`,
        '',
      ].join('\n'),
    );
  });

  it('names a database given for a config file, and what the file should be', () => {
    const dir = tempDataDir();
    const db = join(dir, 'links.db');
    writeFileSync(db, Buffer.concat([Buffer.from('SQLite format 3\0'), Buffer.alloc(512)]));
    const r = tailyard('config', 'check', db);
    expect(r).toMatchObject({ code: 2, out: '' });
    expect(r.err).toBe(`tailyard: config file ${db} is a SQLite database, not a config file: tailyard reads a HuJSON config file (JSON with comments and trailing commas), e.g. { "mode": "dev", "dataDir": "./data" }; \`tailyard config example\` prints one\n`);
  });
});

describe('tailyard serve with a bad config', () => {
  it('names the flag or variable that set a bad value, next to the file\'s problems, before starting anything', () => {
    const dir = tempDataDir();
    const file = join(dir, 'c.hujson');
    writeFileSync(file, '{\n  "log": { "levle": "info" },\n}\n');
    const r = tailyard('serve', '--config', file, '--data', join(dir, 'data'), ...freePorts, '--log-level', 'loud');
    expect(r.code).toBe(2);
    expect(r.err).toBe(
      [
        'tailyard: invalid configuration (2 problems):',
        `  ${file}:2:12: log.levle: unknown key; did you mean "level"? (known keys here: level, format)`,
        '  --log-level: log.level: expected one of "fatal", "error", "warn", "info", "debug", "trace", "silent", got "loud"',
        '',
      ].join('\n'),
    );
  });

  it('--sql-config: says a database is not a tailsql config, and lists a tailsql file\'s problems in words', () => {
    const dir = tempDataDir();
    const db = join(dir, 'app.db');
    writeFileSync(db, Buffer.concat([Buffer.from('SQLite format 3\0'), Buffer.alloc(512)]));
    const asDb = tailyard('serve', '--data', join(dir, 'data'), ...freePorts, '--sql-config', db);
    expect(asDb.code).toBe(2);
    expect(asDb.err).toContain(`tailyard: --sql-config file ${db} is a SQLite database, not a config file: --sql-config expects a tailsql config file (HuJSON), e.g. { "sources": [{ "source": "main", "driver": "sqlite", "url": "file:/srv/app/main.db?mode=ro" }] }; to query a database file, name it in a source's "url" like that\n`);
    expect(asDb.err).not.toMatch(/InvalidSymbol/);

    const tailsql = join(dir, 'tailsql.hujson');
    writeFileSync(tailsql, '{\n  "sources": [{ "source": "main", "driver": "sqlite", "url": "file:x.db" }]\n  "queryTimeout": "5x",\n}\n');
    const bad = tailyard('serve', '--data', join(dir, 'data2'), ...freePorts, '--sql-config', tailsql);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain(
      [
        `tailyard: invalid tailsql config ${tailsql} (2 problems):`,
        `  ${tailsql}:3:3: expected a comma between two entries (is one missing at the end of the line before?)`,
        `  ${tailsql}:3:3: queryTimeout: time: invalid duration "5x"`,
        '',
      ].join('\n'),
    );
  });
});

describe('tailyard serve on a port another program has', () => {
  /** A listener holding a loopback port, closed after `fn`. */
  async function holding(fn: (port: number) => void): Promise<void> {
    const other = createServer();
    await new Promise<void>((r) => other.listen(0, '127.0.0.1', r));
    try {
      fn((other.address() as AddressInfo).port);
    } finally {
      other.close();
    }
  }

  it('names the app, the address, and the key and flag to change; exits 2', async () => {
    await holding((port) => {
      const r = tailyard('serve', '--data', tempDataDir(), ...freePorts, '--set', `serve.links.devPort=${port}`);
      expect(r.code).toBe(2);
      expect(r.err).toContain(`tailyard: app "links" (built in) cannot listen on 127.0.0.1:${port}: the address is in use (another program, or another tailyard, listens there); set serve.links.devPort (or --links-port) to a free port, or stop that program\n`);
    });
  });

  it('names the admin listener and admin.listen (or --admin-listen)', async () => {
    await holding((port) => {
      const r = tailyard('serve', '--data', tempDataDir(), ...freePorts, '--admin-listen', `127.0.0.1:${port}`);
      expect(r.code).toBe(2);
      expect(r.err).toContain(`tailyard: the admin listener (/healthz, /metrics) cannot listen on 127.0.0.1:${port}: the address is in use (another program, or another tailyard, listens there); set admin.listen (or --admin-listen) to a free port, or stop that program\n`);
    });
  });
});
