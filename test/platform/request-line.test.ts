/**
 * The request-line layer on real sockets (issue 19): raw bytes ≥ 0x80 in every request of a
 * keep-alive connection (dev-style listener and the managed backend after its PROXY header),
 * Go's 1 MiB + 4 KiB head limit, and memory held for large heads bounded by one budget.
 */
import { createServer, type IncomingMessage, type RequestListener, type Server } from 'node:http';
import { type AddressInfo, connect, type Socket } from 'node:net';
import pino from 'pino';
import { afterEach, describe, expect, test } from 'vitest';
import { BACKEND_HOST, ProxiedBackend } from '../../src/platform/tailnet/backend.js';
import { createAppServer, listenOn } from '../../src/platform/tailnet/http-server.js';
import { V2_SIGNATURE } from '../../src/platform/tailnet/proxy-protocol.js';
import { GO_MAX_HEAD_BYTES } from '../../src/platform/tailnet/request-framer.js';
import { FREE_HEAD_BYTES, HeadBudget, LLHTTP_HEADER_LIMIT, takeRawTarget, withRequestLineLayer } from '../../src/platform/tailnet/request-line.js';

const log = pino({ level: 'silent' });

/** Answers `url=<req.url> raw=<the raw target> body=<body>`, the raw bytes as \xNN. */
const echo: RequestListener = (req, res) => {
  const raw = takeRawTarget(req);
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => res.end(`url=${req.url} raw=${raw === undefined ? '-' : show(raw)} body=${Buffer.concat(chunks).length}`));
};

const show = (latin1: string) => latin1.replace(/[\x80-\xff]/g, (ch) => `\\x${ch.charCodeAt(0).toString(16)}`);

/** Writes `data` at once and collects the whole answer until the server closes. */
function talk(port: number, data: Buffer | string, host = '127.0.0.1'): Promise<string> {
  return new Promise((resolve, reject) => {
    const c = connect({ host, port });
    const out: Buffer[] = [];
    c.on('data', (d) => out.push(d));
    c.on('close', () => resolve(Buffer.concat(out).toString('latin1')));
    c.on('error', reject);
    c.write(typeof data === 'string' ? Buffer.from(data, 'latin1') : data);
  });
}

const bodies = (answer: string) => [...answer.matchAll(/url=[^\r\n]*?body=\d+/g)].map((m) => m[0]);
const statuses = (answer: string) => [...answer.matchAll(/HTTP\/1\.1 (\d{3})/g)].map((m) => Number(m[1]));

/** A keep-alive conversation: raw bytes in the 1st, 3rd and 4th request lines; a body that looks like a request. */
const CONVERSATION =
  'GET /\xc3\xbc?q=\xff HTTP/1.1\r\nHost: go\r\n\r\n' +
  'POST /form HTTP/1.1\r\nHost: go\r\nContent-Length: 20\r\n\r\nGET /\xe4 HTTP/1.1\r\n\r\n\r\n' +
  'GET /\xe4 HTTP/1.1\r\nHost: go\r\n\r\n' +
  'POST /c HTTP/1.1\r\nHost: go\r\nTransfer-Encoding: chunked\r\n\r\n3\r\n\xe4\xe4\xe4\r\n0\r\n\r\n' +
  'GET /last\xf0 HTTP/1.1\r\nHost: go\r\nConnection: close\r\n\r\n';
const WANT = [
  'url=/%C3%BC?q=%FF raw=/\\xc3\\xbc?q=\\xff body=0',
  'url=/form raw=- body=20',
  'url=/%E4 raw=/\\xe4 body=0',
  'url=/c raw=- body=3',
  'url=/last%F0 raw=/last\\xf0 body=0',
];

/** A PROXY v2 header as tailscaled sends it (TCP over IPv4, from 100.64.0.3:41234). */
function proxyV2(): Buffer {
  const proxy = Buffer.alloc(28);
  V2_SIGNATURE.copy(proxy, 0);
  proxy[12] = 0x21;
  proxy[13] = 0x11;
  proxy.writeUInt16BE(12, 14);
  Buffer.from([100, 64, 0, 3, 100, 64, 0, 1]).copy(proxy, 16);
  proxy.writeUInt16BE(41234, 24);
  proxy.writeUInt16BE(80, 26);
  return proxy;
}

