/**
 * What every fault test checks afterwards, and what it measures: the process is alive, every
 * other app answers, and how long the faulty part took to serve again with which error in
 * between. The costs are printed as a table at the end of a suite (for the closing note of
 * issue 16), never asserted: timing depends on the machine.
 *
 * @example
 *   await everyAppAnswers(serve);
 *   costs.record('PostgreSQL backend terminated', { status: 503, body }, recoveredMs);
 *   afterAll(() => costs.print('SQL console faults'));
 */
import { expect } from 'vitest';
import type { ServeChild } from './serve-child.js';

/** One request per app that must answer 200 (the SQL console's own sources are checked by each test). */
const PROBES: ReadonlyArray<readonly [app: string, path: string]> = [
  ['links', '/'],
  ['paste', '/'],
  ['secrets', '/'],
  ['idp', '/.well-known/openid-configuration'],
  ['sql', '/'],
  ['admin', '/healthz'],
];

export async function everyAppAnswers(serve: ServeChild, apps = PROBES.map(([a]) => a)): Promise<void> {
  expect(serve.alive(), `tailyard exited: ${serve.stderr().slice(-2000)}`).toBe(true);
  for (const [app, path] of PROBES) {
    if (!apps.includes(app)) continue;
    const res = await fetch(`${serve.urls[app]}${path}`);
    const body = await res.text();
    expect(res.status, `${app} ${path}: ${body.slice(0, 500)}`).toBe(200);
  }
}

export interface Seen {
  status: number | string;
  body: string;
}

/** The answer as the caller saw it (a cut connection is a status too). */
export async function seen(res: Promise<Response>): Promise<Seen> {
  try {
    const r = await res;
    return { status: r.status, body: (await r.text()).trim() };
  } catch (err) {
    return { status: 'connection cut', body: String((err as Error).cause ?? (err as Error).message) };
  }
}

export class FaultCosts {
  readonly #rows: Array<{ fault: string; seen: Seen; recoveredMs: number | undefined; note: string }> = [];

  /** `recoveredMs`: from the fault to the first good answer of the faulty part (undefined: nothing to recover). */
  record(fault: string, seen: Seen, recoveredMs: number | undefined, note = 'after the fault'): void {
    this.#rows.push({ fault, seen, recoveredMs, note });
  }

  print(title: string): void {
    if (this.#rows.length === 0) return;
    const lines = this.#rows.map((r) => {
      const recovery = r.recoveredMs === undefined ? 'nothing else affected' : `serving again ${Math.round(r.recoveredMs)} ms ${r.note}`;
      return `  ${r.fault}\n    caller saw: ${r.seen.status} ${r.seen.body.slice(0, 200)}\n    ${recovery}`;
    });
    process.stderr.write(`\n[fault costs] ${title}\n${lines.join('\n')}\n`);
  }
}
