/**
 * Redirect URIs: which may be registered, which requested URI matches a registered one, and how
 * the response parameters are added to it.
 *
 * - Registration (admin UI, `/clients/` API and DCR alike; tsidp validated only in the UI): an
 *   absolute URI without a fragment, not one of the schemes a browser would run or read
 *   (`javascript`, `data`, `file`…, tsidp's list), and `http(s)` URIs need a host. Custom schemes
 *   (`com.example.app:/cb`) are allowed for native apps.
 * - Matching: byte equality, as tsidp, plus RFC 8252 §7.3 for native apps: a registered
 *   `http://127.0.0.1/…`, `http://[::1]/…` or `http://localhost/…` URI matches the same URI on
 *   any port, because the app picks a free port at run time.
 * - Responses: the parameters are merged into the URI's existing query and the keys sorted, as
 *   tsidp (Go's `url.Values.Encode`) does.
 *
 * @example
 *   redirectUriProblem('javascript:alert(1)')                             // 'the "javascript" scheme is not allowed'
 *   matchesRegistered(['http://127.0.0.1/cb'], 'http://127.0.0.1:51234/cb') // true
 *   withParams('https://rp.example/cb?x=1', { state: 's', code: 'c' })     // 'https://rp.example/cb?code=c&state=s&x=1'
 */

const FORBIDDEN_SCHEMES = new Set([
  'ftp',
  'file',
  'mailto',
  'javascript',
  'data',
  'blob',
  'filesystem',
  'vbscript',
  'about',
  'chrome',
  'chrome-extension',
]);

const LOOPBACK_HOSTS = new Set(['127.0.0.1', '[::1]', 'localhost']);

/** Why `uri` cannot be registered, or undefined when it can (its length is client-limits.ts's concern). */
export function redirectUriProblem(uri: string): string | undefined {
  let u: URL;
  try {
    u = new URL(uri);
  } catch {
    return `"${uri}" is not an absolute URI (it needs a scheme, such as https://)`;
  }
  const scheme = u.protocol.slice(0, -1).toLowerCase();
  if (FORBIDDEN_SCHEMES.has(scheme)) return `the "${scheme}" scheme is not allowed in a redirect URI`;
  // WHATWG URL parsing turns `http:///cb` into `http://cb/`, so check the text itself.
  if ((scheme === 'http' || scheme === 'https') && (u.hostname === '' || !/^https?:\/\/[^/?#]/i.test(uri))) return `"${uri}" has no host`;
  if (uri.includes('#')) return `"${uri}" has a fragment, which redirect URIs may not have`;
  return undefined;
}

/** The URIs of a newline-separated list (admin form field), trimmed, empty lines dropped. */
export function splitRedirectUris(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** True when `uri` is an `http` loopback URI (RFC 8252 §7.3), whose port may vary. */
export function isLoopbackRedirect(uri: string): boolean {
  try {
    const u = new URL(uri);
    return u.protocol === 'http:' && LOOPBACK_HOSTS.has(u.hostname);
  } catch {
    return false;
  }
}

/** `uri` without its port, for the loopback comparison. */
function withoutPort(uri: string): string {
  const u = new URL(uri);
  u.port = '';
  return u.href;
}

/** Whether `requested` matches one of `registered` (see the module comment). */
export function matchesRegistered(registered: readonly string[], requested: string): boolean {
  if (registered.includes(requested)) return true;
  if (!isLoopbackRedirect(requested)) return false;
  const bare = withoutPort(requested);
  return registered.some((r) => isLoopbackRedirect(r) && withoutPort(r) === bare);
}

/** `uri` with `params` merged into its query (existing keys kept, all keys sorted), tsidp's format. */
export function withParams(uri: string, params: Record<string, string | undefined>): string {
  const u = new URL(uri);
  const q = new URLSearchParams(u.search);
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') q.append(k, v);
  q.sort();
  u.search = q.toString();
  return u.href;
}
