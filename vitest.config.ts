import { configDefaults, defineConfig } from 'vitest/config';

// Four kinds of suites, run one group after another so the heavy ones do not compete for the
// two cores: fast unit/integration tests (co-located *.test.ts, test/platform, test/apps, and the
// fault-injection suite test/faults), the tailnet suite (real tailscaled + Headscale, one file at
// a time; with the tailnet faults), browser tests in headless Chromium, and replication to an
// S3-compatible store (Litestream and versitygw, one file at a time).
export default defineConfig({
  esbuild: { jsx: 'automatic', jsxImportSource: 'hono/jsx' },
  test: {
    pool: 'forks',
    reporters: ['./test/support/summary-reporter.ts', 'default'],
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['src/**/*.test.{ts,tsx}', 'views/**/*.test.{ts,tsx}', 'test/*.test.ts', 'test/platform/**/*.test.ts', 'test/apps/**/*.test.ts', 'test/faults/**/*.test.ts', 'test/compat/**/*.test.ts'],
          exclude: [...configDefaults.exclude, 'test/faults/tailnet.test.ts'],
          testTimeout: 20_000,
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: 'tailnet',
          include: ['test/tailnet/**/*.test.ts', 'test/faults/tailnet.test.ts'],
          testTimeout: 180_000,
          hookTimeout: 300_000,
          poolOptions: { forks: { singleFork: true } },
          sequence: { groupOrder: 1 },
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          poolOptions: { forks: { singleFork: true } },
          sequence: { groupOrder: 2 },
        },
      },
      {
        extends: true,
        test: {
          name: 'replication',
          include: ['test/replication/**/*.test.ts'],
          testTimeout: 240_000,
          hookTimeout: 60_000,
          poolOptions: { forks: { singleFork: true } },
          sequence: { groupOrder: 3 },
        },
      },
    ],
  },
});
