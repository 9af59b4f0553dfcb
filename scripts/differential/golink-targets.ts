/**
 * Seeded request targets for golink, by the categories of issue 19: ordinary ASCII targets over
 * the snapshot's links, then the same with raw bytes ≥ 0x80, raw backslashes, targets up to and
 * past Go's 1 MiB header limit, percent-encoded invalid UTF-8 for `ToLower`, `.`/`..` spelled
 * with `%2e`, `*`, absolute-form targets, and keep-alive connections carrying several of them.
 *
 * @example
 *   for (const conn of golinkConnectionsToSend(new Random(19), seen)) send(conn.targets);
 */
import type { GolinkCategory } from '../../test/support/golink-generated.js';
import type { Random } from './random.js';

export interface PlannedConnection {
  category: GolinkCategory;
  targets: Buffer[];
}

/** The short names of test/fixtures/oracle/golink/snapshot.jsonl. */
const LINKS = ['gh', 'wiki', 'blank', 'q', 'enc', 'frag', 'tpath', 'tesc', 'tpesc', 'rel', 'self', 'noslash', 'uni', 'plus', 'ifp', 'low', 'trim', 'pct', 'qonly'];
const OTHER_NAMES = ['nope', 'x', 'ghx', 'g', 'docs', 'Low2', '.detail/gh', '.detail/nope', '.export', '.help', '.all', '.detail/LOW'];
const PUNCT = ['.', ',', '(', ')', '[', ']', '{', '}'];
const SEGMENTS = ['a', 'b', 'A', 'MiXeD', 'a/b', 'x%2Fy', 'x%2fy', '%C3%BC', '%', '%25', '%zz', '..', '.', '', '~t', 'a;b', '(x)', '[y]', 'a,b', 'a+b', 'a%20b', '%23', '%3F', '%E4', '%00', '%0A', 'x.y', '-', '_', "'", '"', '<b>', '{x}', '|', '^', '`', '!$&*=:@', 'a%2Bb'];
const PARAMS = ['x=1', 'x', 'a=1&a=2', 'b=2&a=1', '=v', 'x=+', 'x=%20', 'q=%E4', 'a=%zz', '', 'y=a%2Fb', 'z=%C3%BC', 'k=v;w', 'p=%', 'u=a+b', 'x=1&&y=2', 'f=1#frag', 'e=', 'X=Y', 'q=%7B%7B.Path%7D%7D'];

/** Raw bytes ≥ 0x80: UTF-8 text that lower-cases in interesting ways, and invalid sequences. */
const RAW_NON_ASCII = ['ü', 'é', 'Ü', '名前', '😀', 'İ', 'K', 'ß', 'Σ', 'Ω', '\u00a0', '\u202e'].map((s) => Buffer.from(s, 'utf8'));
const RAW_INVALID = ['ff', 'e4', '80', 'c3', 'eda080', 'efbfbd', 'c0af', 'fe', 'f09f98'].map((h) => Buffer.from(h, 'hex'));

const PCT_INVALID = ['%AE', '%85', '%FF', '%C3', '%C3%28', '%E4%BD', '%F0%9F%98', '%C0%AF', '%ED%A0%80', '%80%80', '%FE%FF', '%F8%88%80%80%80', '%ae%85'];
const PCT_VALID = ['%C3%BC', '%C3%9C', 'ABC', 'x', '%E2%84%AA', '%C4%B0', '%CE%A3', '%E1%BA%9E', 'Z/q', '%2F'];

const DOT_PATHS = ['%2e', '%2E', '%2e%2e', '%2E%2E', '%2e%2E', '.', '..', '.%2e', '%2e.', '...', '%2e%2e%2f', '%2e/', '%2E%2E/', './', '../', '%252e'];
const ASTERISKS = ['*', '*?x=1', '**', '*/gh', '*gh', '/*', '/gh/*', '/*?x', '*#', '*.', '*%2e', '/gh*', '*?'];
const SCHEMES = ['http', 'HTTP', 'https', 'Http', 'ftp', 'HTTPS'];
const HOSTS = ['go', 'GO', 'go:80', '127.0.0.1', 'other.example', 'user@go', '[::1]', 'go.', 'Go:8080'];

