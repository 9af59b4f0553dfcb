/**
 * What a fixture's data directory holds, made through the apps' real HTTP APIs and CLI commands
 * (nothing written to a database directly), in two runs of the suite at two times before the
 * fixture's clock:
 *
 * - as bob (`--dev-login`), at `BOB_AT`: pastes amy will read later — one that expires in an
 *   hour (long gone at the fixture's time), one burn-after-reading (only a reader other than its
 *   author burns it), one unlisted.
 * - as amy (the config's dev login), at `AMY_AT`: links with templates, an edit history, one
 *   deleted and one deleted and restored, an import; pastes of every kind; secrets with several
 *   versions, one activated and one deleted, around a KEK rotation; identity-provider clients of
 *   every kind (confidential, public with PKCE, dynamically registered, JWT access tokens, native
 *   loopback), sign-ins whose refresh families stay live, a code never redeemed, and a signing-key
 *   rotation between sign-ins; queries that succeed, are refused and fail, for the SQL query log.
 *
 * Returns the values the recorded part (`exercise.ts`) needs: random ids, secrets and tokens.
 *
 * @example
 *   const bob = await populateAsBob(session);
 *   const state = await populateAsAmy(session, bob);
 */
import { createHash } from 'node:crypto';
import { basicAuth, form, GOLINK, json, SETEC, type Session } from './transcript.js';

export const BOB_AT = '2026-12-07T10:00:00Z';
export const AMY_AT = '2026-12-07T11:45:00Z';
/** The fixture's clock: what the recorded part and every replay run at. */
export const FIXTURE_AT = '2026-12-07T12:00:00Z';

export const REDIRECT = 'http://127.0.0.1:9/cb';
export const VERIFIER = 'fixture-pkce-verifier-0123456789-abcdefghijklmnopqrstuvwxyz';

export interface BobState {
  expiredPaste: string;
  burnPaste: string;
  unlistedPaste: string;
}

export interface Tokens {
  access_token: string;
  refresh_token: string;
  id_token: string;
}

export interface State extends BobState {
  pastes: { text: string; markdown: string; org: string; code: string; unlisted: string; dayLong: string };
  clients: { confidential: Client; publicPkce: Client; jwt: Client; native: Client };
  signIns: { confidential: Tokens; publicPkce: Tokens; jwt: Tokens };
  unredeemedCode: string;
}

export interface Client {
  client_id: string;
  client_secret?: string;
}


async function paste(s: Session, note: string, fields: Record<string, string>): Promise<string> {
  const body = form(fields);
  const made = await s.httpJson<{ id: string }>(note, { app: 'paste', method: 'POST', path: '/api/post', ...body, headers: { ...body.headers, accept: 'application/json' } }, 201);
  return made.id;
}

export async function populateAsBob(s: Session): Promise<BobState> {
  return {
    expiredPaste: await paste(s, 'bob: a paste that lives an hour', { filename: 'short-lived.txt', content: 'gone by noon\n', expires: '1h' }),
    burnPaste: await paste(s, 'bob: burn after reading', { filename: 'once.txt', content: 'read me once\n', burn: '1', expires: '1d' }),
    unlistedPaste: await paste(s, 'bob: unlisted', { filename: 'hidden.txt', content: 'by link only\n', unlisted: '1' }),
  };
}