const servers: Server[] = [];
let backend: ProxiedBackend | undefined;
afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }
  await backend?.close(0);
  backend = undefined;
});

async function appServer(listener: RequestListener = echo): Promise<number> {
  const server = createAppServer(listener, log);
  servers.push(server);
  return (await listenOn(server, '127.0.0.1', 0)).port;
}

describe('request-line layer', () => {
  test('every request of a keep-alive connection may carry raw bytes ≥ 0x80, whatever arrives in one read', async () => {
    const port = await appServer();
    expect(bodies(await talk(port, CONVERSATION))).toEqual(WANT);
  });

  test('the managed backend re-frames after its PROXY header too', async () => {
    backend = await ProxiedBackend.listen({ port: 0, log });
    backend.attach(createAppServer(echo, log));
    const answer = await talk(backend.port, Buffer.concat([proxyV2(), Buffer.from(CONVERSATION, 'latin1')]), BACKEND_HOST);
    expect(bodies(answer)).toEqual(WANT);
  });

  test('after a PROXY header that came alone, node reads natively and a raw-byte request is still re-framed', async () => {
    backend = await ProxiedBackend.listen({ port: 0, log });
    const native: boolean[] = [];
    const http = createAppServer((req, res) => {
      native.push((req.socket as Socket & { parser?: { _consumed?: boolean } }).parser?._consumed === true);
      echo(req, res);
    }, log);
    backend.attach(http);
    const handedOver = new Promise((r) => http.once('connection', r));
    const c = connect({ host: BACKEND_HOST, port: backend.port });
    const out: Buffer[] = [];
    const closed = new Promise<string>((resolve) => c.on('close', () => resolve(Buffer.concat(out).toString('latin1'))));
    const firstAnswer = new Promise((r) => c.once('data', r));
    c.on('data', (d) => out.push(d));
    c.write(proxyV2());
    await handedOver;
    c.write('GET /a HTTP/1.1\r\nHost: go\r\n\r\n');
    await firstAnswer;
    c.write(Buffer.from('GET /\xfc HTTP/1.1\r\nHost: go\r\nConnection: close\r\n\r\n', 'latin1'));
    expect(bodies(await closed)).toEqual(['url=/a raw=- body=0', 'url=/%FC raw=/\\xfc body=0']);
    expect(native).toEqual([true, false]);
  });

  test("a head up to Go's 1 MiB + 4 KiB is served; one byte more is Go's 431", async () => {
    const port = await appServer();
    const request = (targetLength: number) => `GET /${'a'.repeat(targetLength - 1)} HTTP/1.1\r\nHost: go\r\nConnection: close\r\n\r\n`;
    const overhead = request(1).length - 1;
    const fits = await talk(port, request(GO_MAX_HEAD_BYTES - overhead));
    expect(statuses(fits)).toEqual([200]);
    const over = await talk(port, request(GO_MAX_HEAD_BYTES - overhead + 1));
    expect(over).toMatch(/^HTTP\/1\.1 431 Request Header Fields Too Large\r\n[\s\S]*\r\n\r\n431 Request Header Fields Too Large$/);
  });

  test('the admin listener keeps node’s own limits', async () => {
    const server = createAppServer(echo, log, { goRequests: false });
    servers.push(server);
    const { port } = await listenOn(server, '127.0.0.1', 0);
    expect(statuses(await talk(port, 'GET /\xe4 HTTP/1.1\r\nConnection: close\r\n\r\n'))).toEqual([400]);
  });
});

/** A server with the layer and its own budget; resolves its port. */
async function budgetServer(budget: HeadBudget): Promise<number> {
  const server = createServer({ maxHeaderSize: LLHTTP_HEADER_LIMIT }, echo);
  withRequestLineLayer(server, { headTimeoutMs: 60_000, budget });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return (server.address() as AddressInfo).port;
}

