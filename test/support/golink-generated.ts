/**
 * The generated golink recordings (`test/fixtures/oracle/golink/generated.tsv`, written by
 * scripts/differential): one request per line, `target <TAB> status <TAB> location <TAB>
 * category <TAB> connection`. Target and Location are packed byte strings (packed-bytes.ts), so
 * raw bytes ≥ 0x80, backslashes and 1 MiB targets survive a text file; Location is `null` when
 * there was none. Lines with one connection number went, in order, on one keep-alive connection.
 * How an answer is compared is here too, so the recorder and the replay judge alike.
 *
 * @example
 *   for (const conn of golinkConnections(loadGolinkCases(dir))) {
 *     const got = await exchange(port, golinkRequests(conn));
 *   }
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Packed, packedJson, showBytes, unpackBytes } from './packed-bytes.js';
import { header, type RawResponse, rawGet } from './raw-http.js';

/** The issue-19 categories the generator draws from (plus ordinary ASCII and keep-alive). */
export const GOLINK_CATEGORIES = [
  'ascii',
  'raw-non-ascii',
  'raw-backslash',
  'long-target',
  'tolower-invalid-utf8',
  'dot-segments',
  'asterisk',
  'absolute-form',
  'keep-alive',
] as const;
export type GolinkCategory = (typeof GOLINK_CATEGORIES)[number];

export interface GolinkAnswer {
  /** 0: the server had closed the connection before this request. */
  status: number;
  /** The `Location` header's bytes as Latin-1. */
  location: string | undefined;
}

export interface GolinkCase extends GolinkAnswer {
  /** The line in generated.tsv (1-based): the id the expected-difference lists use. */
  id: number;
  category: GolinkCategory;
  conn: number;
  target: Buffer;
}

export function formatGolinkLine(c: Omit<GolinkCase, 'id'>): string {
  const location = c.location === undefined ? 'null' : packedJson(Buffer.from(c.location, 'latin1'));
  return [packedJson(c.target), String(c.status), location, c.category, String(c.conn)].join('\t');
}

export function parseGolinkLine(line: string, id: number): GolinkCase {
  const [target = '', status = '', location = '', category = '', conn = ''] = line.split('\t');
  if (!(GOLINK_CATEGORIES as readonly string[]).includes(category)) throw new Error(`generated.tsv line ${id}: unknown category "${category}"`);
  const loc = JSON.parse(location) as Packed | null;
  return {
    id,
    target: unpackBytes(JSON.parse(target) as Packed),
    status: Number(status),
    location: loc === null ? undefined : unpackBytes(loc).toString('latin1'),
    category: category as GolinkCategory,
    conn: Number(conn),
  };
}

/** The cases of a recording (`generated.tsv`, or another seed's file: oracle.ts `seedFile`). */
export function loadGolinkCases(dir: string, file = 'generated.tsv'): GolinkCase[] {
  return readFileSync(join(dir, file), 'utf8')
    .split('\n')
    .map((line, i) => ({ line, id: i + 1 }))
    .filter(({ line }) => line !== '')
    .map(({ line, id }) => parseGolinkLine(line, id));
}

/** The cases grouped by connection, in file order. */
export function golinkConnections<T extends { conn: number }>(cases: T[]): T[][] {
  const byConn = new Map<number, T[]>();
  for (const c of cases) byConn.set(c.conn, [...(byConn.get(c.conn) ?? []), c]);
  return [...byConn.values()];
}

/** The requests of one connection: `Host: go`, and `Connection: close` on the last. */
export function golinkRequests(targets: Buffer[]): Buffer[] {
  return targets.map((t, i) => rawGet(t, i === targets.length - 1 ? { Host: 'go', Connection: 'close' } : { Host: 'go' }));
}

export function golinkAnswer(res: RawResponse): GolinkAnswer {
  return { status: res.status, location: header(res, 'location') };
}

/** As cases.tsv: the status, and for a 302 the `Location` exactly. */
export function sameGolinkAnswer(want: GolinkAnswer, got: GolinkAnswer): boolean {
  return want.status === got.status && (want.status !== 302 || want.location === got.location);
}

/** `GET <target> → golink 302 <location>; tailyard 400` for reports and test messages. */
export function describeGolink(target: Buffer, want: GolinkAnswer, got: GolinkAnswer): string {
  const show = (a: GolinkAnswer) => `${a.status}${a.location === undefined ? '' : ` ${showBytes(Buffer.from(a.location, 'latin1'))}`}`;
  return `GET ${showBytes(target)} → golink ${show(want)}; tailyard ${show(got)}`;
}

/**
 * Why golink gave no answer (status 0) on one request of a connection, `statuses` being golink's
 * answers on that connection in order: `panic` for the first silent one after an answer that kept
 * the connection open (golink's handler panicked and Go dropped the connection: an unknown name
 * that is not valid UTF-8 panics in its Prometheus label), `dropped` for the ones after it.
 * Both are deliberate differences: tailyard answers such a name with 404 and keeps serving.
 */
export function golinkSilence(statuses: readonly number[], i: number): 'panic' | 'dropped' | undefined {
  if (statuses[i] !== 0) return undefined;
  const before = i === 0 ? undefined : statuses[i - 1];
  if (before === 0) return 'dropped';
  // Go closes the connection itself after a 400 or 431: a silence then is no panic.
  return before === 400 || before === 431 ? undefined : 'panic';
}

/** The one-line reason the expected-differences list gives a deliberate difference. */
export const GOLINK_SILENCE_REASONS = {
  panic: 'deliberate: golink panics on an unknown name that is not valid UTF-8 and drops the connection; tailyard answers 404',
  dropped: 'deliberate: golink had dropped this connection after its panic; tailyard goes on answering',
} as const;
