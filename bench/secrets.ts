/**
 * Secrets benchmark: `POST /api/get` through the full stack (identity, ACL, SQLite read,
 * XChaCha20-Poly1305 open, durable group-committed audit entry) with 1 000 secrets, requests
 * spread over all of them at concurrency 50; and the conditional-get 304 path that pollers hit.
 * Each is a ratio to a bare `node:http` JSON responder measured in the same run, interleaved.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { secretsApp } from '../src/apps/secrets/index.js';
import type { AppDefinition } from '../src/platform/app.js';
import { startPlatform } from '../src/platform/platform.js';
import { benchLogger, compare, fmt, jsonFromChild, load, type LoadResult } from './load.js';

const SECRETS = 1000;
const HEADERS = { 'Content-Type': 'application/json', 'Sec-X-Tailscale-No-Browsers': 'setec' };

/** A bare node:http server answering every request with a setec-shaped JSON value, after reading the body. */
async function bareServer() {
  const body = JSON.stringify({ Value: Buffer.from('bench secret value 0123456789').toString('base64'), Version: 1 });
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(body);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise<void>((r) => server.close(() => r())) };
}

/**
 * autocannon in its own process, each request naming one of the `SECRETS` secrets in turn
 * (the CLI that `load()` drives can only send one body).
 */
function loadSpread(url: string, seconds = 4, connections = 50): Promise<LoadResult> {
  const script = `
    import autocannon from 'autocannon';
    let i = 0;
    const r = await autocannon({
      url: ${JSON.stringify(`${url}/api/get`)}, connections: ${connections}, duration: ${seconds},
      requests: [{ method: 'POST', headers: ${JSON.stringify(HEADERS)},
        setupRequest: (req) => ({ ...req, body: JSON.stringify({ Name: 'bench/s' + (i++ % ${SECRETS}), Version: 0, UpdateIfChanged: false }) }) }],
    });
    process.stdout.write(JSON.stringify({ rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors + r.timeouts, non2xx: r.non2xx }));`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], { cwd: join(import.meta.dirname, '../..'), stdio: ['ignore', 'pipe', 'pipe'] });
  return jsonFromChild(child) as Promise<LoadResult>;
}

async function seed(url: string): Promise<void> {
  for (let i = 0; i < SECRETS; i++) {
    const res = await fetch(`${url}/api/put`, {
      method: 'POST',
      headers: HEADERS,
      body: JSON.stringify({ Name: `bench/s${i}`, Value: Buffer.from(`bench secret value ${i}`).toString('base64') }),
    });
    if (res.status !== 200) throw new Error(`seeding bench/s${i}: ${res.status} ${await res.text()}`);
  }
}

export async function run(): Promise<Record<string, string | number>> {
  const data = mkdtempSync(join(tmpdir(), 'tailyard-bench-secrets-'));
  const log = benchLogger();
  const platform = await startPlatform({
    config: { dataDir: data, admin: { enabled: false }, dev: { login: 'bench@localhost' }, apps: { secrets: { devPort: 0 } } },
    apps: [secretsApp as AppDefinition],
    log,
  });
  const bare = await bareServer();
  const url = (platform.urls.secrets?.[0] ?? '').replace(/\/$/, '');
  try {
    await seed(url);
    const get = await compare(
      () => load(bare.url, { method: 'POST', path: '/api/get', headers: HEADERS, body: '{"Name":"bench/s1"}' }),
      () => loadSpread(url),
    );
    const cond = await compare(
      () => load(bare.url, { method: 'POST', path: '/api/get', headers: HEADERS, body: '{"Name":"bench/s1"}' }),
      () => load(url, { method: 'POST', path: '/api/get', headers: HEADERS, body: '{"Name":"bench/s1","Version":1,"UpdateIfChanged":true}' }),
    );
    // Context: the same stack answering a POST at once (403, Sec header missing) is the
    // ceiling any handler on it can reach; the goals above are ratios to bare node:http.
    const ceiling = await compare(
      () => load(bare.url, { method: 'POST', path: '/api/get', headers: HEADERS, body: '{"Name":"bench/s1"}' }),
      () => load(url, { method: 'POST', path: '/api/get', headers: { 'Content-Type': 'application/json' }, body: '{"Name":"bench/s1"}' }),
    );
    return {
      'secrets get rps (1000 secrets, c=50)': Math.round(get.candidate.rps),
      'bare node:http JSON rps': Math.round(get.baseline.rps),
      'get/bare ratio (goal >= 0.6)': fmt(get.ratio),
      'get p50/p99 ms': `${get.candidate.p50}/${get.candidate.p99}`,
      'get errors (non-2xx must be 0)': get.candidate.errors + get.candidate.non2xx,
      'conditional get 304 rps': Math.round(cond.candidate.rps),
      '304/bare ratio (goal >= 0.8)': fmt(cond.ratio),
      '304 p50/p99 ms': `${cond.candidate.p50}/${cond.candidate.p99}`,
      // autocannon counts 304 as non-2xx; every request must be a 304, none an error.
      '304 errors (must be 0)': cond.candidate.errors,
      'context: platform POST answered at once / bare': fmt(ceiling.ratio),
    };
  } finally {
    await platform.close();
    await bare.close();
    rmSync(data, { recursive: true, force: true });
  }
}