/** A budget that reports each change, so a test can wait for a state instead of sleeping. */
class WatchedBudget extends HeadBudget {
  private watchers: (() => void)[] = [];
  override take(n: number): boolean {
    const ok = super.take(n);
    for (const w of this.watchers) w();
    return ok;
  }
  changed(): Promise<void> {
    return new Promise((r) => this.watchers.push(r));
  }
  reset(): void {
    this.watchers = [];
  }
}

describe('memory held for large heads', () => {
  test('beyond the budget a large head gets 503 and is closed; small requests go on', async () => {
    const budget = new HeadBudget(256 * 1024);
    const port = await budgetServer(budget);
    const big = `GET /${'a'.repeat(600 * 1024)} HTTP/1.1\r\nHost: go\r\n\r\n`;
    const answers = await Promise.all(Array.from({ length: 4 }, () => talk(port, big)));
    for (const a of answers) expect(a).toMatch(/^HTTP\/1\.1 503 Service Unavailable\r\n[\s\S]*Retry-After: 1\r\n[\s\S]*retry shortly\n$/);
    expect(budget.peak).toBeLessThanOrEqual(budget.limit);
    expect(budget.used).toBe(0);
    expect(statuses(await talk(port, `GET /${'b'.repeat(FREE_HEAD_BYTES / 2)} HTTP/1.1\r\nHost: go\r\nConnection: close\r\n\r\n`))).toEqual([200]);
  });

  test('many concurrent 1 MiB heads hold at most the budget (measured)', async () => {
    const budget = new WatchedBudget(32 * 1024 * 1024);
    const port = await budgetServer(budget);
    const n = 64;
    const head = Buffer.from(`GET /${'a'.repeat(GO_MAX_HEAD_BYTES - 64)}`, 'latin1'); // no line end yet: held
    const before = process.memoryUsage();
    const refused = new Set<number>();
    const sockets: Socket[] = [];
    const answers: Promise<string>[] = [];
    let onRefused = () => {};
    for (let i = 0; i < n; i++) {
      const c = connect({ port, host: '127.0.0.1' });
      sockets.push(c);
      const out: Buffer[] = [];
      answers.push(
        new Promise((resolve) => {
          c.on('data', (d) => {
            out.push(d);
            if (!refused.has(i) && Buffer.concat(out).toString('latin1').startsWith('HTTP/1.1 503')) {
              refused.add(i);
              onRefused();
            }
          });
          c.on('close', () => resolve(Buffer.concat(out).toString('latin1')));
          c.on('error', () => {});
        }),
      );
      c.write(head);
    }
    // Wait (on events) until every head is either wholly held or refused.
    const perHead = head.length - FREE_HEAD_BYTES;
    const settled = () => budget.used === (n - refused.size) * perHead;
    while (!settled()) {
      await Promise.race([budget.changed(), new Promise<void>((r) => (onRefused = r))]);
      budget.reset();
    }
    const during = process.memoryUsage();
    const heldMiB = budget.used / 2 ** 20;
    const growthMiB = (during.arrayBuffers - before.arrayBuffers) / 2 ** 20;
    console.log(
      `request-line budget: ${n} heads of 1 MiB, ${refused.size} refused, ${heldMiB.toFixed(1)} MiB held (peak ${(budget.peak / 2 ** 20).toFixed(1)} MiB of ${budget.limit / 2 ** 20}); ` +
        `arrayBuffers +${growthMiB.toFixed(1)} MiB, rss +${((during.rss - before.rss) / 2 ** 20).toFixed(1)} MiB (unbounded would hold ${n} MiB)`,
    );
    expect(budget.peak).toBeLessThanOrEqual(budget.limit);
    expect(refused.size).toBeGreaterThan(0);
    // The held ones finish their heads and are served.
    for (const [i, c] of sockets.entries()) if (!refused.has(i)) c.end(' HTTP/1.1\r\nHost: go\r\nConnection: close\r\n\r\n');
    const done = await Promise.all(answers);
    for (const [i, a] of done.entries()) expect(statuses(a)).toEqual([refused.has(i) ? 503 : 200]);
    expect(budget.used).toBe(0);
  }, 60_000);
});

