/**
 * golink's JSON Lines snapshot format: export, parse, and import with a merge policy.
 *
 * Parsing follows Go's `json.Unmarshal` into golink's `Link`: keys match case-insensitively
 * (`short` works), unknown keys such as the stale `Clicks` are ignored, missing times are Go's zero
 * time. Unlike golink there is no 64 KiB line limit and blank lines are skipped. A bad line is
 * reported with its line number: an import refuses the whole file before anything is written,
 * the start-up snapshot skips the line and logs it (golink logs and stops at the first).
 *
 * @example
 *   const links = parseSnapshot(readFileSync('links.jsonl', 'utf8'), 'links.jsonl');
 *   importLinks(store, links, { policy: 'skip', actor: 'snapshot' }) // { added: ['a'], skipped: [], … }
 */
import { goJsonEncode } from '../../platform/go/json.js';
import { validateLink } from './destination.js';
import { InputError } from './errors.js';
import { type Link, parseTime, toGolinkJSON, ZERO_TIME } from './link.js';
import { linkID } from './resolve.js';
import type { LinkStore } from './store.js';

/** A snapshot line that cannot be read (a 400 when imported over HTTP); the message names the file and line. */
export class SnapshotError extends InputError {
  override name = 'SnapshotError';
  constructor(message: string) {
    super(400, message);
  }
}

/** A parsed line: the link and the line it came from. */
export interface SnapshotLink extends Link {
  line: number;
}

const FIELDS = { short: 'Short', long: 'Long', created: 'Created', lastedit: 'LastEdit', owner: 'Owner' } as const;

/** What to do with a line that cannot be imported: skip it (after reporting it) or stop. */
export interface ParseOptions {
  /** Called for each bad line, which is then skipped; without it the first bad line throws. */
  onSkip?: (error: SnapshotError) => void;
}

/**
 * Parses a golink export. Lines with an empty `Short` are skipped, as golink does; a line that is
 * not a link object, or a link that `POST /` would refuse ({@link validateLink}), is an error
 * naming the file and line: thrown, or handed to `onSkip` and skipped.
 *
 * @example parseSnapshot('{"short":"a","Long":"https://a/","Clicks":3}\n')[0]?.long // 'https://a/'
 */
export function parseSnapshot(text: string, name = 'snapshot', options: ParseOptions = {}): SnapshotLink[] {
  const out: SnapshotLink[] = [];
  let start = 0;
  for (let line = 1; start <= text.length; line++) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const raw = text.slice(start, end).trim();
    start = end + 1;
    if (raw === '') continue;
    try {
      const link = parseLine(raw, `${name}:${line}`);
      if (link.short === '') continue;
      const problem = validateLink(link);
      if (problem) throw new SnapshotError(`${name}:${line}: ${problem.message}`);
      out.push({ ...link, line });
    } catch (err) {
      if (!(err instanceof SnapshotError) || !options.onSkip) throw err;
      options.onSkip(err);
    }
  }
  return out;
}

function parseLine(raw: string, where: string): Link {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (err) {
    throw new SnapshotError(`${where}: not valid JSON: ${(err as Error).message}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new SnapshotError(`${where}: expected a JSON object like {"Short":…,"Long":…}`);
  const got: Partial<Record<(typeof FIELDS)[keyof typeof FIELDS], string>> = {};
  for (const [key, v] of Object.entries(value)) {
    const field = FIELDS[key.toLowerCase() as keyof typeof FIELDS];
    if (!field || v === null) continue;
    if (typeof v !== 'string') throw new SnapshotError(`${where}: "${key}" must be a string, got ${JSON.stringify(v).slice(0, 40)}`);
    got[field] = v;
  }
  const time = (field: 'Created' | 'LastEdit'): number => {
    const text = got[field];
    if (text === undefined) return ZERO_TIME;
    const t = parseTime(text);
    if (t === undefined) throw new SnapshotError(`${where}: "${field}" is not an RFC 3339 time: ${JSON.stringify(text)}`);
    return t;
  };
  return { short: got.Short ?? '', long: got.Long ?? '', owner: got.Owner ?? '', created: time('Created'), lastEdit: time('LastEdit'), description: '' };
}

/**
 * golink's `/.export` body: one compact JSON object per live link, sorted by `Short`.
 *
 * @example exportSnapshot(store) // '{"Short":"a","Long":"https://a/","Created":"…","LastEdit":"…","Owner":"amy@example.com"}\n'
 */
export function exportSnapshot(store: LinkStore): string {
  let out = '';
  for (const link of store.all()) out += goJsonEncode(toGolinkJSON(link));
  return out;
}

/** `skip`: links already present win (golink's start-up restore); `overwrite`: the file wins. */
export type MergePolicy = 'skip' | 'overwrite';

export interface ImportOptions {
  policy: MergePolicy;
  /** Recorded in each link's history. */
  actor: string;
  /** Report what would change without writing. */
  dryRun?: boolean;
}

/** What an import did (or would do), by link name. */
export interface ImportReport {
  added: string[];
  updated: string[];
  /** Present already and kept (policy `skip`), or repeated in the file (the first line wins). */
  skipped: string[];
  /** Present already with the same content. */
  unchanged: string[];
}

/**
 * Imports parsed links in one transaction. Soft-deleted links count as absent. Timestamps and
 * owners are kept as in the file; descriptions of updated links are kept.
 */
export function importLinks(store: LinkStore, links: readonly Link[], opts: ImportOptions): ImportReport {
  const report: ImportReport = { added: [], updated: [], skipped: [], unchanged: [] };
  const seen = new Set<string>();
  store.transaction(() => {
    for (const link of links) {
      const id = linkID(link.short);
      if (seen.has(id)) {
        report.skipped.push(link.short);
        continue;
      }
      seen.add(id);
      const old = store.getLive(link.short);
      if (old) {
        const same = old.short === link.short && old.long === link.long && old.owner === link.owner && old.created === link.created && old.lastEdit === link.lastEdit;
        if (same) report.unchanged.push(link.short);
        else if (opts.policy === 'skip') report.skipped.push(link.short);
        else report.updated.push(link.short);
        if (same || opts.policy === 'skip') continue;
      } else {
        report.added.push(link.short);
      }
      if (!opts.dryRun) store.save({ ...link, description: old ? undefined : link.description }, opts.actor, 'import');
    }
  });
  return report;
}
