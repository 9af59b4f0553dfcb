/**
 * The link record and its golink wire form.
 *
 * golink's `Link` has no JSON tags, so its JSON keys are `Short`, `Long`, `Created`, `LastEdit`,
 * `Owner` and its times are RFC 3339 in UTC (`"2022-06-08T04:27:32Z"`, zero time
 * `"0001-01-01T00:00:00Z"`). Times are stored as Unix seconds, as golink's schema does, so an
 * export of an import is byte-identical.
 */

/** A stored link. Times are Unix seconds (UTC). */
export interface Link {
  /** The user's spelling, e.g. `Meeting-Notes` (the row is keyed by `linkID(short)`). */
  short: string;
  /** The destination: a URL or a Go text/template program. */
  long: string;
  created: number;
  lastEdit: number;
  /** Login of the owner; `''` for unowned links. */
  owner: string;
  /** Free text shown on the detail page and searched (not part of golink's format). */
  description: string;
}

/** golink's JSON shape of a link. */
export interface GolinkJSON {
  Short: string;
  Long: string;
  Created: string;
  LastEdit: string;
  Owner: string;
}

/** Go's zero `time.Time` as Unix seconds. */
export const ZERO_TIME = -62135596800;

/**
 * Formats Unix seconds like Go's `time.Time.MarshalJSON` for a whole-second UTC time.
 *
 * @example formatTime(0) // '1970-01-01T00:00:00Z'
 */
export function formatTime(unixSeconds: number): string {
  const d = new Date(unixSeconds * 1000);
  if (Number.isNaN(d.getTime())) return '0001-01-01T00:00:00Z';
  const y = d.getUTCFullYear();
  const year = y >= 0 && y <= 9999 ? String(y).padStart(4, '0') : String(y);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${year}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())}T${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}Z`;
}

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|([+-])(\d{2}):(\d{2}))$/;

/**
 * Parses an RFC 3339 time (as Go's `time.Time.UnmarshalJSON` accepts it) into Unix seconds,
 * dropping fractions; undefined when malformed.
 *
 * @example parseTime('2022-06-03T22:15:29.993978392Z') // 1654294529
 */
export function parseTime(text: string): number | undefined {
  const m = RFC3339.exec(text);
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return undefined;
  const date = new Date(0);
  date.setUTCFullYear(y, mo - 1, d);
  date.setUTCHours(h, mi, s, 0);
  let secs = Math.floor(date.getTime() / 1000);
  if (m[9]) secs -= (m[9] === '-' ? -1 : 1) * (Number(m[10]) * 3600 + Number(m[11]) * 60);
  return secs;
}

/**
 * The golink JSON object of a link, keys in golink's order.
 *
 * @example toGolinkJSON({ short: 'a', long: '', created: ZERO_TIME, lastEdit: ZERO_TIME, owner: '', description: '' })
 *   // { Short: 'a', Long: '', Created: '0001-01-01T00:00:00Z', LastEdit: '0001-01-01T00:00:00Z', Owner: '' }
 */
export function toGolinkJSON(link: Link): GolinkJSON {
  return { Short: link.short, Long: link.long, Created: formatTime(link.created), LastEdit: formatTime(link.lastEdit), Owner: link.owner };
}

/** The JSON this app returns from its API: golink's keys plus `Description` when there is one. */
export function toApiJSON(link: Link): GolinkJSON & { Description?: string } {
  const out: GolinkJSON & { Description?: string } = toGolinkJSON(link);
  if (link.description) out.Description = link.description;
  return out;
}

/** The current time in Unix seconds. */
export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}
