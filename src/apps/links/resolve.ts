/**
 * Pure go/-link resolution logic, following golink (reference §A.3, §A.4.1): link ids, request
 * path splitting, template expansion with query merging, alias chains and "did you mean".
 *
 * Nothing here does I/O: the HTTP handler, CLI and importers call these functions with data
 * they loaded, so the rules that decide where a link points live in one tested place.
 */
import { platformClock } from '../../platform/clock.js';
import {
  GoStruct,
  GoTime,
  type ExecLimits,
  NoUserError,
  linkFuncs,
  parseTemplate,
  pathEscape,
} from './template/index.js';
import { goToLower } from './template/gocase.js';
import { encodeQuery, fromByteString, parseQuery, toByteString } from './template/goescape.js';
import { escapedFragment, type GoURL, parseGoURL, parseURL, urlQuery, urlString } from './template/gourl.js';
import { editDistance } from '../../platform/did-you-mean.js';

export { GoURLError } from './template/gourl.js';

/**
 * golink's normalised link id: `url.PathEscape(strings.ToLower(short))` without `-`, so
 * `Meeting-Notes` and `meetingnotes` are the same link while `.` and `_` stay significant.
 *
 * @example linkID('Meeting-Notes') // 'meetingnotes'
 */
export function linkID(short: string): string {
  return pathEscape(goToLower(short)).replaceAll('-', '');
}

/**
 * Whether `short` is a valid new link name: `^\w[\w\-\.]*$` with ASCII `\w` (underscore allowed).
 *
 * @example isValidShort('foo-bar.baz') // true
 */
export function isValidShort(short: string): boolean {
  return /^[0-9A-Za-z_][0-9A-Za-z_\-.]*$/.test(short);
}

/**
 * Strips copy/paste punctuation `.,()[]{}` from the right, as golink retries lookups.
 *
 * @example trimPunctuation('who),') // 'who'
 */
export function trimPunctuation(short: string): string {
  return short.replace(/[.,()[\]{}]+$/, '');
}

/** A request path taken apart. */
export interface RequestPath {
  /** The link name (without a trailing `+`). */
  short: string;
  /** The rest of the path after the first `/` (no leading slash), inserted as `.Path`. */
  remainder: string;
  /** True for `/name+`, which golink answers with a redirect to `/.detail/name`. */
  detail: boolean;
  /** Names to look up in order: `short`, then `short` without trailing punctuation if different. */
  candidates: string[];
}

/**
 * Splits a decoded request path like golink's `serveGo`.
 *
 * @example
 *   splitRequestPath('/who./amelie')
 *   // { short: 'who.', remainder: 'amelie', detail: false, candidates: ['who.', 'who'] }
 */
export function splitRequestPath(path: string): RequestPath {
  const p = path.startsWith('/') ? path.slice(1) : path;
  const slash = p.indexOf('/');
  let short = slash < 0 ? p : p.slice(0, slash);
  const remainder = slash < 0 ? '' : p.slice(slash + 1);
  const detail = short.endsWith('+');
  if (detail) short = short.slice(0, -1);
  const trimmed = trimPunctuation(short);
  return { short, remainder, detail, candidates: trimmed !== short && trimmed !== '' ? [short, trimmed] : [short] };
}

/** What a link expansion sees. */
export interface ExpandEnv {
  /** The path remainder after the link name (`.Path`). */
  path?: string;
  /** The clock (`.Now`, always UTC); default the platform clock's time. */
  now?: Date | GoTime;
  /** The caller's login (`.User`); without one `.User` fails with {@link NoUserError}. */
  user?: string;
  /** The request's raw query (without `?`) as a byte string, merged into the destination. */
  query?: string;
}

