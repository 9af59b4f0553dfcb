/**
 * The paste app behind the platform's real request pipeline (identity, CSRF, body limits) and
 * security headers, on a real loopback socket, with a stand-in tailnet mode whose callers the test
 * chooses: a tailnet user, or an unknown peer, which on Funnel paths becomes an anonymous caller.
 * Funnel itself cannot run here (it needs Tailscale's ingress and HTTPS certificates), so this
 * fixed identity stands in for it; the app's base URL is the HTTPS MagicDNS one a node with
 * certificates has, which Headscale cannot issue.
 */
import { createServer, type RequestListener, type Server } from 'node:http';
import { getRequestListener } from '@hono/node-server';
import { Hono } from 'hono';
import { pasteApp } from '../../../src/apps/paste/index.js';
import { suite } from '../../../src/suite.js';
import { suiteFrames } from '../../../src/platform/frame.js';
import type { Caller } from '../../../src/platform/identity.js';
import { silentLogger } from '../../../src/platform/logging.js';
import { createMetrics } from '../../../src/platform/metrics.js';
import { type PlatformEnv, requestPipeline, withSecurityHeaders } from '../../../src/platform/middleware.js';
import { loadAssets, staticRoutes } from '../../../src/platform/static.js';
import { openAppDatabase } from '../../../src/platform/storage.js';
import { testAppContext } from '../../support/app-context.js';
import { fixedTailnetMode, INTERNET_PEER } from '../../support/fixed-mode.js';
import { tempDataDir } from '../../support/platform.js';
import { CAP } from './helpers.js';

export const FUNNEL_BASE = 'https://paste.tail1234.ts.net';
const FRAMES = suiteFrames([
  { id: 'links', name: 'go/ links', url: () => 'https://go.tail1234.ts.net' },
  { id: 'paste', name: 'paste', url: () => FUNNEL_BASE },
]);

export interface FunnelPaste {
  url: string;
  /** Who the next requests come from; undefined is an unknown peer (anonymous on Funnel). */
  caller: Caller | undefined;
  close(): Promise<void>;
}

export async function startFunnelPaste(appConfig: Record<string, unknown> = {}): Promise<FunnelPaste> {
  const db = openAppDatabase(':memory:', pasteApp.migrations);
  const config = pasteApp.configSchema.parse(appConfig);
  const metrics = createMetrics({ defaultMetrics: false });
  const { ctx, close } = testAppContext(pasteApp, {
    db,
    config,
    capName: CAP,
    dataDir: tempDataDir('tailyard-paste-funnel-'),
    hostname: 'paste',
    tailnet: { whois: async (addr) => ({ kind: 'unknown', remoteAddr: addr }), baseUrl: () => FUNNEL_BASE },
  });
  const state: FunnelPaste = { url: '', caller: undefined, close: async () => {} };
  const mode = fixedTailnetMode(() => (state.caller ? { kind: 'caller', caller: state.caller } : { kind: 'unknown', remoteAddr: INTERNET_PEER }));
  const root = new Hono<PlatformEnv>();
  root.route('/', staticRoutes(loadAssets(suite().assets, 'the suite'), loadAssets(pasteApp.assets ?? {}, 'paste')));
  root.use(
    requestPipeline({
      appId: 'paste',
      log: silentLogger(),
      metrics,
      mode,
      anonymous: { funnel: true, prefixes: pasteApp.publicPathPrefixes ?? [], admitUnknownPeers: false },
      maxBodyBytes: pasteApp.maxBodyBytes?.(config) ?? 1 << 20,
      // The suite frame of a tailnet with go/ links next to paste, as the platform builds it.
      frame: (anonymous) => FRAMES.forApp('paste', anonymous),
    }),
  );
  root.route('/', (await pasteApp.create(ctx)) as unknown as Hono<PlatformEnv>);
  const server: Server = createServer(withSecurityHeaders(getRequestListener(root.fetch) as RequestListener));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  state.url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  state.close = async () => {
    await new Promise<void>((r) => server.close(() => r()));
    server.closeAllConnections();
    await close();
    db.close();
  };
  return state;
}
