/**
 * What the tailnet bench sections send: the bench tailnet's policy, seeding secrets over the
 * tailnet, and the load generator (`tailnet-load.ts` in a child process) with the CPU time the
 * serving processes spent charged to each round.
 *
 * @example
 *   const gen = startLoadGenerator({ socketPath, connections: 16, seconds: 3, maxRequests: 60_000 });
 *   const s = await gen.round({ host: 'go', path: '/link5000', expect: 302 }, [platformPid, tailscaledPid]);
 *   s.cpuUs; // server CPU per request
 *   gen.close();
 */
import { fork } from 'node:child_process';
import { type Agent, request } from 'node:http';
import { join } from 'node:path';
import { benchCapName, cpuMs } from './tailnet-fixture.js';
import type { LoadRequest, LoadSample, LoadWorkerData } from './tailnet-load.js';

export const SETEC_HEADERS = { 'Content-Type': 'application/json', 'Sec-X-Tailscale-No-Browsers': 'setec' };

/** Secrets `bench/s0` … seeded on every secrets server under test. */
export const SECRETS = 100;

/**
 * alice may reach the app nodes on 80/443, is a links admin, and may use secrets `bench/*`; the
 * grant-lag probe flips `get` on `lag/*`.
 */
export function benchPolicy(lagGranted = false): unknown {
  const secrets: unknown[] = [{ action: ['get', 'put', 'info', 'activate', 'delete'], secret: ['bench/*'] }, { action: ['put'], secret: ['lag/*'] }];
  if (lagGranted) secrets.push({ action: ['get'], secret: ['lag/*'] });
  return {
    tagOwners: { 'tag:apps': [] },
    grants: [
      { src: ['autogroup:member'], dst: ['tag:apps'], ip: ['tcp:80', 'tcp:443'] },
      { src: ['alice@example.com'], dst: ['tag:apps'], app: { [benchCapName('links') ?? '']: [{ admin: true }], [benchCapName('secrets') ?? '']: secrets } },
    ],
  };
}

/** POSTs `body` as a setec API client would; resolves with the status. */
export function post(agent: Agent, host: string, path: string, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ agent, host, path, method: 'POST', headers: { Host: host, ...SETEC_HEADERS, 'Content-Length': Buffer.byteLength(body) }, timeout: 10_000 }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('timeout', () => req.destroy(new Error(`POST ${host}${path} timed out`)));
    req.on('error', reject);
    req.end(body);
  });
}

/** Stores `bench/s0` … and `lag/x` on the secrets server `host`. */
export async function seedSecrets(agent: Agent, host: string): Promise<void> {
  const put = async (name: string, value: string) => {
    const status = await post(agent, host, '/api/put', JSON.stringify({ Name: name, Value: Buffer.from(value).toString('base64') }));
    if (status !== 200) throw new Error(`seeding ${name} on ${host}: HTTP ${status}`);
  };
  for (let i = 0; i < SECRETS; i++) await put(`bench/s${i}`, `bench secret value ${i}`);
  await put('lag/x', 'lag probe');
}

/** `POST /api/get` spread over the seeded secrets. */
export function secretsGet(host: string): LoadRequest {
  return { host, path: '/api/get', method: 'POST', headers: SETEC_HEADERS, bodies: Array.from({ length: SECRETS }, (_, i) => JSON.stringify({ Name: `bench/s${i}` })) };
}

/** One round's figures plus the serving processes' CPU time per request (us), in total and each. */
export type Round = LoadSample & { cpuUs: number; cpuUsEach: number[] };

export interface LoadGenerator {
  /** Runs one round; `pids` are the processes serving it (`'self'`: this one). */
  round(r: LoadRequest, pids: Array<number | 'self'>): Promise<Round>;
  close(): void;
}

export function startLoadGenerator(data: LoadWorkerData): LoadGenerator {
  const gen = fork(join(import.meta.dirname, 'tailnet-load.js'), [JSON.stringify(data)], { stdio: 'ignore' });
  const once = (r: LoadRequest) =>
    new Promise<LoadSample>((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`the load generator exited (${code})`));
      gen.once('exit', onExit);
      gen.once('message', (s: LoadSample) => {
        gen.off('exit', onExit);
        resolve(s);
      });
      gen.send(r);
    });
  return {
    round: async (r, pids) => {
      const c0 = pids.map(cpuMs);
      const s = await once(r);
      const cpuUsEach = pids.map((p, i) => ((cpuMs(p) - (c0[i] ?? 0)) * 1000) / Math.max(1, s.count));
      return { ...s, cpuUsEach, cpuUs: cpuUsEach.reduce((a, b) => a + b, 0) };
    },
    close: () => void gen.kill(),
  };
}

export interface Summary {
  cpuUs: number;
  /** Per serving process, in the order of the round's pids. */
  cpuUsEach: number[];
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  firstBadStatus?: number;
}

/** Means over rounds (errors summed). */
export function summarize(xs: Round[]): Summary {
  const mean = (k: 'rps' | 'p50' | 'p99' | 'cpuUs') => xs.reduce((a, x) => a + x[k], 0) / Math.max(1, xs.length);
  const each = (xs[0]?.cpuUsEach ?? []).map((_, i) => xs.reduce((a, x) => a + (x.cpuUsEach[i] ?? 0), 0) / Math.max(1, xs.length));
  return { cpuUs: mean('cpuUs'), cpuUsEach: each, rps: mean('rps'), p50: mean('p50'), p99: mean('p99'), errors: xs.reduce((a, x) => a + x.errors, 0), firstBadStatus: xs.find((x) => x.firstBadStatus)?.firstBadStatus };
}
