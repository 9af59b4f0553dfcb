/**
 * App subcommands (and backup/restore) resolve the configuration as `tailyard serve` does: the
 * data directory of `--config` (or `TAILYARD_CONFIG`) unless `--data` or `--set` says otherwise,
 * with the old `apps.<id>` hosting keys warned about. Runs the compiled bin, as users do.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDataDir } from '../support/platform.js';

const bin = join(import.meta.dirname, '../../bin/tailyard.js');

function run(args: string[], env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env: { ...process.env, TAILYARD_CONFIG: '', TAILYARD_DATA: '', ...env } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('the CLI context', () => {
  const dir = tempDataDir('tailyard-cli-context-');
  const data = join(dir, 'from-config');
  const config = join(dir, 'tailyard.hujson');
  // An old-style hosting key, to see the warning.
  writeFileSync(config, `{ "dataDir": ${JSON.stringify(data)}, "apps": { "links": { "devPort": 9999 } } }`);
  const exportFile = join(dir, 'links.jsonl');
  writeFileSync(exportFile, '{"Short":"docs","Long":"https://docs.example/","Created":"2024-01-01T00:00:00Z","LastEdit":"2024-01-01T00:00:00Z","Owner":"amy@example.com"}\n');

  it('finds the data directory in the config file, for writes and reads', () => {
    const imported = run(['links', 'import', exportFile, '--config', config]);
    expect(imported.err).toContain('apps.links.devPort is deprecated; use serve.links.devPort');
    // What it did goes to stderr, as every CLI success does.
    expect(imported).toMatchObject({ code: 0, out: '' });
    expect(imported.err).toContain('added 1, updated 0, skipped 0, unchanged 0\n');
    expect(existsSync(join(data, 'links.db'))).toBe(true);
    expect(run(['links', 'resolve', 'go/docs/x'], { TAILYARD_CONFIG: config })).toMatchObject({ code: 0, out: 'https://docs.example/x\n' });
  });

  it('lets --data and --set win over the file, as serve does', () => {
    const other = join(dir, 'other');
    expect(run(['links', 'import', exportFile, '--config', config, '--data', other]).code).toBe(0);
    expect(existsSync(join(other, 'links.db'))).toBe(true);
    const third = join(dir, 'third');
    expect(run(['links', 'import', exportFile, '--config', config, '--set', `dataDir=${third}`]).code).toBe(0);
    expect(existsSync(join(third, 'links.db'))).toBe(true);
  });

  it('backs up the data directory the config names', () => {
    const out = join(dir, 'backup');
    const r = run(['backup', out, '--config', config]);
    expect(r.code).toBe(0);
    expect(readdirSync(out)).toContain('links.db');
  });

  it('reports a bad config with exit status 2, naming the field', () => {
    const bad = join(dir, 'bad.hujson');
    writeFileSync(bad, '{ "serve": { "links": { "devPort": "eighty" } } }');
    const r = run(['links', 'resolve', 'go/docs', '--config', bad]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/serve\.links\.devPort: /);
  });

  it('config check warns about each deprecated key', () => {
    const r = run(['config', 'check', config]);
    expect(r.code).toBe(0);
    expect(r.err).toBe('tailyard: warning: apps.links.devPort is deprecated; use serve.links.devPort\n');
  });

  it('idp rotate-key opens the idp data the config names', () => {
    mkdirSync(data, { recursive: true });
    const r = run(['idp', 'rotate-key', '--config', config]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/current signing key: \S+\npublished: /);
    expect(existsSync(join(data, 'idp.key'))).toBe(true);
  });
});