async function populateLinks(s: Session): Promise<void> {
  const save = (note: string, fields: Record<string, string>) => s.httpJson(note, { app: 'links', method: 'POST', path: '/', ...form(fields), headers: { ...form(fields).headers, ...GOLINK } });
  await save('a plain link', { short: 'docs', long: 'https://docs.example.com/' });
  const edit = form({ long: 'https://docs.example.com/v2/', description: 'The documentation' });
  await s.httpJson('edit it: history', { app: 'links', method: 'POST', path: '/.detail/docs', ...edit, headers: { ...edit.headers, ...GOLINK } });
  await save('a template link', { short: 'search', long: 'https://search.example.com/?q={{.Path}}' });
  await save('a template with the clock and functions', { short: 'day', long: 'https://cal.example.com/{{.Now.Format "2006-01-02"}}/{{PathEscape .Path}}' });
  await save('a template with Match', { short: 'bug', long: '{{if Match "^[0-9]+$" .Path}}https://bugs.example.com/{{.Path}}{{else}}https://bugs.example.com/search?q={{QueryEscape .Path}}{{end}}' });
  await save('an alias', { short: 'd', long: 'http://go/docs' });
  await save('a link to delete', { short: 'old', long: 'https://old.example.com/' });
  await save('a link to delete and restore', { short: 'back', long: 'https://back.example.com/' });
  await s.http('delete old', { app: 'links', method: 'POST', path: '/.delete/old', headers: GOLINK });
  await s.http('delete back', { app: 'links', method: 'POST', path: '/.delete/back', headers: GOLINK });
  await s.http('restore back', { app: 'links', method: 'POST', path: '/.restore/back', headers: GOLINK });
  await s.http('visit docs (popularity)', { app: 'links', method: 'GET', path: '/docs' });
  await s.cli('import golink JSON Lines', ['links', 'import', '{{work}}/links-import.jsonl', '--config', '{{work}}/config.hujson']);
}

async function populatePastes(s: Session): Promise<State['pastes']> {
  const text = await paste(s, 'plain text', { filename: 'notes.txt', content: 'line one\nline two\n' });
  const markdown = await paste(s, 'markdown', { filename: 'README.md', content: '# Title\n\nSome *text* and a [link](https://example.com).\n' });
  const org = await paste(s, 'org', { filename: 'plan.org', content: '* Plan\n** TODO write fixtures\n' });
  const code = await paste(s, 'code with a language', { filename: 'main.ts', content: 'export const answer: number = 42;\n', language: 'typescript' });
  const unlisted = await paste(s, 'unlisted', { filename: 'secret-ish.txt', content: 'not in lists\n', unlisted: 'true' });
  const dayLong = await paste(s, 'expires in a day', { filename: 'today.txt', content: 'still here at noon\n', expires: '1d' });
  await s.cli('paste from the CLI', ['paste', '--server', '{{url:paste}}', '-n', 'cli.txt', '--expires', '1w'], 'from the command line\n');
  const doomed = await paste(s, 'a paste to delete', { filename: 'del.txt', content: 'x' });
  await s.http('delete it', { app: 'paste', method: 'DELETE', path: `/paste/${doomed}` });
  return { text, markdown, org, code, unlisted, dayLong };
}

async function populateSecrets(s: Session): Promise<void> {
  const call = (note: string, endpoint: string, body: unknown) => s.httpJson(note, { app: 'secrets', method: 'POST', path: `/api/${endpoint}`, ...json(body, SETEC) });
  const value = (v: string) => Buffer.from(v).toString('base64');
  await call('put prod/db-url v1', 'put', { Name: 'prod/db-url', Value: value('postgres://app:one@db.example/app') });
  await call('put prod/db-url v2', 'put', { Name: 'prod/db-url', Value: value('postgres://app:two@db.example/app') });
  await call('put prod/db-url v3', 'put', { Name: 'prod/db-url', Value: value('postgres://app:three@db.example/app') });
  await call('activate v2', 'activate', { Name: 'prod/db-url', Version: 2 });
  await call('delete v3', 'delete-version', { Name: 'prod/db-url', Version: 3 });
  await call('put dev/token', 'put', { Name: 'dev/token', Value: value('tok-123') });
  await s.cli('rotate the KEK while serving', ['secret', 'rotate-kek', '--config', '{{work}}/config.hujson']);
  await call('put prod/db-url v4 under the new KEK', 'put', { Name: 'prod/db-url', Value: value('postgres://app:four@db.example/app') });
  await s.cli('put from the CLI', ['secret', 'put', 'ci/deploy-key', '--server', '{{url:secrets}}'], 'deploy-key-value');
}

export function s256(verifier: string): string {
  return createHash('sha256').update(verifier).digest('base64url');
}