/** Long targets: sizes around Node's 16 KiB header limit and Go's 1 MiB (+4 KiB slack). */
const LONG_SIZES = [8_000, 16_000, 16_300, 16_360, 16_400, 17_000, 20_000, 65_536, 100_000, 500_000, 1_000_000, 1_048_000, 1_048_576, 1_050_000, 1_052_500, 1_052_700, 1_060_000];
const LONG_UNITS = ['a', 'ab/', '%41', 'x%2Fy/', 'A.'];

function name(r: Random): string {
  let n = r.chance(0.88) ? r.pick(LINKS) : r.pick(OTHER_NAMES);
  if (r.chance(0.5)) n = [...n].map((c) => (r.chance(0.5) ? c.toUpperCase() : c)).join('');
  if (r.chance(0.1) && !n.startsWith('.')) {
    const at = r.between(1, n.length);
    n = n.slice(0, at) + '-' + n.slice(at);
  }
  if (r.chance(0.15)) n += r.some(PUNCT, 2, '');
  if (r.chance(0.04)) n += '+';
  if (r.chance(0.05)) {
    const at = r.int(n.length);
    n = n.slice(0, at) + `%${n.charCodeAt(at).toString(16).toUpperCase()}` + n.slice(at + 1);
  }
  return n;
}

function query(r: Random): string {
  return r.chance(0.45) ? '' : `?${r.some(PARAMS, 3, '&')}`;
}

function asciiTarget(r: Random): string {
  const path = r.chance(0.35) ? '' : `/${r.some(SEGMENTS, 4, '/')}`;
  return `/${name(r)}${path}${r.chance(0.15) ? '/' : ''}${query(r)}`;
}

/** Inserts each piece at a random byte offset after the leading `/`. */
function insertAt(r: Random, target: Buffer, pieces: Buffer[]): Buffer {
  let out = target;
  for (const p of pieces) {
    const at = r.between(1, out.length);
    out = Buffer.concat([out.subarray(0, at), p, out.subarray(at)]);
  }
  return out;
}

function rawNonAscii(r: Random): Buffer {
  const pieces = Array.from({ length: r.between(1, 3) }, () => (r.chance(0.7) ? r.pick(RAW_NON_ASCII) : r.pick(RAW_INVALID)));
  if (r.chance(0.2)) return Buffer.concat([Buffer.from(`/${r.pick(LINKS)}/`), ...pieces, Buffer.from(query(r))]);
  if (r.chance(0.1)) return Buffer.concat([Buffer.from('/'), ...pieces]);
  return insertAt(r, Buffer.from(asciiTarget(r)), pieces);
}

function rawBackslash(r: Random): Buffer {
  const shapes = [() => `/\\${name(r)}`, () => `/${name(r)}\\`, () => `\\${name(r)}`, () => '/\\\\', () => `/${name(r)}/a\\b${query(r)}`];
  if (r.chance(0.3)) return Buffer.from(r.pick(shapes)());
  return insertAt(r, Buffer.from(asciiTarget(r)), Array.from({ length: r.between(1, 2) }, () => Buffer.from('\\')));
}

function longTarget(r: Random, size: number): Buffer {
  const head = `/${r.pick(['gh', 'tpath', 'tesc', 'tpesc', 'low', 'trim', 'ifp', 'q', 'nope', 'GH'])}/`;
  const inQuery = r.chance(0.25);
  const unit = inQuery ? 'x=1&' : r.pick(LONG_UNITS);
  const start = inQuery ? `${head}p?` : head;
  const tail = r.chance(0.3) ? '?y=2' : '';
  const room = size - start.length - (inQuery ? 0 : tail.length);
  const body = unit.repeat(Math.floor(room / unit.length)).padEnd(room, 'z');
  return Buffer.from(start + body + (inQuery ? '' : tail));
}

