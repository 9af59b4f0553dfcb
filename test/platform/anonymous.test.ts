/**
 * Who gets in anonymously. The tailnet modes are exercised for real in test/tailnet; here a fixed
 * TailnetMode stands in for one so each WhoIs outcome (match, no match, failure) can be chosen.
 */
import type { IncomingMessage } from 'node:http';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { linksApp } from '../../src/apps/links/index.js';
import { IdentityUnavailableError, makeCaller } from '../../src/platform/identity.js';
import { silentLogger } from '../../src/platform/logging.js';
import { type AnonymousPolicy, identity, type PlatformEnv } from '../../src/platform/middleware.js';
import type { TailnetMode } from '../../src/platform/tailnet/mode.js';
import { fixedTailnetMode } from '../support/fixed-mode.js';

type Outcome = 'caller' | 'unknown' | 'error' | 'down';

function fixedMode(outcome: Outcome): TailnetMode {
  return fixedTailnetMode(
    () => {
      if (outcome === 'error') throw new IdentityUnavailableError('whois timed out');
      if (outcome === 'unknown') return { kind: 'unknown', remoteAddr: '192.168.1.5:1234' };
      return { kind: 'caller', caller: makeCaller({ kind: 'user', login: 'alice@example.com' }) };
    },
    () => outcome !== 'down',
  );
}

async function status(outcome: Outcome, policy: Partial<AnonymousPolicy>, path = '/') {
  const app = new Hono<PlatformEnv>();
  app.use(async (c, next) => {
    c.set('log', silentLogger());
    await next();
  });
  app.use(identity('x', fixedMode(outcome), { funnel: false, prefixes: [], admitUnknownPeers: false, ...policy }));
  app.get('*', (c) => c.text(`${c.get('caller').kind}:${c.get('caller').login}`));
  const res = await app.request(path, {}, { incoming: {} as IncomingMessage });
  return `${res.status} ${await res.text()}`;
}

describe('identity policy', () => {
  it('passes identified callers through', async () => {
    expect(await status('caller', {})).toBe('200 user:alice@example.com');
  });

  it('refuses unknown peers with 403 by default', async () => {
    expect(await status('unknown', {})).toMatch(/^403 forbidden: the caller is not a node of this tailnet/);
  });

  it('admits unknown peers as anonymous on public Funnel paths only', async () => {
    expect(await status('unknown', { funnel: true, prefixes: ['/p/'] }, '/p/abc')).toBe('200 anonymous:');
    expect(await status('unknown', { funnel: true, prefixes: ['/p/'] }, '/admin')).toMatch(/^403/);
    expect(await status('unknown', { funnel: false, prefixes: ['/p/'] }, '/p/abc')).toMatch(/^403/);
  });

  it('admits every unknown peer as anonymous when the app asks for it', async () => {
    expect(await status('unknown', { admitUnknownPeers: true })).toBe('200 anonymous:');
  });

  it('go/ links admits unknown peers exactly when --links-allow-unknown-users is set', () => {
    const parse = (v: object) => linksApp.configSchema.parse(v);
    expect(linksApp.admitUnknownPeers?.(parse({ allowUnknownUsers: true }))).toBe(true);
    expect(linksApp.admitUnknownPeers?.(parse({}))).toBe(false);
  });

  it('fails closed with 503 when WhoIs fails or the node is down, whatever the policy', async () => {
    expect(await status('error', { admitUnknownPeers: true })).toMatch(/^503 service unavailable: cannot identify the caller \(whois timed out\)/);
    expect(await status('down', { admitUnknownPeers: true })).toMatch(/^503 service unavailable: this app is not connected/);
  });
});