/** `/authorize` for `client`; the code from the redirect. */
async function authorize(s: Session, note: string, client: Client, extra: Record<string, string> = {}): Promise<string> {
  const q = new URLSearchParams({ client_id: client.client_id, redirect_uri: REDIRECT, response_type: 'code', scope: 'openid email profile offline_access', state: 'st', nonce: 'n-1', ...extra });
  const a = await s.http(note, { app: 'idp', method: 'GET', path: `/authorize?${q}` });
  const code = new URL(a.headers.location ?? 'http://x/').searchParams.get('code');
  if (a.status !== 302 || !code) throw new Error(`${note}: no code: ${a.status} ${a.body ?? ''}`);
  return code;
}

async function redeem(s: Session, note: string, client: Client, code: string, extra: Record<string, string> = {}): Promise<Tokens> {
  const body = form({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT, ...extra });
  const headers = client.client_secret ? { ...body.headers, authorization: basicAuth(client.client_id, client.client_secret) } : body.headers;
  return s.httpJson<Tokens>(note, { app: 'idp', method: 'POST', path: '/token', ...body, headers });
}

async function populateIdp(s: Session): Promise<Pick<State, 'clients' | 'signIns' | 'unredeemedCode'>> {
  const created = form({ name: 'grafana', redirect_uri: REDIRECT });
  const confidential = await s.httpJson<Client>('a confidential client (admin API)', { app: 'idp', method: 'POST', path: '/clients/new', ...created });
  const register = (note: string, body: Record<string, unknown>) => s.httpJson<Client>(note, { app: 'idp', method: 'POST', path: '/register', ...json(body) }, 201);
  const publicPkce = await register('a public client (DCR, PKCE)', { client_name: 'spa', redirect_uris: [REDIRECT], token_endpoint_auth_method: 'none' });
  const jwt = await register('a client with JWT access tokens (DCR)', { client_name: 'mcp', redirect_uris: [REDIRECT], access_token_format: 'jwt', scope: 'openid email', contacts: ['ops@example.com'] });
  const native = await register('a native client with a loopback redirect', { client_name: 'cli', redirect_uris: ['http://127.0.0.1/callback'], application_type: 'native', token_endpoint_auth_method: 'none' });

  const confidentialTokens = await redeem(s, 'sign in (confidential)', confidential, await authorize(s, 'authorize (confidential)', confidential));
  await s.cli('rotate the signing key while serving', ['idp', 'rotate-key', '--config', '{{work}}/config.hujson']);
  const pkce = { code_challenge: s256(VERIFIER), code_challenge_method: 'S256' };
  const publicTokens = await redeem(s, 'sign in (public, PKCE)', publicPkce, await authorize(s, 'authorize (public)', publicPkce, pkce), { client_id: publicPkce.client_id, code_verifier: VERIFIER });
  const jwtTokens = await redeem(s, 'sign in (JWT access token)', jwt, await authorize(s, 'authorize (jwt)', jwt));
  const unredeemedCode = await authorize(s, 'a code nobody redeems', confidential);
  return { clients: { confidential, publicPkce, jwt, native }, signIns: { confidential: confidentialTokens, publicPkce: publicTokens, jwt: jwtTokens }, unredeemedCode };
}

async function populateSql(s: Session): Promise<void> {
  const query = (note: string, q: string) => s.http(note, { app: 'sql', method: 'GET', path: `/json?${new URLSearchParams({ q, src: 'main' })}`, headers: { 'sec-tailsql': '1' } });
  await query('a query', 'SELECT name, qty FROM items ORDER BY name');
  await query('a refused write', 'DELETE FROM items');
  await query('a failing query', 'SELECT nope FROM items');
}

export async function populateAsAmy(s: Session, bob: BobState): Promise<State> {
  await populateLinks(s);
  const pastes = await populatePastes(s);
  await populateSecrets(s);
  const idp = await populateIdp(s);
  await populateSql(s);
  return { ...bob, pastes, ...idp };
}
