/**
 * Pure go/-link resolution logic, following golink (reference §A.3, §A.4.1): link ids, request
 * path splitting, template expansion with query merging, alias chains and "did you mean".
 *
 * Nothing here does I/O: the HTTP handler, CLI and importers call these functions with data
 * they loaded, so the rules that decide where a link points live in one tested place.
 */
import {
  GoStruct,
  GoTime,
  type ExecLimits,
  NoUserError,
  linkFuncs,
  parseTemplate,
  pathEscape,
} from './template/index.js';
import { encodeQuery, parseQuery } from './template/goescape.js';
import { type GoURL, parseGoURL } from './template/gourl.js';

export { GoURLError } from './template/gourl.js';

/**
 * golink's normalised link id: `url.PathEscape(strings.ToLower(short))` without `-`, so
 * `Meeting-Notes` and `meetingnotes` are the same link while `.` and `_` stay significant.
 *
 * @example linkID('Meeting-Notes') // 'meetingnotes'
 */
export function linkID(short: string): string {
  return pathEscape(short.toLowerCase()).replaceAll('-', '');
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
  /** The clock (`.Now`, always UTC); default the current time. */
  now?: Date | GoTime;
  /** The caller's login (`.User`); without one `.User` fails with {@link NoUserError}. */
  user?: string;
  /** The request's raw query string (without `?`), merged into the destination. */
  query?: string;
}

/** The template data golink passes: `golink.expandEnv{Now, Path, user}`. */
export function expandData(env: ExpandEnv): GoStruct {
  const now = env.now instanceof GoTime ? env.now : GoTime.fromDate(env.now ?? new Date());
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
 * golink's `expandLink`: runs `long` as a template (appending the path when it has no `{{`),
 * then, if the request had query parameters, appends them after the destination's own and
 * re-encodes the query like Go's `url.Values.Encode` (sorted keys). Without a request query the
 * expansion is returned byte for byte. Throws TemplateParseError, TemplateExecError (its cause
 * is a NoUserError for `.User` without a user) or GoURLError.
 *
 * @example expandLink('/rel?a=1', { query: 'a=2&b=2' }) // '/rel?a=1&a=2&b=2'
 */
export function expandLink(long: string, env: ExpandEnv, limits?: Partial<ExecLimits>): string {
  let src = long;
  if (!src.includes('{{')) src += src.endsWith('/') ? '{{.Path}}' : '{{with .Path}}/{{.}}{{end}}';
  const out = parseTemplate(src, { funcs: linkFuncs }).execute(expandData(env), limits);
  const url = parseGoURL(out);
  const extra = parseQuery(env.query ?? '');
  if (extra.size === 0) return out;
  const merged = parseQuery(url.rawQuery ?? '');
  for (const [key, values] of extra) merged.set(key, [...(merged.get(key) ?? []), ...values]);
  return withQuery(url, encodeQuery(merged));
}

function withQuery(url: GoURL, rawQuery: string): string {
  return `${url.base}?${rawQuery}${url.rawFragment === undefined ? '' : `#${url.rawFragment}`}`;
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
  let path = first.host === '' ? stripSelf(first.path) : first.path;
  let query = first.rawQuery ?? '';
  let fragment = first.rawFragment;
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
    const out = expandLink(long, { path: remainder, query, now: options.now });
    const dst = parseGoURL(out);
    fragment = dst.rawFragment ?? fragment;
    const local =
      (dst.scheme === '' || dst.scheme === 'http' || dst.scheme === 'https') &&
      (dst.host === '' ? dst.scheme === '' : self.has(dst.host.toLowerCase()));
    if (!local)
      return { url: dst.rawFragment === undefined && fragment !== undefined ? `${out}#${fragment}` : out, chain };
    path = dst.host === '' ? stripSelf(dst.path) : dst.path;
    query = dst.rawQuery ?? '';
  }
}

/** Optimal-string-alignment (restricted Damerau-Levenshtein) distance, or max + 1 once above `max`. */
function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min((prev[j] as number) + 1, (row[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d = Math.min(d, (prev2[j - 2] as number) + 1);
      row.push(d);
    }
    if (Math.min(...row) > max) return max + 1;
    prev2 = prev;
    prev = row;
  }
  return prev[b.length] as number;
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
