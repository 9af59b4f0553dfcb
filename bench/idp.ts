/**
 * Identity-provider benchmark: the token endpoint (authorization-code exchange: client
 * authentication, code check, token family, RS256 ID token, audit entry) and userinfo, each as
 * requests per second relative to the platform's trivial handler (the whoami test app's `GET /`)
 * measured in the same run, interleaved (goals: token >= 0.1, userinfo >= 0.5).
 *
 * Codes are minted before the timed loop, straight into the idp's database (as `/authorize`
 * would store them), so the loop measures only the exchange; each request redeems its own code.
 *
 *   npm run bench -- idp
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { idpApp } from '../src/apps/idp/index.js';
import { migrations } from '../src/apps/idp/schema.js';
import { TokenStore } from '../src/apps/idp/store/tokens.js';
import { derivedId, type Subject } from '../src/apps/idp/service/subject.js';
import { hashToken, randomHex } from '../src/apps/idp/service/tokens.js';
import type { AppDefinition } from '../src/platform/app.js';
import { appDatabasePath, openAppDatabase } from '../src/platform/storage.js';
import { whoamiApp } from '../test/support/whoami-app.js';
import { compare, fmt, jsonFromChild, load, type LoadResult, startBenchApp } from './load.js';

const CB = 'https://rp.example/cb';
const SECONDS = 4;
const CONNECTIONS = 20;
/** Codes per timed run: well above what SECONDS at the expected rate can redeem. */
const CODES_PER_RUN = 15_000;

const subject: Subject = {
  userId: derivedId('user\nbench@localhost'),
  login: 'bench@localhost',
  displayName: 'bench',
  picture: '',
  nodeId: '1',
  nodeKey: '',
  nodeFQDN: 'localhost',
  addresses: ['127.0.0.1'],
  tags: [],
  groups: [],
  caps: [],
};

/** Stores `n` fresh codes for `clientId` (as /authorize would) and returns them. */
function mintCodes(dataDir: string, clientId: string, n: number): string[] {
  const db = openAppDatabase(appDatabasePath(dataDir, 'idp'), migrations);
  const store = new TokenStore(db);
  const now = Math.floor(Date.now() / 1000);
  const codes: string[] = [];
  db.transaction(() => {
    for (let i = 0; i < n; i++) {
      const code = randomHex(16);
      codes.push(code);
      store.saveCode({ hash: hashToken(code), clientId, redirectUri: CB, scopes: ['openid', 'email'], resources: [], nonce: null, pkce: undefined, subject, nodeAddr: '127.0.0.1', authTime: now, expiresAt: now + 300 });
    }
  })();
  db.close();
  return codes;
}

/** autocannon in its own process, each POST /token redeeming the next code from `codesFile`. */
function loadTokens(url: string, codesFile: string, client: { id: string; secret: string }): Promise<LoadResult> {
  const script = `
    import autocannon from 'autocannon';
    import { readFileSync } from 'node:fs';
    const codes = readFileSync(${JSON.stringify(codesFile)}, 'utf8').split('\\n');
    let i = 0;
    const r = await autocannon({
      url: ${JSON.stringify(`${url}/token`)}, connections: ${CONNECTIONS}, duration: ${SECONDS},
      requests: [{ method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        setupRequest: (req) => ({ ...req, body: new URLSearchParams({ grant_type: 'authorization_code', code: codes[i++] ?? 'none', redirect_uri: ${JSON.stringify(CB)}, client_id: ${JSON.stringify(client.id)}, client_secret: ${JSON.stringify(client.secret)} }).toString() }) }],
    });
    process.stdout.write(JSON.stringify({ rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors + r.timeouts, non2xx: r.non2xx }));`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], { cwd: join(import.meta.dirname, '../..'), stdio: ['ignore', 'pipe', 'pipe'] });
  return jsonFromChild(child) as Promise<LoadResult>;
}

const start = startBenchApp;

export async function run(): Promise<Record<string, string | number>> {
  const data = mkdtempSync(join(tmpdir(), 'tailyard-bench-idp-'));
  const idp = await start(data, idpApp as AppDefinition, { accessTokenTtlSeconds: 3600 });
  const trivial = await start(join(data, 'whoami'), whoamiApp as AppDefinition);
  try {
    const created = await fetch(`${idp.url}/clients/new`, { method: 'POST', body: new URLSearchParams({ name: 'bench', redirect_uri: CB }) });
    const body = (await created.json()) as { client_id: string; client_secret: string };
    const client = { id: body.client_id, secret: body.client_secret };
    // Each timed run gets its own fresh codes (more than it can redeem), minted before it starts.
    let run = 0;
    const freshCodes = () => {
      const file = join(data, `codes-${run++}.txt`);
      writeFileSync(file, mintCodes(data, client.id, CODES_PER_RUN).join('\n'));
      return file;
    };
    const token = await compare(
      () => load(trivial.url, { path: '/', seconds: SECONDS }),
      () => loadTokens(idp.url, freshCodes(), client),
    );
    const [one] = mintCodes(data, client.id, 1);
    const issued = await fetch(`${idp.url}/token`, {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'authorization_code', code: one ?? '', redirect_uri: CB, client_id: client.id, client_secret: client.secret }),
    });
    const accessToken = ((await issued.json()) as { access_token: string }).access_token;
    const userinfo = await compare(
      () => load(trivial.url, { path: '/', seconds: SECONDS }),
      () => load(idp.url, { path: '/userinfo', seconds: SECONDS, headers: { Authorization: `Bearer ${accessToken}` } }),
    );
    return {
      'platform trivial handler rps (baseline)': Math.round(token.baseline.rps),
      'POST /token code exchange rps': Math.round(token.candidate.rps),
      'token/trivial ratio (goal >= 0.1)': fmt(token.ratio),
      'token p50/p99 ms': `${token.candidate.p50}/${token.candidate.p99}`,
      'token errors (non-2xx must be 0)': token.candidate.errors + token.candidate.non2xx,
      'GET /userinfo rps': Math.round(userinfo.candidate.rps),
      'userinfo/trivial ratio (goal >= 0.5)': fmt(userinfo.ratio),
      'userinfo p50/p99 ms': `${userinfo.candidate.p50}/${userinfo.candidate.p99}`,
      'userinfo errors (non-2xx must be 0)': userinfo.candidate.errors + userinfo.candidate.non2xx,
    };
  } finally {
    await idp.close();
    await trivial.close();
    rmSync(data, { recursive: true, force: true });
  }
}
