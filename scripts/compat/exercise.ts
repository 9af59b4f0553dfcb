/**
 * The recorded part of a fixture: what a client of this release does with the populated data at
 * the fixture's time, every request and CLI run kept in the transcript with its answer. Each step
 * uses only values the data directory already holds (ids and tokens from `populate.ts`), never
 * one a recorded answer made up, so a replay sends exactly the recorded requests.
 *
 * It covers, per app, the wire formats a client depends on — golink's routes, JSON and export,
 * tclip's API and views, setec's API, tailsql's routes, tsidp's discovery, tokens, userinfo and
 * clients API — and the time rules: the hour-long paste has expired, a burn-after-reading paste
 * burns, a code older than 2 minutes is refused, refresh families are live and detect reuse. The
 * exports and the backup written by this release are read back (`links resolve --from-backup`,
 * `restore`), and every audit log verifies.
 *
 * @example await exercise(session, state);
 */
import type { State, Tokens } from './populate.js';
import { REDIRECT } from './populate.js';
import { basicAuth, form, GOLINK, json, SETEC, type Session } from './transcript.js';

const ACCEPT_JSON = { accept: 'application/json' };
const ACCEPT_HTML = { accept: 'text/html' };
const CONFIG = ['--config', '{{work}}/config.hujson'];

async function links(s: Session): Promise<void> {
  const get = (note: string, path: string, headers: Record<string, string> = {}) => s.http(note, { app: 'links', method: 'GET', path, headers });
  await get('golink export (JSON Lines)', '/.export');
  await get('a link as JSON', '/.detail/docs', ACCEPT_JSON);
  await get('a restored link as JSON', '/.detail/back', ACCEPT_JSON);
  await get('a deleted link is gone for API clients', '/.detail/old', ACCEPT_JSON);
  await get('redirect with extra path and query', '/docs/guide/intro?lang=en');
  await get('a template', '/search/hello world');
  await get('a template with .Now (the fixed clock)', '/day/a b');
  await get('Match, digits', '/bug/1234');
  await get('Match, words', '/bug/crash on start');
  await get('an alias', '/d/x');
  await get('an imported link', '/imported');
  await get('a deleted link', '/old');
  await get('an unknown link', '/nope');
  await get('resolution as JSON', '/.resolve/d/more');
  await get('the home page (HTML)', '/', ACCEPT_HTML);
  await get('a detail page with history (HTML)', '/.detail/docs', ACCEPT_HTML);
  await get('popularity export', '/.export-stats');
  const fresh = form({ short: 'fresh', long: 'https://fresh.example.com/' });
  await s.http('create a link', { app: 'links', method: 'POST', path: '/', ...fresh, headers: { ...fresh.headers, ...GOLINK } });
  const bad = form({ short: 'bad name!', long: 'https://x.example/' });
  await s.http('an invalid name is refused', { app: 'links', method: 'POST', path: '/', ...bad, headers: { ...bad.headers, ...GOLINK } });
  await s.http('delete search', { app: 'links', method: 'POST', path: '/.delete/search', headers: GOLINK });
  await s.http('restore search', { app: 'links', method: 'POST', path: '/.restore/search', headers: GOLINK });
  await s.cli('resolve offline', ['links', 'resolve', 'go/docs/cli', ...CONFIG]);
  await s.cli('resolve against the export', ['links', 'resolve', 'go/search/from export', '--from-backup', '{{work}}/exports/links.jsonl']);
}