function lowerInvalid(r: Random): Buffer {
  const link = r.chance(0.8) ? r.pick(['low', 'LOW', '%6Cow', 'l-ow', 'Low.']) : r.pick(['trim', 'tpath', 'tesc', 'tpesc', 'gh']);
  const parts = Array.from({ length: r.between(1, 4) }, () => (r.chance(0.6) ? r.pick(PCT_INVALID) : r.pick(PCT_VALID)));
  const path = r.chance(0.3) ? parts.join('/') : parts.join('');
  return Buffer.from(`/${link}/${path}${query(r)}`);
}

function dotSegments(r: Random): Buffer {
  const dot = r.pick(DOT_PATHS);
  const shapes = [() => `/${dot}`, () => `/${dot}/${name(r)}`, () => `/${name(r)}/${dot}`, () => `/${name(r)}/${dot}/${r.pick(SEGMENTS)}`, () => `/${dot}${query(r)}`];
  return Buffer.from(r.pick(shapes)() + (r.chance(0.3) ? query(r) : ''));
}

function absoluteForm(r: Random): Buffer {
  const path = r.chance(0.1) ? '' : asciiTarget(r);
  return Buffer.from(`${r.pick(SCHEMES)}://${r.pick(HOSTS)}${path}`);
}

const SINGLE: Record<Exclude<GolinkCategory, 'keep-alive' | 'long-target'>, { count: number; make: (r: Random) => Buffer }> = {
  ascii: { count: 700, make: (r) => Buffer.from(asciiTarget(r)) },
  'raw-non-ascii': { count: 300, make: rawNonAscii },
  'raw-backslash': { count: 100, make: rawBackslash },
  'tolower-invalid-utf8': { count: 150, make: lowerInvalid },
  'dot-segments': { count: 100, make: dotSegments },
  asterisk: { count: ASTERISKS.length, make: (r) => Buffer.from(r.pick(ASTERISKS)) },
  'absolute-form': { count: 150, make: absoluteForm },
};

/** What a keep-alive connection mixes: mostly ordinary requests, some that end the connection. */
const KEEP_ALIVE_MIX: Exclude<GolinkCategory, 'keep-alive' | 'long-target'>[] = ['ascii', 'ascii', 'ascii', 'ascii', 'ascii', 'dot-segments', 'absolute-form', 'tolower-invalid-utf8', 'raw-non-ascii', 'raw-backslash'];

/**
 * Every connection to send, each category's targets distinct and none of them in `seen` (the
 * targets already recorded in cases.tsv). Attempts are bounded, so a category with few distinct
 * shapes (`*`) yields what it has.
 */
export function planGolinkConnections(r: Random, seen: Set<string>): PlannedConnection[] {
  const key = (b: Buffer) => b.toString('latin1');
  const fresh = (make: (r: Random) => Buffer, count: number): Buffer[] => {
    const out: Buffer[] = [];
    for (let tries = 0; out.length < count && tries < count * 50; tries++) {
      const t = make(r);
      if (seen.has(key(t))) continue;
      seen.add(key(t));
      out.push(t);
    }
    return out;
  };
  const plan: PlannedConnection[] = [];
  for (const [category, { count, make }] of Object.entries(SINGLE)) {
    for (const t of fresh(make, count)) plan.push({ category: category as GolinkCategory, targets: [t] });
  }
  for (const size of LONG_SIZES) {
    for (const t of fresh((r) => longTarget(r, size), 2)) plan.push({ category: 'long-target', targets: [t] });
  }
  for (let i = 0; i < 150; i++) {
    const targets = fresh((r) => SINGLE[r.pick(KEEP_ALIVE_MIX)].make(r), r.between(2, 6));
    plan.push({ category: 'keep-alive', targets });
  }
  return plan;
}
