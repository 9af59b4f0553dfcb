/**
 * Clients that leave half-way, against the real `tailyard serve` in a child process: for every
 * app, a request whose connection closes (FIN, and a TCP reset) half-way through its headers, and
 * half-way through its body once the app is reading it (the server has answered `100 Continue`,
 * so the route is running). Each such request must end (its access-log line is the event waited
 * for: a request stuck forever would never log), the process must stay up, and every app must
 * answer the next request. (Responses cut half-way while streaming are in sql.test.ts.)
 */
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { everyAppAnswers, FaultCosts } from './checks.js';
import { type LogLine, type ServeChild, startServe } from './serve-child.js';

const costs = new FaultCosts();

/**
 * A route per app that reads a request body, with the headers it needs to get that far (the SQL
 * console reads none: its route runs a slow query instead, which the client leaves).
 */
const BODY_ROUTES: ReadonlyArray<{ app: string; method?: string; path: string; headers: Record<string, string>; start: string }> = [
  { app: 'links', path: '/', headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Sec-Golink': '1' }, start: 'short=half&long=https%3A%2F%2Fexa' },
  { app: 'paste', path: '/api/post', headers: { 'Content-Type': 'multipart/form-data; boundary=b0undary' }, start: '--b0undary\r\nContent-Disposition: form-data; name="content"\r\n\r\nhalf a pa' },
  {
    app: 'secrets',
    path: '/api/put',
    headers: { 'Content-Type': 'application/json', 'Sec-X-Tailscale-No-Browsers': 'setec' },
    start: '{"Name":"half","Value":"aGFsZi',
  },
  {
    app: 'sql',
    method: 'GET',
    path: `/json?${new URLSearchParams({ src: 'local', q: 'WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 1000000000) SELECT count(*) FROM c' })}`,
    headers: { 'Sec-Tailsql': '1' },
    start: '',
  },
  { app: 'idp', path: '/register', headers: { 'Content-Type': 'application/json' }, start: '{"redirect_uris":["https://half.example/cb' },
];

type Cut = 'fin' | 'reset';

function close(socket: Socket, how: Cut): void {
  if (how === 'reset') socket.resetAndDestroy();
  else socket.destroy();
}

/** Opens a connection to `base` and resolves once it is connected. */
function open(base: string): Promise<Socket> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const s = connect({ host: hostname, port: Number(port) }, () => resolve(s));
    s.on('error', reject);
  });
}

/** Resolves with the first bytes the server sends on `socket`. */
function firstBytes(socket: Socket): Promise<string> {
  return new Promise((resolve, reject) => {
    socket.once('data', (d: Buffer) => resolve(d.toString('latin1')));
    socket.once('close', () => reject(new Error('closed before answering')));
  });
}

describe('clients that leave half-way cost their own request only', () => {
  let serve: ServeChild;

  beforeAll(async () => {
    // The console's own query log as a SQLite source, for a query to leave.
    serve = await startServe({ args: ['--set', 'apps.sql.localSource=local'] });
  }, 60_000);

  afterAll(async () => {
    costs.print('clients leaving half-way');
    await serve?.stop();
  }, 30_000);

  for (const how of ['fin', 'reset'] as const) {
    it(`half-way through the headers (${how}), every app`, async () => {
      for (const app of ['links', 'paste', 'secrets', 'sql', 'idp', 'admin']) {
        const base = serve.urls[app] as string;
        const socket = await open(base);
        const closed = new Promise((r) => socket.once('close', r));
        socket.write(`GET / HTTP/1.1\r\nHost: ${new URL(base).host}\r\nX-Half: th`, () => close(socket, how));
        await closed;
      }
      await everyAppAnswers(serve);
    });

    it(`half-way through the body, while the route reads it (${how}), every app (the SQL console: while its query runs)`, async () => {
      for (const route of BODY_ROUTES) {
        const base = serve.urls[route.app] as string;
        const earlier = new Set(serve.logs());
        const socket = await open(base);
        const length = route.method === 'GET' ? {} : { 'Content-Length': '2000' };
        const headers = Object.entries({ Host: new URL(base).host, ...route.headers, ...length, Expect: '100-continue' })
          .map(([k, v]) => `${k}: ${v}\r\n`)
          .join('');
        const answered = firstBytes(socket);
        const method = route.method ?? 'POST';
        socket.write(`${method} ${route.path} HTTP/1.1\r\n${headers}\r\n`);
        const first = await answered;
        // Node answers 100 Continue as it hands the request to the route.
        expect(first).toMatch(/^HTTP\/1\.1 100 Continue/);
        socket.write(route.start, () => close(socket, how));
        const line = await serve.waitForLog((l: LogLine) => !earlier.has(l) && l.msg === 'request' && l.app === route.app && l.method === method);
        costs.record(
          `${route.app}: client ${how === 'reset' ? 'reset' : 'closed'} the connection half-way through ${method} ${route.path.split('?')[0]}`,
          { status: `server logged ${line.status}`, body: '(the request ended; nobody left to answer)' },
          undefined,
        );
      }
      await everyAppAnswers(serve);
      expect(serve.alive()).toBe(true);
    });
  }
});