async function pastes(s: Session, st: State): Promise<void> {
  const get = (note: string, path: string, headers: Record<string, string> = {}) => s.http(note, { app: 'paste', method: 'GET', path, headers });
  await get('the list as JSON', '/api/pastes', ACCEPT_JSON);
  await get('my pastes as JSON', '/api/pastes?mine=1', ACCEPT_JSON);
  await get('search', '/api/pastes?q=line', ACCEPT_JSON);
  await get('a paste as JSON', `/paste/${st.pastes.text}`, ACCEPT_JSON);
  await get('raw', `/paste/${st.pastes.text}/raw`);
  await get('download', `/paste/${st.pastes.code}/dl`);
  await get('code as JSON', `/paste/${st.pastes.code}`, ACCEPT_JSON);
  await get('markdown reading view (HTML)', `/paste/${st.pastes.markdown}/md`, ACCEPT_HTML);
  await get('org reading view (HTML)', `/paste/${st.pastes.org}/org`, ACCEPT_HTML);
  await get('a paste page (HTML)', `/paste/${st.pastes.text}`, ACCEPT_HTML);
  await get('unlisted, by its link', `/paste/${st.pastes.unlisted}`, ACCEPT_JSON);
  await get("someone else's unlisted", `/paste/${st.unlistedPaste}/raw`);
  await get('a paste a day long, 15 minutes in', `/paste/${st.pastes.dayLong}`, ACCEPT_JSON);
  await get('an hour-long paste two hours later', `/paste/${st.expiredPaste}`, ACCEPT_JSON);
  await get('burn after reading, before the reveal', `/paste/${st.burnPaste}`, ACCEPT_JSON);
  await s.http('reveal (burns it)', { app: 'paste', method: 'POST', path: `/paste/${st.burnPaste}/reveal`, headers: { accept: 'text/plain' } });
  await get('burnt', `/paste/${st.burnPaste}`, ACCEPT_JSON);
  await get('an unknown paste', '/paste/00000000-0000-4000-8000-000000000000', ACCEPT_JSON);
  const made = form({ filename: 'new.txt', content: 'made at noon\n', expires: '1h' });
  await s.http('post (JSON)', { app: 'paste', method: 'POST', path: '/api/post', ...made, headers: { ...made.headers, ...ACCEPT_JSON } });
  await s.http('post (text)', { app: 'paste', method: 'POST', path: '/api/post', ...made, headers: { ...made.headers, accept: 'text/plain' } });
  await s.cli('paste from the CLI', ['paste', '--server', '{{url:paste}}', '-n', 'noon.txt', '--unlisted'], 'from the CLI at noon\n');
  await s.http('delete a paste', { app: 'paste', method: 'DELETE', path: `/paste/${st.pastes.org}` });
  await get('deleted', `/paste/${st.pastes.org}`, ACCEPT_JSON);
}

async function secrets(s: Session): Promise<void> {
  const call = (note: string, endpoint: string, body: unknown) => s.http(note, { app: 'secrets', method: 'POST', path: `/api/${endpoint}`, ...json(body, SETEC) });
  await call('list', 'list', {});
  await call('get the active version', 'get', { Name: 'prod/db-url' });
  await call('get v1 (sealed under the old KEK)', 'get', { Name: 'prod/db-url', Version: 1 });
  await call('get v4 (sealed under the new KEK)', 'get', { Name: 'prod/db-url', Version: 4 });
  await call('a deleted version', 'get', { Name: 'prod/db-url', Version: 3 });
  await call('info', 'info', { Name: 'prod/db-url' });
  await call('get if changed, unchanged', 'get', { Name: 'prod/db-url', Version: 2, UpdateIfChanged: true });
  await call('an unknown secret', 'get', { Name: 'nope' });
  await call('put a new version', 'put', { Name: 'dev/token', Value: Buffer.from('tok-456').toString('base64') });
  await call('activate it', 'activate', { Name: 'dev/token', Version: 2 });
  await s.http('a browser is refused', { app: 'secrets', method: 'POST', path: '/api/list', ...json({}) });
  await s.cli('secret list (CLI)', ['secret', 'list', '--server', '{{url:secrets}}']);
  await s.cli('secret get (CLI)', ['secret', 'get', 'ci/deploy-key', '--server', '{{url:secrets}}']);
  await call('delete a secret', 'delete', { Name: 'ci/deploy-key' });
  await call('deleted', 'info', { Name: 'ci/deploy-key' });
  await s.cli('secret info (CLI)', ['secret', 'info', 'prod/db-url', '--server', '{{url:secrets}}']);
}

