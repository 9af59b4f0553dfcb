/**
 * Seeded tailsql requests by category of issue 19: a query from tailsql-queries.ts sent to
 * `/json`, `/csv` or the page, its query string encoded one way or another, with tailsql's API
 * header (now and then none, or the site-access cookie instead); plus hand-written request
 * targets for what no encoder would produce (query strings Go cannot parse, paths Go's mux cleans).
 *
 * @example for (const { category, request } of planTailsqlRequests(new Random(19))) send(request);
 */
import type { TailsqlCategory, TailsqlRequest } from '../../test/support/tailsql-generated.js';
import type { Random } from './random.js';
import { type Query, QUERIES, rowCapQuery, TIMEOUT_QUERIES } from './tailsql-queries.js';

export interface PlannedRequest {
  category: TailsqlCategory;
  request: TailsqlRequest;
}

const API = { 'Sec-Tailsql': '1' };
type Route = '/json' | '/csv' | '/';

/** Which route a category's queries go to, as weights. */
const ROUTES: Partial<Record<TailsqlCategory, Route[]>> = {
  'infinity-json': ['/json', '/json', '/json', '/csv', '/'],
  'invalid-utf8': ['/csv', '/csv', '/json', '/'],
  nul: ['/', '/', '/json', '/csv'],
  pragma: ['/json', '/csv'],
};
const DEFAULT_ROUTES: Route[] = ['/json', '/json', '/json', '/csv', '/csv', '/'];

const COUNTS: Record<keyof typeof QUERIES, number> = {
  ordinary: 560,
  'multi-statement': 90,
  'empty-query': 45,
  'infinity-json': 50,
  'scan-error': 60,
  'invalid-utf8': 80,
  nul: 45,
  pragma: 50,
  'double-quoted-literal': 36,
};

/** `q` and `src` as a form would send them (`+` for space) or as encodeURIComponent does, in either order. */
function queryString(r: Random, q: Query): string {
  const enc = r.chance(0.5) ? (s: string) => new URLSearchParams({ s }).toString().slice(2) : encodeURIComponent;
  const src = r.chance(0.15) && q.src === 'main' ? undefined : `src=${enc(q.src)}`;
  const parts = [`q=${enc(q.sql)}`, ...(src ? [src] : [])];
  return (r.chance(0.3) ? parts.reverse() : parts).join('&');
}

function headers(r: Random): Record<string, string> {
  if (r.chance(0.04)) return {};
  if (r.chance(0.03)) return { Cookie: 'tailsqlQuery=1' };
  return { ...API };
}

function fromQuery(r: Random, category: TailsqlCategory, q: Query): TailsqlRequest {
  const route = r.pick(ROUTES[category] ?? DEFAULT_ROUTES);
  return { path: `${route}?${queryString(r, q)}`, headers: category === 'ordinary' ? headers(r) : { ...API } };
}

/** Query strings Go's url.ParseQuery refuses in part (`%ZZ`, a raw `;`) or reads differently. */
const UNPARSEABLE = [
  'q=select%ZZ1', 'q=select+1;', 'q=select+1;&src=main', 'q=select+1;select+2', 'q=select+1&src=main;', 'q=%', 'q=select+%', 'q=select+1%',
  'q=select+%G1', 'q=select+%2', 'src=main&q=select%ZZ', 'q=select+1&&src=main', '&q=select+1', 'q=select+1&q=select+2', 'q=&q=select+1',
  'Q=select+1', 'q', 'q=select+1&src', 'q=select+%E4', 'q=select+%27%E4%27', 'q=select+%C3%BC', 'q=select+1+', 'q=+select+1+', 'q=%20%20',
  'q=select+%271%3B2%27', 'q=select%091', 'q=select%0A1', 'q=select%0D%0A1', 'q=select%001', 'q=select+1%00', 'q=select+1&src=%FF',
  'q=select+1&src=ma%69n', 'q=sel%65ct+1', '%71=select+1', 'q=select+1&=x', 'q==', 'q=select+1=1', 'q=select+%2B1', 'q=select+1&x=%ZZ',
  'q=select+1;x=1', 'x=1;q=select+1', 'q=select%2C1', 'q=select+1&src=main&src=other', 'q=select+%27a%26b%27', 'q=select+1#x',
];
/**
 * Query strings whose values Go reads as strings, not text: names tailsql quotes with `%q`
 * (quotes, control characters, invalid bytes, non-printing Unicode), and white space around the
 * query by `strings.TrimSpace`'s list (NEL and U+3000 trimmed, U+FEFF and U+200B not). Planned
 * after everything else, so the requests of earlier recordings keep their draws.
 */