/** The template data golink passes: `golink.expandEnv{Now, Path, user}`. */
export function expandData(env: ExpandEnv): GoStruct {
  const now = env.now instanceof GoTime ? env.now : GoTime.fromDate(env.now ?? platformClock.now());
  return new GoStruct('golink.expandEnv', {
    Now: { field: now },
    Path: { field: env.path ?? '' },
    User: {
      method: {
        params: [],
        fn: () => {
          if (!env.user) throw new NoUserError();
          return env.user;
        },
      },
    },
  });
}

/**
 * golink's default for a destination without `{{`: the path appended, with a slash only when
 * there is a remainder and the destination does not end in one.
 *
 * @example appendPath('https://x', 'a/b') // 'https://x/a/b'
 */
export function appendPath(long: string, path: string): string {
  return long.endsWith('/') ? long + path : path === '' ? long : `${long}/${path}`;
}

/**
 * The request's query added to a destination's, as golink does when the request has any valid
 * pair: each request value goes after the destination's own values for its key, and the whole
 * query is re-encoded like `url.Values.Encode` (sorted keys). Otherwise `u` is unchanged.
 *
 * @example urlString(mergeQuery(parseURL('/rel?a=1'), 'a=2&b=2')) // '/rel?a=1&a=2&b=2'
 */
export function mergeQuery(u: GoURL, rawQuery: string): GoURL {
  const extra = parseQuery(rawQuery);
  if (extra.size === 0) return u;
  const merged = urlQuery(u);
  for (const [key, values] of extra) {
    const list = merged.get(key);
    if (list) list.push(...values);
    else merged.set(key, [...values]);
  }
  return { ...u, rawQuery: encodeQuery(merged) };
}

/**
 * golink's `expandLink`: runs `long` as a template (appending the path when it has no `{{`),
 * parses the result with `url.Parse` and merges the request's query (see {@link mergeQuery}).
 * Throws TemplateParseError, TemplateExecError (its cause is a NoUserError for `.User` without
 * a user) or GoURLError.
 *
 * @example urlString(expandURL('https://x/', { path: 'a b' })) // 'https://x/a%20b'
 */
export function expandURL(long: string, env: ExpandEnv, limits?: Partial<ExecLimits>): GoURL {
  const out = long.includes('{{')
    ? parseTemplate(long, { funcs: linkFuncs }).execute(expandData(env), limits)
    : appendPath(long, env.path ?? '');
  return mergeQuery(parseURL(toByteString(out)), env.query ?? '');
}

/**
 * Where a link sends a request, as text: golink's `Location` (`URL.String()` of
 * {@link expandURL}), with any non-ASCII bytes of the raw query shown as characters.
 *
 * @example expandLink('/rel?a=1', { query: 'a=2&b=2' }) // '/rel?a=1&a=2&b=2'
 */
export function expandLink(long: string, env: ExpandEnv, limits?: Partial<ExecLimits>): string {
  return fromByteString(urlString(expandURL(long, env, limits)));
}

/** A link name with no stored link. */
export class LinkNotFoundError extends Error {
  override readonly name = 'LinkNotFoundError';
  constructor(
    readonly short: string,
    readonly chain: readonly string[],
  ) {
    super(`go/${short} not found${chain.length > 1 ? ` (via ${chain.slice(0, -1).join(' → ')})` : ''}`);
  }
}

/** An alias chain that revisits a link or exceeds the hop limit. */
export class LinkLoopError extends Error {
  override readonly name = 'LinkLoopError';
  constructor(readonly chain: readonly string[]) {
    super(`go/ link loop: ${chain.join(' → ')}`);
  }
}

export interface ResolveOptions {
  /** This service's host name (golink's `-hostname`); default `go`. */
  hostname?: string;
  /** Other names of this service, e.g. its FQDN `go.tailnet.ts.net`. */
  aliases?: readonly string[];
  /** Maximum links followed; default 10. */
  maxHops?: number;
  /** Clock for `.Now`. */
  now?: Date | GoTime;
}

/** The end of an alias chain. */
export interface Resolution {
  /** The final destination. */
  url: string;
  /** Link names followed, first to last. */
  chain: string[];
}