async function idp(s: Session, st: State): Promise<void> {
  const get = (note: string, path: string, headers: Record<string, string> = {}) => s.http(note, { app: 'idp', method: 'GET', path, headers });
  const { confidential, publicPkce, jwt } = st.clients;
  const auth = { authorization: basicAuth(confidential.client_id, confidential.client_secret ?? '') };
  const token = (note: string, fields: Record<string, string>, headers: Record<string, string> = auth) => {
    const body = form(fields);
    return s.http(note, { app: 'idp', method: 'POST', path: '/token', ...body, headers: { ...body.headers, ...headers } });
  };
  await get('OpenID discovery', '/.well-known/openid-configuration');
  await get('OAuth discovery', '/.well-known/oauth-authorization-server');
  await get('JWKS: keys across the rotation', '/.well-known/jwks.json');
  await get('clients API: list', '/clients/');
  await get('clients API: one', `/clients/${confidential.client_id}`);
  await get('userinfo with a live access token', '/userinfo', { authorization: `Bearer ${st.signIns.confidential.access_token}` });
  await get('userinfo with a JWT access token', '/userinfo', { authorization: `Bearer ${st.signIns.jwt.access_token}` });
  const introspect = form({ token: st.signIns.publicPkce.access_token });
  await s.http('introspect', { app: 'idp', method: 'POST', path: '/introspect', ...introspect, headers: { ...introspect.headers, ...auth } });
  await token('a code older than 2 minutes', { grant_type: 'authorization_code', code: st.unredeemedCode, redirect_uri: REDIRECT });
  const refresh = (t: Tokens) => ({ grant_type: 'refresh_token', refresh_token: t.refresh_token });
  await token('refresh a live family', refresh(st.signIns.confidential));
  await token('reuse the old refresh token (revokes the family)', refresh(st.signIns.confidential));
  await token('refresh a public client', { ...refresh(st.signIns.publicPkce), client_id: publicPkce.client_id }, {});
  const revoke = form({ token: st.signIns.jwt.refresh_token });
  await s.http('revoke a refresh token', { app: 'idp', method: 'POST', path: '/revoke', ...revoke, headers: { ...revoke.headers, authorization: basicAuth(jwt.client_id, jwt.client_secret ?? '') } });
  await token('refresh a revoked family', refresh(st.signIns.jwt), { authorization: basicAuth(jwt.client_id, jwt.client_secret ?? '') });
  await token('a wrong client secret', refresh(st.signIns.confidential), { authorization: basicAuth(confidential.client_id, 'wrong') });
  await token('token exchange (RFC 8693) for another audience', {
    grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
    subject_token: st.signIns.publicPkce.access_token,
    subject_token_type: 'urn:ietf:params:oauth:token-type:access_token',
    audience: 'https://api.example.com',
  });
  await get('the admin page (HTML)', '/', ACCEPT_HTML);
}

async function sql(s: Session): Promise<void> {
  const q = (route: string, query: string) => `${route}?${new URLSearchParams({ q: query, src: 'main' })}`;
  const tailsql = { 'sec-tailsql': '1' };
  await s.http('query, JSON', { app: 'sql', method: 'GET', path: q('/json', 'SELECT name, qty, price FROM items ORDER BY name'), headers: tailsql });
  await s.http('query, CSV', { app: 'sql', method: 'GET', path: q('/csv', 'SELECT name, qty FROM items ORDER BY name'), headers: tailsql });
  await s.http('a write is refused', { app: 'sql', method: 'GET', path: q('/json', 'UPDATE items SET qty = 0'), headers: tailsql });
  await s.http('without the header', { app: 'sql', method: 'GET', path: q('/json', 'SELECT 1') });
  await s.http('meta', { app: 'sql', method: 'GET', path: '/meta', headers: tailsql });
  await s.http('a named query', { app: 'sql', method: 'GET', path: q('/json', 'named:stock'), headers: tailsql });
  await s.http("an app's own view: links", { app: 'sql', method: 'GET', path: `/csv?${new URLSearchParams({ q: 'SELECT * FROM links ORDER BY 1', src: 'links' })}`, headers: tailsql });
  await s.http('export as NDJSON', { app: 'sql', method: 'GET', path: `${q('/export', 'SELECT name FROM items ORDER BY name')}&format=ndjson`, headers: tailsql });
  await s.http('the console (HTML)', { app: 'sql', method: 'GET', path: '/', headers: ACCEPT_HTML });
}

async function platform(s: Session): Promise<void> {
  await s.cli('every audit log verifies', ['audit', 'verify', ...CONFIG]);
  await s.cli('the config still validates', ['config', 'check', '{{work}}/config.hujson']);
  await s.cli('the backup written by this release restores', ['restore', '{{work}}/exports/backup', '--data', '{{work}}/restored']);
  await s.cli('and its audit logs verify', ['audit', 'verify', '--data', '{{work}}/restored']);
}

/** Runs the recorded part; the session keeps every step with its answer. */
export async function exercise(s: Session, st: State): Promise<void> {
  await links(s);
  await pastes(s, st);
  await secrets(s);
  await idp(s, st);
  await sql(s);
  await platform(s);
}
