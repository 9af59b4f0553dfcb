/**
 * The audit log's entry format and hash chain, as pure functions: `audit.ts` writes entries,
 * `audit-verify.ts` checks them, and both agree through this module.
 *
 * An entry is one JSON line: `{"seq":…,"time":…,"prev":…,<event fields>…,"hash":…}` where
 * `prev` is the hex SHA-256 of the previous line's bytes ({@link GENESIS} for the first entry)
 * and `hash` is the hex SHA-256 of the canonical JSON of the entry without `hash`.
 *
 * An *anchor* is the entry that opens every file after the first, once the log has been rotated:
 * `{"seq":N+1,"time":…,"prev":<digest of line N>,"anchor":{"seq":N,"hash":<hash of entry N>},"hash":…}`.
 * It is an ordinary link of the chain that also names the entry it follows, so the file still
 * says where it continues from after the files before it have been deleted.
 */
import { createHash } from 'node:crypto';

/** The `prev` of the first entry. */
export const GENESIS = '0'.repeat(64);

/** Field names the chain owns; events may not use them. */
export const CHAIN_FIELDS: ReadonlySet<string> = new Set(['seq', 'time', 'prev', 'anchor', 'hash']);

/** One written entry: the chain fields around the caller's event fields. */
export interface AuditEntry {
  readonly seq: number;
  readonly time: string;
  readonly prev: string;
  readonly hash: string;
  readonly [field: string]: unknown;
}

/** The last entry before an anchor: its `seq` and its `hash` field. */
export interface AuditAnchor {
  readonly seq: number;
  readonly hash: string;
}

/**
 * Where the chain stands after an entry: what the next entry links to. `prev` is the digest of
 * the entry's line, `hash` its `hash` field (empty before the first entry).
 */
export interface ChainHead {
  readonly seq: number;
  readonly prev: string;
  readonly hash: string;
}

/** The head of an empty log. */
export const EMPTY_HEAD: ChainHead = { seq: 0, prev: GENESIS, hash: '' };

/** An entry's chain fields, read back from its line. */
export interface ParsedEntry {
  readonly seq: number;
  readonly prev: string;
  readonly hash: string;
  readonly anchor?: AuditAnchor;
}

/**
 * The entry following `head`, and its line (without the newline).
 *
 * @example
 *   const { entry, line } = encodeEntry(EMPTY_HEAD, new Date().toISOString(), { action: 'get' });
 */
export function encodeEntry(head: ChainHead, time: string, fields: Record<string, unknown>): { entry: AuditEntry; line: Buffer } {
  const body = { seq: head.seq + 1, time, prev: head.prev, ...fields };
  const entry: AuditEntry = { ...body, hash: sha256Hex(canonicalJson(body)) };
  return { entry, line: Buffer.from(JSON.stringify(entry)) };
}

/**
 * The fields of the anchor entry that opens a new file after `head`.
 *
 * @example
 *   encodeEntry(head, time, anchorFields(head)) // the first line of the next file
 */
export function anchorFields(head: ChainHead): { anchor: AuditAnchor } {
  return { anchor: { seq: head.seq, hash: head.hash } };
}

/**
 * The chain head after an entry whose line is `line`.
 *
 * @example
 *   head = headAfter(entry, line);
 */
export function headAfter(entry: { seq: number; hash: string }, line: Uint8Array): ChainHead {
  return { seq: entry.seq, prev: sha256Hex(line), hash: entry.hash };
}

/**
 * An entry's chain fields, after checking its hash and the shape of its chain fields; or the
 * problem with it.
 *
 * @example
 *   const e = parseEntry(line); if (typeof e === 'string') throw new Error(e);
 */
export function parseEntry(line: Uint8Array): ParsedEntry | string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(line.buffer, line.byteOffset, line.byteLength).toString('utf8'));
  } catch {
    return 'not valid JSON';
  }
  if (!isObject(parsed)) return 'not a JSON object';
  const { hash, ...body } = parsed;
  if (hash !== sha256Hex(canonicalJson(body))) return 'hash does not match the content: the entry was changed';
  const { seq, prev, anchor } = body;
  if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq < 1) return 'seq is not a positive integer';
  if (!isDigest(prev)) return 'prev is not a hex SHA-256';
  if (anchor === undefined) return { seq, prev, hash };
  if (!isObject(anchor) || anchor.seq !== seq - 1 || !isDigest(anchor.hash) || Object.keys(anchor).length !== 2) {
    return `anchor is not {"seq":${seq - 1},"hash":<hex SHA-256>}`;
  }
  return { seq, prev, hash, anchor: { seq: anchor.seq, hash: anchor.hash } };
}

/**
 * What is wrong with `e` as the entry right after `head`, or `undefined` if it links on.
 *
 * @example
 *   linkProblem(parsed, head) // → 'seq is 5, expected 4: an entry was removed, inserted or reordered'
 */
export function linkProblem(e: ParsedEntry, head: ChainHead): string | undefined {
  if (e.seq !== head.seq + 1) return `seq is ${e.seq}, expected ${head.seq + 1}: an entry was removed, inserted or reordered`;
  if (e.prev !== head.prev) return 'prev does not match the previous line: an entry was removed, inserted, reordered or changed';
  if (e.anchor && e.anchor.hash !== head.hash) return 'anchor does not match the previous file\'s last entry';
  return undefined;
}

/**
 * The event as plain JSON data (applies `toJSON`, drops `undefined`), so the hash covers
 * exactly what is written. Throws a `TypeError` for chain field names and for values JSON
 * cannot hold (bigint).
 *
 * @example
 *   plainEvent({ at: new Date(0), gone: undefined }) // → { at: '1970-01-01T00:00:00.000Z' }
 */
export function plainEvent(event: Record<string, unknown>): Record<string, unknown> {
  const fields = JSON.parse(JSON.stringify(event)) as Record<string, unknown>;
  const reserved = Object.keys(fields).find((k) => CHAIN_FIELDS.has(k));
  if (reserved !== undefined) throw new TypeError(`audit event field ${JSON.stringify(reserved)} is reserved`);
  return fields;
}

/** JSON with object keys sorted (UTF-16 order) and no whitespace: equal data, equal text. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (isObject(value)) {
    const members = Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`);
    return `{${members.join(',')}}`;
  }
  return JSON.stringify(value);
}

/** SHA-256 in hex, with node's native implementation (every audited request hashes twice). */
function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isDigest(v: unknown): v is string {
  return typeof v === 'string' && /^[0-9a-f]{64}$/.test(v);
}
