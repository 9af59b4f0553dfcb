import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultAdminListen, sideDoorWarning } from './admin-listen.js';
import { resolveConfig } from './config.js';
import { createLogger } from './logging.js';
import { startPlatform } from './platform.js';

describe('the admin listener address', () => {
  it('defaults to 127.0.0.2 in managed mode (tailscaled forwards unserved ports to 127.0.0.1) and 127.0.0.1 otherwise', () => {
    expect(defaultAdminListen('managed')).toBe('127.0.0.2:8079');
    expect(defaultAdminListen('dev')).toBe('127.0.0.1:8079');
    expect(defaultAdminListen('host')).toBe('127.0.0.1:8079');
    expect(resolveConfig({ mode: 'managed' }, []).platform.admin.listen).toBe('127.0.0.2:8079');
    expect(resolveConfig({}, []).platform.admin.listen).toBe('127.0.0.1:8079');
    expect(resolveConfig({ mode: 'managed', admin: { listen: '127.0.0.1:9000' } }, []).platform.admin.listen).toBe('127.0.0.1:9000');
  });

  it('warns when managed mode is told to listen where tailscaled forwards, and says what to do', () => {
    for (const listen of ['127.0.0.1:8079', 'localhost:8079', '[::ffff:127.0.0.1]:8079']) {
      const w = sideDoorWarning('managed', listen);
      expect(w, listen).toContain(`the admin listener is on ${listen} in managed mode`);
      expect(w).toContain('127.0.0.2:8079');
      expect(w).toContain('"ip": ["tcp:80", "tcp:443"]');
    }
    for (const listen of ['127.0.0.2:8079', '127.0.0.9:1', '[::1]:8079']) expect(sideDoorWarning('managed', listen), listen).toBeUndefined();
    expect(sideDoorWarning('dev', '127.0.0.1:8079')).toBeUndefined();
    expect(sideDoorWarning('host', '127.0.0.1:8079')).toBeUndefined();
  });

  it('the platform starts with the warning, loudly, when managed mode is given 127.0.0.1', async () => {
    const lines: string[] = [];
    const log = createLogger('info', { write: (line: string) => void lines.push(line) });
    const dataDir = mkdtempSync(join(tmpdir(), 'tailyard-admin-'));
    try {
      // No tailscaled here: start-up stops at the tailnet, after the admin listener came up.
      const started = startPlatform({
        config: { mode: 'managed', dataDir, admin: { listen: '127.0.0.1:0' }, tailnet: { tailscaled: join(dataDir, 'no-tailscaled') } },
        apps: [],
        log,
        defaultMetrics: false,
      });
      await expect(started).rejects.toThrow(/cannot find the tailscaled binary/);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
    const warning = lines.map((l) => JSON.parse(l) as { level: number; msg: string }).find((l) => l.msg.startsWith('SIDE DOOR:'));
    expect(warning?.level).toBe(40);
    expect(warning?.msg).toContain('the admin listener is on 127.0.0.1:0 in managed mode');
  });
});
