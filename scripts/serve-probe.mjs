// Starts a `tailyard serve` in dev mode on free loopback ports and measures start to ready: from
// spawning the process to the first 200 from its /healthz. Used by scripts/check-release.mjs
// (the packed release, installed) and `npm run bench` (bench/release.ts: the bundle against dist/).
//
// /healthz is asked from the moment of the spawn (its port is chosen here, so it is known before
// the process says anything), every 5 ms a bounded number of times: asking in a tight loop would
// take CPU from the process being measured. So a figure is late by 5 ms at most.
//
// @example
//   const s = await startServe({ bin: 'node_modules/.bin/tailyard', dataDir: '/tmp/d' });
//   console.log(s.readyMs, s.urls.links); // 212.4 'http://127.0.0.1:40123'
//   await s.stop();
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';

/** The built-in apps, whose dev ports are set free (a plugin's: by the caller's `args`). */
export const APP_IDS = ['links', 'paste', 'secrets', 'sql', 'idp'];

/** A loopback port nothing listens on now. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const MAX_PROBES = 12_000; // a minute at most

/**
 * Spawns `node <bin> serve` on `dataDir` (plus `args`) and resolves once /healthz answered 200 and the banner
 * listed the apps: `{ readyMs, urls: { links: 'http://127.0.0.1:port', …, admin }, stderr(), stop() }`.
 */
export async function startServe({ bin, dataDir, cwd, env = {}, args = [] }) {
  const admin = `127.0.0.1:${await freePort()}`;
  const ports = APP_IDS.flatMap((id) => ['--set', `apps.${id}.devPort=0`]);
  const started = performance.now();
  const child = spawn(process.execPath, [bin, 'serve', '--data', dataDir, '--admin-listen', admin, '--log-level', 'warn', ...ports, ...args], {
    cwd,
    env: { ...process.env, TAILYARD_CONFIG: '', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
  let exit;
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve((exit = signal ?? code))));
  const bannerDone = new Promise((resolve) => {
    const onData = (d) => {
      err += d.toString();
      if (/^\s+admin\s/m.test(err)) {
        child.stderr.off('data', onData);
        resolve();
      }
    };
    child.stderr.on('data', onData);
  });
  const stop = async () => {
    if (exit === undefined) child.kill('SIGTERM');
    await exited;
  };
  let readyMs;
  for (let probe = 0; probe < MAX_PROBES && exit === undefined; probe++) {
    const res = await fetch(`http://${admin}/healthz`).catch(() => undefined);
    if (res?.status === 200) {
      readyMs = performance.now() - started;
      break;
    }
    await res?.body?.cancel();
    await new Promise((r) => setTimeout(r, 5));
  }
  if (readyMs === undefined) {
    await stop();
    throw new Error(`tailyard serve (${bin}) never answered /healthz with 200 (exit ${exit}): ${err.slice(-2000)}`);
  }
  await Promise.race([bannerDone, exited]);
  const urls = { admin: `http://${admin}` };
  for (const m of err.matchAll(/^\s+(\S+)\s+(http:\/\/[^\s/]+)/gm)) urls[m[1]] = m[2]; // plugins' apps too
  return { readyMs, urls, stderr: () => err, stop };
}

/** The median of a list of numbers. */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
