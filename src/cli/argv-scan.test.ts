import { describe, expect, it } from 'vitest';
import { scanArgv } from './argv-scan.js';

describe('scanArgv', () => {
  it('finds --app files (repeatable, before or after the command) and the config file', () => {
    expect(scanArgv(['--app', 'a.mjs', 'serve', '--app=./b.mjs', '-c', 'one.hujson', '--config=two.hujson'], {})).toEqual({ appFiles: ['a.mjs', './b.mjs'], configFile: 'two.hujson' });
    expect(scanArgv(['serve', '-cty.hujson'], {})).toEqual({ appFiles: [], configFile: 'ty.hujson' });
  });

  it('falls back to TAILYARD_CONFIG, and an empty one is none', () => {
    expect(scanArgv(['serve'], { TAILYARD_CONFIG: '/etc/ty.hujson' }).configFile).toBe('/etc/ty.hujson');
    expect(scanArgv(['serve', '--config', 'mine.hujson'], { TAILYARD_CONFIG: '/etc/ty.hujson' }).configFile).toBe('mine.hujson');
    expect(scanArgv(['serve'], { TAILYARD_CONFIG: '' }).configFile).toBeUndefined();
  });

  it("reads config check's file argument", () => {
    expect(scanArgv(['config', 'check', 'ty.hujson', '--app', 'n.mjs'], { TAILYARD_CONFIG: 'other' })).toEqual({ configFile: 'ty.hujson', appFiles: ['n.mjs'] });
    expect(scanArgv(['config', 'check'], { TAILYARD_CONFIG: 'env.hujson' }).configFile).toBe('env.hujson');
  });

  it("leaves audit verify's --app (an app id) alone, but not a plugin named before the command", () => {
    expect(scanArgv(['--app', 'n.mjs', 'audit', 'verify', '--app', 'notes'], {}).appFiles).toEqual(['n.mjs']);
  });

  it('stops at --', () => {
    expect(scanArgv(['links', 'resolve', '--', '--app', 'x.mjs'], {}).appFiles).toEqual([]);
  });
});