/**
 * A server with the layer whose connections signal each read taken in, so a conversation can be
 * written in parts that arrive as separate reads (each part once the server took in the last).
 */
async function steppedServer(framedOnly: boolean): Promise<{ seen: string[]; conversation: (parts: string[]) => Promise<string> }> {
  let readTaken = () => {};
  /** Every request dispatched to the app, in order (a request must never be dispatched twice). */
  const seen: string[] = [];
  const server = createServer({ maxHeaderSize: LLHTTP_HEADER_LIMIT }, (req, res) => {
    seen.push(`${req.method} ${req.url}`);
    echo(req, res);
  });
  withRequestLineLayer(server, { headTimeoutMs: 60_000, framedOnly, onRead: () => readTaken() });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  const conversation = (parts: string[]) =>
    new Promise<string>((resolve, reject) => {
      const c = connect({ host: '127.0.0.1', port });
      const out: Buffer[] = [];
      c.on('data', (d) => out.push(d));
      c.on('close', () => resolve(Buffer.concat(out).toString('latin1').replace(/\r\nDate: [^\r]*/g, '')));
      c.on('error', reject);
      const send = (i: number) => {
        const part = parts[i];
        if (part === undefined) return;
        readTaken = () => send(i + 1);
        c.write(Buffer.from(part, 'latin1'));
      };
      send(0);
    });
  return { seen, conversation };
}

const body20 = 'GET /\xe4 HTTP/1.1\r\n\r\n\r\n'.slice(0, 20);

