/**
 * The tailnet bench's load generator, run in a worker thread so that sending requests does not
 * share the event loop of the servers being measured. It dials through a client node's LocalAPI
 * (keep-alive connections over the tailnet) and answers each `{host, path}` message with one
 * bounded round's figures.
 *
 * @example
 *   const w = new Worker(new URL('./tailnet-load.js', import.meta.url), { workerData: { socketPath, connections: 8, seconds: 3 } });
 *   w.postMessage({ host: 'bare', path: '/' }); w.once('message', (s: LoadSample) => ...);
 */
import { type Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import { LocalApiClient } from '../src/platform/tailnet/localapi.js';
import { DialAgent } from '../test/tailnet/harness.js';

export interface LoadSample {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

export interface LoadWorkerData {
  socketPath: string;
  connections: number;
  seconds: number;
  maxRequests: number;
}

/** `connections` workers each sending keep-alive requests back to back for `seconds` (and at most `maxRequests`). */
export async function loadRound(agent: Agent, host: string, path: string, o: LoadWorkerData): Promise<LoadSample> {
  const latencies: number[] = [];
  let errors = 0;
  const t0 = performance.now();
  const end = t0 + o.seconds * 1000;
  const worker = async () => {
    while (performance.now() < end && latencies.length + errors < o.maxRequests) {
      const s = performance.now();
      if (await get(agent, host, path)) latencies.push(performance.now() - s);
      else errors++;
    }
  };
  await Promise.all(Array.from({ length: o.connections }, worker));
  const elapsed = (performance.now() - t0) / 1000;
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? 0;
  return { rps: latencies.length / elapsed, p50: pct(0.5), p99: pct(0.99), errors };
}

function get(agent: Agent, host: string, path: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request({ agent, host, path, headers: { Host: host }, timeout: 5000 }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode === 200));
      res.on('error', () => resolve(false));
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(false));
    req.end();
  });
}

if (parentPort) {
  const port = parentPort;
  const o = workerData as LoadWorkerData;
  const client = new LocalApiClient({ socketPath: o.socketPath });
  const agents = new Map<string, Agent>();
  port.on('message', (m: { host: string; path: string }) => {
    const agent = agents.get(m.host) ?? new DialAgent(client, m.host, 80, o.connections);
    agents.set(m.host, agent);
    void loadRound(agent, m.host, m.path, o).then((s) => port.postMessage(s));
  });
}
