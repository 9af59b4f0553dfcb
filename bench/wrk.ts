/**
 * Load with `wrk` (one thread, in its own process): on two cores it leaves more CPU to the server
 * than autocannon, so servers that answer in tens of microseconds (tailsql, bare node:http) are
 * measured rather than the load generator. Bounded by `seconds`.
 *
 * @example
 *   const r = await wrk('http://127.0.0.1:8083/json?q=select+1', { connections: 8, headers: { 'Sec-Tailsql': '1' } });
 */
import { spawn } from 'node:child_process';
import type { LoadResult } from './load.js';

export interface WrkOptions {
  connections?: number;
  seconds?: number;
  headers?: Record<string, string>;
}

/** Whether `wrk` is installed (the bench says so instead of failing). */
export async function hasWrk(): Promise<boolean> {
  return new Promise((resolve) => {
    const child = spawn('wrk', ['--version'], { stdio: 'ignore' });
    child.once('error', () => resolve(false));
    child.once('exit', () => resolve(true));
  });
}

export function wrk(url: string, opts: WrkOptions = {}): Promise<LoadResult> {
  const args = ['-t1', '-c', String(opts.connections ?? 8), '-d', `${opts.seconds ?? 4}s`, '--latency'];
  for (const [k, v] of Object.entries(opts.headers ?? {})) args.push('-H', `${k}: ${v}`);
  args.push(url);
  const child = spawn('wrk', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString();
  });
  child.stderr.on('data', (d: Buffer) => {
    out += d.toString();
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => {
      const rps = /Requests\/sec:\s+([\d.]+)/.exec(out);
      if (code !== 0 || !rps) return reject(new Error(`wrk exited ${code}: ${out.slice(-500)}`));
      const socketErrors = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
      resolve({
        rps: Number(rps[1]),
        p50: latencyMs(out, '50%'),
        p99: latencyMs(out, '99%'),
        errors: socketErrors ? socketErrors.slice(1).reduce((n, x) => n + Number(x), 0) : 0,
        non2xx: Number(/Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1] ?? 0),
      });
    });
  });
}

/** A latency percentile from wrk's `--latency` table, in ms. */
function latencyMs(out: string, pct: string): number {
  const m = new RegExp(`^\\s+${pct}\\s+([\\d.]+)(us|ms|s)$`, 'm').exec(out);
  if (!m) return Number.NaN;
  const v = Number(m[1]);
  return m[2] === 'us' ? v / 1000 : m[2] === 's' ? v * 1000 : v;
}