/** Conversations in parts (each part one read), and the requests the app must see, in order. */
const SPLIT_CONVERSATIONS: Array<{ name: string; parts: string[]; want: string[]; statuses?: number[] }> = [
  {
    name: 'raw bytes in a later read of a keep-alive connection',
    parts: ['GET /a HTTP/1.1\r\nHost: go\r\n\r\n', 'GET /\xfc HTTP/1.1\r\nHost: go\r\n\r\n', 'GET /b HTTP/1.1\r\nHost: go\r\nConnection: close\r\n\r\n'],
    want: ['url=/a raw=- body=0', 'url=/%FC raw=/\\xfc body=0', 'url=/b raw=- body=0'],
  },
  {
    name: 'pipelined: two requests served natively, then raw bytes, in one read',
    parts: [
      'GET /a HTTP/1.1\r\nHost: go\r\n\r\n' +
        `POST /form HTTP/1.1\r\nHost: go\r\nContent-Length: 20\r\n\r\n${body20}` +
        'GET /\xe4?x=\xff HTTP/1.1\r\nHost: go\r\n\r\nGET /last HTTP/1.1\r\nHost: go\r\nConnection: close\r\n\r\n',
    ],
    want: ['url=/a raw=- body=0', 'url=/form raw=- body=20', 'url=/%E4?x=%FF raw=/\\xe4?x=\\xff body=0', 'url=/last raw=- body=0'],
  },
  {
    name: 'a body that runs into the next read, then raw bytes',
    parts: [
      `POST /form HTTP/1.1\r\nHost: go\r\nContent-Length: 20\r\n\r\n${body20.slice(0, 7)}`,
      `${body20.slice(7)}GET /\xe4 HTTP/1.1\r\nHost: go\r\nConnection: close\r\n\r\n`,
    ],
    want: ['url=/form raw=- body=20', 'url=/%E4 raw=/\\xe4 body=0'],
  },
  {
    name: 'a chunked body across three reads, then raw bytes',
    parts: [
      'POST /c HTTP/1.1\r\nHost: go\r\nTransfer-Encoding: chunked\r\n\r\n3\r\n\xe4',
      '\xe4\xe4\r\n',
      '0\r\n\r\nGET /\xf0 HTTP/1.1\r\nHost: go\r\nConnection: close\r\n\r\n',
    ],
    want: ['url=/c raw=- body=3', 'url=/%F0 raw=/\\xf0 body=0'],
  },
  {
    name: 'a head across reads, its raw bytes in the second',
    parts: ['GET /a HTTP/1.1\r\nHost: go\r\n\r\nGET /b', '\xfc HTTP/1.1\r\nHost: go\r\n\r\n', 'GET /c HTTP/1.1\r\nHost: go\r\nConnection: close\r\n\r\n'],
    want: ['url=/a raw=- body=0', 'url=/b%FC raw=/b\\xfc body=0', 'url=/c raw=- body=0'],
  },
  {
    name: 'raw bytes split from their request line',
    parts: ['GET /\xc3', '\xbc HTTP/1.1\r\nHost: go\r\n', '\r\nGET /d HTTP/1.1\r\nHost: go\r\nConnection: close\r\n\r\n'],
    want: ['url=/%C3%BC raw=/\\xc3\\xbc body=0', 'url=/d raw=- body=0'],
  },
  {
    name: 'keep-alive after a raw-byte request, with a body after it',
    parts: [
      'GET /\xe4 HTTP/1.1\r\nHost: go\r\n\r\n',
      `POST /form HTTP/1.1\r\nHost: go\r\nContent-Length: 20\r\n\r\n${body20}`,
      'GET /e HTTP/1.1\r\nHost: go\r\nConnection: close\r\n\r\n',
    ],
    want: ['url=/%E4 raw=/\\xe4 body=0', 'url=/form raw=- body=20', 'url=/e raw=- body=0'],
  },
  {
    name: "a bad chunk size in a dispatched request stays llhttp's 400",
    parts: ['POST /c HTTP/1.1\r\nHost: go\r\nTransfer-Encoding: chunked\r\n\r\n', 'zz\r\nGET /\xe4 HTTP/1.1\r\n\r\n'],
    want: [],
  },
  {
    name: "a bad chunk size in the read that dispatched its request stays llhttp's 400, the request seen once",
    parts: ['GET /a HTTP/1.1\r\nHost: go\r\n\r\nPOST /c HTTP/1.1\r\nHost: go\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nx\r\nzz\r\n'],
    want: ['url=/a raw=- body=0'],
    // node itself answers /a before the 400 when it reads natively (its callbacks run the
    // microtasks in between), and not when JavaScript hands it the read: as Go, /a is answered.
    statuses: [200, 400],
  },
  {
    name: "a request line llhttp refuses for another reason stays its 400, after a native one",
    parts: ['GET /a HTTP/1.1\r\nHost: go\r\n\r\n', 'GET /a\x01b HTTP/1.1\r\nHost: go\r\n\r\n'],
    want: ['url=/a raw=- body=0'],
  },
];

describe('native read with hand-over to the framed path', () => {
  for (const { name, parts, want, statuses: answered } of SPLIT_CONVERSATIONS) {
    test(`${name}: the app sees what the framed path gives it, and the answers are the same`, async () => {
      const [native, framed] = [await steppedServer(false), await steppedServer(true)];
      const [a, b] = [await native.conversation(parts), await framed.conversation(parts)];
      expect(bodies(a)).toEqual(want);
      expect(native.seen).toEqual(framed.seen);
      if (answered) expect(statuses(a)).toEqual(answered);
      else expect(a).toBe(b);
    });
  }

  test('ordinary requests stay with node’s native read (no JavaScript reads the socket)', async () => {
    const server = createServer({ maxHeaderSize: LLHTTP_HEADER_LIMIT }, echo);
    withRequestLineLayer(server, { headTimeoutMs: 60_000 });
    servers.push(server);
    const consumed = new Promise<boolean>((resolve) =>
      server.once('request', (req: IncomingMessage) => resolve((req.socket as Socket & { parser?: { _consumed?: boolean } }).parser?._consumed === true)),
    );
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as AddressInfo;
    expect(bodies(await talk(port, 'GET /a HTTP/1.1\r\nHost: go\r\nConnection: close\r\n\r\n'))).toEqual(['url=/a raw=- body=0']);
    expect(await consumed).toBe(true);
  });
});