/**
 * Resolves a link the way the golink CLI does, server-side: expand it (no user), and while the
 * result points back at this service (`/x`, `x`, `go/x`, `http://go/x`) follow it, carrying its
 * query and fragment as a browser would. Unlike golink it strips only a whole leading `go/`
 * segment (a bare `gopher` stays `gopher`), stops loops, and never follows `mailto:`-style URLs.
 * `lookup` returns a link's long URL by name, or undefined. Throws LinkNotFoundError,
 * LinkLoopError, GoURLError and template errors.
 *
 * @example
 *   resolveChain('go/chat/x', (s) => ({ chat: '/meet', meet: 'https://meet.example/' })[s])
 *   // { url: 'https://meet.example/x', chain: ['chat', 'meet'] }
 */
export function resolveChain(
  start: string,
  lookup: (short: string) => string | undefined,
  options: ResolveOptions = {},
): Resolution {
  const hostname = (options.hostname ?? 'go').toLowerCase();
  const self = new Set([hostname, ...(options.aliases ?? []).map((a) => a.toLowerCase())]);
  const maxHops = options.maxHops ?? 10;
  const stripSelf = (path: string): string =>
    path === hostname ? '' : path.startsWith(`${hostname}/`) ? path.slice(hostname.length + 1) : path;

  const first = parseGoURL(start);
  let path = fromByteString(first.path);
  if (first.host === '') path = stripSelf(path);
  let query = first.rawQuery;
  let fragment = first.fragment === '' ? undefined : escapedFragment(first);
  const chain: string[] = [];
  const seen = new Set<string>();
  for (;;) {
    const { short, remainder } = splitRequestPath(path);
    const key = `${linkID(short)}/${remainder}`;
    if (seen.has(key) || chain.length >= maxHops) throw new LinkLoopError([...chain, short]);
    seen.add(key);
    chain.push(short);
    const trimmed = trimPunctuation(short);
    const long = lookup(short) ?? (trimmed !== short ? lookup(trimmed) : undefined);
    if (long === undefined) throw new LinkNotFoundError(short, chain);
    const dst = expandURL(long, { path: remainder, query, now: options.now });
    if (dst.fragment !== '') fragment = escapedFragment(dst);
    const local =
      (dst.scheme === '' || dst.scheme === 'http' || dst.scheme === 'https') &&
      (dst.host === '' ? dst.scheme === '' : self.has(dst.host.toLowerCase()));
    if (!local) {
      const out = urlString(dst);
      return { url: fromByteString(dst.fragment === '' && fragment !== undefined ? `${out}#${fragment}` : out), chain };
    }
    path = fromByteString(dst.path);
    if (dst.host === '') path = stripSelf(path);
    query = dst.rawQuery;
  }
}

/**
 * "Did you mean": up to 3 existing link names close to `name`, best first. A candidate matches
 * when its normalised id is within edit distance 2 of the name's (1 for names of up to 3
 * characters, where 2 would match nearly anything) or starts with it; closer and shorter first.
 *
 * @example suggest('meat', ['meet', 'meeting', 'docs']) // ['meet']
 */
export function suggest(name: string, candidates: Iterable<string>): string[] {
  const id = linkID(name);
  if (id === '') return [];
  const max = id.length <= 3 ? 1 : 2;
  const scored: Array<{ name: string; score: number; extra: number }> = [];
  const seen = new Set([id]);
  for (const candidate of candidates) {
    const cid = linkID(candidate);
    if (seen.has(cid)) continue;
    seen.add(cid);
    const d = editDistance(id, cid, max);
    const score = d <= max ? d : cid.startsWith(id) ? max + 1 : undefined;
    if (score !== undefined) scored.push({ name: candidate, score, extra: Math.abs(cid.length - id.length) });
  }
  scored.sort((x, y) => x.score - y.score || x.extra - y.extra || (x.name < y.name ? -1 : x.name > y.name ? 1 : 0));
  return scored.slice(0, 3).map((s) => s.name);
}
