import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PlatformSchema } from '../../config.js';
import { TailscaledNotFoundError, findTailscaled, goRuntimeEnv, prepareNodeDirs, scrubbedEnv } from './tailscaled.js';

describe('findTailscaled', () => {
  it('says how to install tailscaled when it is missing', () => {
    expect(() => findTailscaled('tailscaled', '/nonexistent')).toThrow(TailscaledNotFoundError);
    expect(() => findTailscaled('tailscaled', '/nonexistent')).toThrow(/go install tailscale\.com\/cmd\/tailscaled@v1\.98\.10/);
    expect(() => findTailscaled('/no/such/tailscaled')).toThrow(/tailnet\.tailscaled/);
  });

  it('finds an executable on PATH', () => {
    expect(findTailscaled('sh', '/nonexistent:/bin:/usr/bin')).toMatch(/\/sh$/);
  });
});

describe('goRuntimeEnv', () => {
  const tailnet = (t: unknown) => PlatformSchema.parse({ tailnet: t }).tailnet;

  it('gives every managed tailscaled GOGC=50 and no GOMEMLIMIT by default', () => {
    expect(goRuntimeEnv(tailnet({}))).toEqual({ GOGC: '50' });
  });

  it('passes configured knobs, and null leaves Go its own default', () => {
    expect(goRuntimeEnv(tailnet({ goMemLimit: '96MiB', goGC: 'off' }))).toEqual({ GOMEMLIMIT: '96MiB', GOGC: 'off' });
    expect(goRuntimeEnv(tailnet({ goMemLimit: null, goGC: null }))).toEqual({});
  });

  it('refuses a limit Go would not parse, naming the units', () => {
    expect(() => tailnet({ goMemLimit: '48MB' })).toThrow(/units B, KiB, MiB, GiB, TiB/);
    expect(() => tailnet({ goGC: 0 })).toThrow();
  });
});

describe('scrubbedEnv', () => {
  it('drops PORT and secrets, keeps PATH, adds the test knobs and the fixed settings', () => {
    const env = scrubbedEnv('/logs', { TS_DEBUG_USE_DERP_HTTP: '1' }, { PATH: '/bin', PORT: '8080', TS_AUTHKEY: 'k', AWS_SECRET_ACCESS_KEY: 's' });
    expect(env).toEqual({
      PATH: '/bin',
      TS_DEBUG_USE_DERP_HTTP: '1',
      TS_LOGS_DIR: '/logs',
      TS_NO_LOGS_NO_SUPPORT: '1',
      TS_PARENT_DEATH_FD: '3',
    });
  });
});

describe('prepareNodeDirs', () => {
  it('creates private state, logs and socket directories', async () => {
    const root = mkdtempSync(join(tmpdir(), 'tailyard-dirs-'));
    try {
      const d = await prepareNodeDirs(root, 'go');
      for (const p of [d.state, d.logs, join(d.socket, '..'), join(root, 'go')]) expect(statSync(p).mode & 0o777).toBe(0o700);
      expect(d.socket).toBe(join(root, 'go', 'run', 'tailscaled.sock'));
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('falls back to a private temp directory when the socket path would be too long', async () => {
    const root = mkdtempSync(join(tmpdir(), 'tailyard-dirs-'));
    try {
      const d = await prepareNodeDirs(join(root, 'x'.repeat(90)), 'go');
      expect(d.socket.length).toBeLessThan(100);
      expect(statSync(join(d.socket, '..')).mode & 0o777).toBe(0o700);
      rmSync(join(d.socket, '..'), { recursive: true, force: true });
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
