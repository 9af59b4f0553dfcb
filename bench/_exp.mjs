import { pino } from 'pino';
import { createServer } from 'node:http';
import { Hono } from 'hono';
import { getRequestListener } from '@hono/node-server';
const mw = await import('../dist/src/platform/middleware.js');
const { createMetrics } = await import('../dist/src/platform/metrics.js');
const { DevMode } = await import('../dist/src/platform/tailnet/dev.js');
const { load } = await import('../dist/bench/load.js');
const log = pino({ level: 'info' }, pino.destination({ dest: '/dev/null', sync: false }));
const metrics = createMetrics({ defaultMetrics: false });
const mode = new DevMode({ login: 'a@b', capMap: {} });
mode.served.add('x');
const setlog = async (c, n) => { c.set('log', log); await n(); };
async function serveApp(layers) {
  const app = new Hono();
  for (const l of layers) app.use(l);
  app.get('/', (c) => c.text('hello, bench@localhost\n'));
  const server = createServer(getRequestListener(app.fetch));
  await new Promise(r => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${server.address().port}`, close: () => server.close() };
}
const H = [['Content-Security-Policy', "default-src 'self'"], ['X-Frame-Options','DENY'], ['X-Content-Type-Options','nosniff'], ['Referrer-Policy','same-origin'], ['Cross-Origin-Opener-Policy','same-origin'], ['Cross-Origin-Resource-Policy','same-origin']];
const pre = async (c, n) => { for (const [k, v] of H) c.header(k, v); await n(); };
const nolog = { info(){}, error(){}, warn(){} };
const variants = {
  bare: [],
  headersPre: [pre],
  accessNoLog: [mw.accessLog('x', nolog, metrics)],
  accessNoMetrics: [mw.accessLog('x', log, { requests: { inc(){} }, duration: { observe(){} } })],
  bodyGetSkip: [async (c, n) => c.req.method === 'GET' ? n() : mw.bodyLimit(1<<20)(c, n)],
};
for (const [name, layers] of Object.entries(variants)) {
  const s = await serveApp(layers);
  const r = await load(s.url, { seconds: 3 });
  console.log(name, Math.round(r.rps));
  s.close();
}
process.exit(0)
