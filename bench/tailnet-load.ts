/**
 * The tailnet bench's load generator, run in a child process of its own so that sending requests
 * shares neither the event loop nor the CPU account of the servers being measured (the bench
 * charges each arm the CPU time its server processes used). It dials through a client node's
 * LocalAPI (keep-alive connections over the tailnet) and answers each {@link LoadRequest} message
 * with one bounded round's figures.
 *
 * @example
 *   const gen = fork('dist/bench/tailnet-load.js', [JSON.stringify({ socketPath, connections: 16, seconds: 3, maxRequests: 60_000 })]);
 *   gen.send({ host: 'bare', path: '/' }); gen.once('message', (s: LoadSample) => ...);
 */
import { type Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { LocalApiClient } from '../src/platform/tailnet/localapi.js';
import { DialAgent } from '../test/tailnet/harness.js';

export interface LoadSample {
  /** Requests answered as expected. */
  count: number;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  /** The first unexpected status seen, for the error message. */
  firstBadStatus?: number;
}

export interface LoadWorkerData {
  socketPath: string;
  connections: number;
  seconds: number;
  maxRequests: number;
}

/** One arm's requests: a GET, or POSTs cycling through `bodies` (e.g. one secret name each). */
export interface LoadRequest {
  host: string;
  path: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  bodies?: string[];
  /** The status every answer must have (200 unless set, e.g. 302 for a redirect). */
  expect?: number;
}

/** `connections` workers each sending keep-alive requests back to back for `seconds` (and at most `maxRequests`). */
export async function loadRound(agent: Agent, r: LoadRequest, o: LoadWorkerData): Promise<LoadSample> {
  const latencies: number[] = [];
  let errors = 0;
  let firstBadStatus: number | undefined;
  let next = 0;
  const t0 = performance.now();
  const end = t0 + o.seconds * 1000;
  const worker = async () => {
    while (performance.now() < end && latencies.length + errors < o.maxRequests) {
      const body = r.bodies?.[next++ % r.bodies.length];
      const s = performance.now();
      const status = await send(agent, r, body);
      if (status === (r.expect ?? 200)) latencies.push(performance.now() - s);
      else {
        errors++;
        firstBadStatus ??= status;
      }
    }
  };
  await Promise.all(Array.from({ length: o.connections }, worker));
  const elapsed = (performance.now() - t0) / 1000;
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? 0;
  return { count: latencies.length, rps: latencies.length / elapsed, p50: pct(0.5), p99: pct(0.99), errors, ...(firstBadStatus !== undefined ? { firstBadStatus } : {}) };
}

/** Sends one request; resolves with its status (0 on a transport error). */
function send(agent: Agent, r: LoadRequest, body: string | undefined): Promise<number> {
  return new Promise((resolve) => {
    const headers: Record<string, string | number> = { Host: r.host, ...r.headers };
    if (body !== undefined) headers['Content-Length'] = Buffer.byteLength(body);
    const req = request({ agent, host: r.host, path: r.path, method: r.method ?? 'GET', headers, timeout: 5000 }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', () => resolve(0));
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(0));
    req.end(body);
  });
}

if (process.send && process.argv[2]) {
  const o = JSON.parse(process.argv[2]) as LoadWorkerData;
  const client = new LocalApiClient({ socketPath: o.socketPath });
  const agents = new Map<string, Agent>();
  process.on('message', (m: LoadRequest) => {
    const agent = agents.get(m.host) ?? new DialAgent(client, m.host, 80, o.connections);
    agents.set(m.host, agent);
    void loadRound(agent, m, o).then((s) => process.send?.(s));
  });
  // Ends with the bench (the IPC channel closes).
  process.on('disconnect', () => process.exit(0));
}
