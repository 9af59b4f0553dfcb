/**
 * The generated tailsql recordings (`test/fixtures/oracle/tailsql/generated.jsonl`, written by
 * scripts/differential), in the cases.jsonl format extended: `category`; `location` when the
 * answer had one; and the body as exactly one of `body` (UTF-8 text), `bodyBase64` (bytes that
 * are not UTF-8), `bodySha256` + `bodyLength` (over 16 KiB), or `page` (a 200 HTML page, as
 * console-page.ts reads it). The line number is the case's id. How an answer is compared is
 * here too, so the recorder and the replay judge alike.
 *
 * @example
 *   const { config } = generatedWorkspace(fixtures, dir);
 *   for (const c of loadTailsqlCases(dir)) tailsqlDifference(c, tailsqlAnswer((await exchange(port, [tailsqlRequest(c)]))[0]));
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { type PageContent, pageContent } from './console-page.js';
import { asciiJson } from './packed-bytes.js';
import { header, type RawResponse, rawGet } from './raw-http.js';
import { tailsqlWorkspace } from './tailsql-workspace.js';

export const TAILSQL_CATEGORIES = [
  'ordinary',
  'multi-statement',
  'empty-query',
  'infinity-json',
  'scan-error',
  'timeout',
  'invalid-utf8',
  'nul',
  'unparseable-query-string',
  'path-cleaning',
  'pragma',
  'double-quoted-literal',
  'row-cap',
] as const;
export type TailsqlCategory = (typeof TAILSQL_CATEGORIES)[number];

export interface TailsqlRequest {
  /** The request target, ASCII, sent as is. */
  path: string;
  headers: Record<string, string>;
}

export interface TailsqlAnswer {
  status: number;
  type: string;
  location?: string;
  body?: string;
  bodyBase64?: string;
  bodySha256?: string;
  bodyLength?: number;
  page?: PageContent;
}

export interface TailsqlCase extends TailsqlRequest, TailsqlAnswer {
  id: number;
  category: TailsqlCategory;
}

const LARGE = 16 * 1024;

/** `<dir>/DATA/{main,other,odd}.db` from the dumps, and the config of the generated recordings. */
export function generatedWorkspace(fixtures: string, dir: string): { config: string } {
  return tailsqlWorkspace(fixtures, dir, ['main', 'other', 'odd'], 'generated.hujson');
}

/** `GET <path>` with `Host: tailsql`, the case's headers, one request per connection. */
export function tailsqlRequest(req: TailsqlRequest): Buffer {
  return rawGet(Buffer.from(req.path, 'latin1'), { Host: 'tailsql', ...req.headers, Connection: 'close' });
}

export function tailsqlAnswer(res: RawResponse): TailsqlAnswer {
  const type = header(res, 'content-type') ?? '';
  const out: TailsqlAnswer = { status: res.status, type };
  const location = header(res, 'location');
  if (location !== undefined) out.location = location;
  const text = res.body.toString('utf8');
  if (res.status === 200 && type.startsWith('text/html')) out.page = pageContent(res.body);
  else if (res.body.length > LARGE) {
    out.bodySha256 = createHash('sha256').update(res.body).digest('hex');
    out.bodyLength = res.body.length;
  } else if (Buffer.from(text, 'utf8').equals(res.body)) out.body = text;
  else out.bodyBase64 = res.body.toString('base64');
  return out;
}

/** The media type alone for pages (tailsql says `text/html`, a charset is no difference). */
function typeOf(a: TailsqlAnswer): string {
  return a.page ? (a.type.split(';')[0] ?? '') : a.type;
}

const BODY_KEYS = ['body', 'bodyBase64', 'bodySha256', 'bodyLength', 'page'] as const;

/** What differs (status, type, location, body), or undefined when tailyard answered as tailsql. */
export function tailsqlDifference(want: TailsqlAnswer, got: TailsqlAnswer): string | undefined {
  const diffs: string[] = [];
  if (want.status !== got.status) diffs.push('status');
  if (typeOf(want) !== typeOf(got)) diffs.push('type');
  if (want.location !== got.location) diffs.push('location');
  if (BODY_KEYS.some((k) => !isDeepStrictEqual(want[k], got[k]))) diffs.push(want.page ? 'page' : 'body');
  return diffs.length ? diffs.join(', ') : undefined;
}

function showBody(a: TailsqlAnswer, width: number): string {
  const cut = (s: string) => (s.length > width ? `${s.slice(0, width)}…` : s);
  if (a.page) return `page ${cut(JSON.stringify(a.page))}`;
  if (a.bodySha256) return `${a.bodyLength} bytes, sha256 ${a.bodySha256.slice(0, 12)}`;
  if (a.bodyBase64 !== undefined) return `base64 ${cut(a.bodyBase64)}`;
  return cut(JSON.stringify(a.body ?? ''));
}

/**
 * `GET /json?q=… → tailsql 500 "…"; tailyard 200 "…" (status, body)` for reports and test
 * messages, each body cut at `width` chars; headers shown unless they are just `Sec-Tailsql: 1`.
 */
export function describeTailsql(req: TailsqlRequest, want: TailsqlAnswer, got: TailsqlAnswer, width = 160): string {
  const show = (a: TailsqlAnswer) => `${a.status}${a.location === undefined ? '' : ` → ${a.location}`} ${showBody(a, width)}`;
  const hdrs = JSON.stringify(req.headers) === '{"Sec-Tailsql":"1"}' ? '' : ` ${JSON.stringify(req.headers)}`;
  return `GET ${req.path}${hdrs} → tailsql ${show(want)}; tailyard ${show(got)} (${tailsqlDifference(want, got) ?? 'same'})`;
}

export function formatTailsqlLine(c: Omit<TailsqlCase, 'id'>): string {
  const { category, path, headers, status, type, ...rest } = c;
  return asciiJson({ category, path, headers, status, type, ...rest });
}

/** The cases of a recording (`generated.jsonl`, or another seed's file: oracle.ts `seedFile`). */
export function loadTailsqlCases(dir: string, file = 'generated.jsonl'): TailsqlCase[] {
  return readFileSync(join(dir, file), 'utf8')
    .split('\n')
    .map((line, i) => ({ line, id: i + 1 }))
    .filter(({ line }) => line !== '')
    .map(({ line, id }) => {
      const c = { ...(JSON.parse(line) as Omit<TailsqlCase, 'id'>), id };
      if (!(TAILSQL_CATEGORIES as readonly string[]).includes(c.category)) throw new Error(`${file} line ${id}: unknown category "${c.category}"`);
      return c;
    });
}

/** The answer part of a recorded case (what tailsqlDifference compares). */
export function recordedAnswer(c: TailsqlCase): TailsqlAnswer {
  const { id: _id, category: _c, path: _p, headers: _h, ...answer } = c;
  return answer;
}