const GO_STRINGS = [
  'q=select+1&src=a%22b', 'q=select+1&src=%09x%5C', 'q=select+1&src=%C3%BC%E2%80%8B', 'q=select+1&src=%E2%80%AE%00', 'q=select+1&src=%C2%A0',
  'q=named:a%22b', 'q=named:%0Ax', 'q=named:%C3%BC%C2%85', 'q=meta:x%07', 'q=%C2%85select+1%C2%85', 'q=select+1%E3%80%80', 'q=select+1%EF%BB%BF',
  'q=%EF%BB%BFselect+1', 'q=select+1%C2%A0%0B%0C', 'q=%E2%80%8Bselect+1', 'q=select+%27%C2%85%27', 'q=select+1+as+%22%E2%80%A8%22',
];

/** Paths Go's ServeMux cleans (and redirects) or does not route. */
const PATHS = [
  '//json', '/./json', '/json/', '/json/.', '/x/../json', '/JSON', '/json%20', '//csv', '/./csv', '///meta', '/./', '//', '/.', '/meta/',
  '/static/../json', '/json/..', '/%6Ason', '/js%6Fn', '/json%2F', '/./meta', '/a/../csv', '/json;x', '/json.', '/.json', '/json/x',
  '/%2Fjson', '/csv/', '/..', '/../json', '/meta/..',
];
const PATH_QUERIES = ['', '?q=select+1', '?q=select+1&src=other', '?q=select+%2A+from+t'];

/** Every request to send, each at most once. */
export function planTailsqlRequests(r: Random): PlannedRequest[] {
  const plan: PlannedRequest[] = [];
  const seen = new Set<string>();
  const add = (category: TailsqlCategory, request: TailsqlRequest) => {
    const key = `${request.path} ${JSON.stringify(request.headers)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    plan.push({ category, request });
    return true;
  };
  for (const [category, count] of Object.entries(COUNTS) as [keyof typeof QUERIES, number][]) {
    for (let n = 0, tries = 0; n < count && tries < count * 50; tries++) {
      if (add(category, fromQuery(r, category, QUERIES[category](r)))) n++;
    }
  }
  for (const route of ['/json', '/csv', '/']) for (const qs of UNPARSEABLE) if (r.chance(0.45)) add('unparseable-query-string', { path: `${route}?${qs}`, headers: { ...API } });
  for (const path of PATHS) for (const qs of PATH_QUERIES) if (r.chance(0.45)) add('path-cleaning', { path: path + qs, headers: { ...API } });
  for (const [i, sql] of TIMEOUT_QUERIES.entries()) add('timeout', { path: `${['/json', '/csv', '/'][i]}?q=${encodeURIComponent(sql)}&src=main`, headers: { ...API } });
  for (const rows of [9_999, 10_000, 10_001, 12_345]) {
    for (const route of ['/json', '/csv']) add('row-cap', { path: `${route}?q=${encodeURIComponent(rowCapQuery(rows))}`, headers: { ...API } });
  }
  add('row-cap', { path: `/?q=${encodeURIComponent(rowCapQuery(10_001))}`, headers: { ...API } });
  for (const path of ['/meta', '/meta?src=other', '/meta?q=select+1', '/', '/?src=other', '/?src=nosuch', '/?q=', '/csv', '/json']) {
    add('ordinary', { path, headers: { ...API } });
    add('ordinary', { path, headers: {} });
  }
  for (const route of ['/json', '/csv', '/']) for (const qs of GO_STRINGS) if (r.chance(0.5)) add('unparseable-query-string', { path: `${route}?${qs}`, headers: { ...API } });
  return plan;
}
