/**
 * Byte strings in a text fixture: a JSON value that stays ASCII and small. A byte string is held
 * as a Latin-1 string (one char per byte); in JSON every char from 0x7f up is written `\u00XX`,
 * so each escape is exactly one byte. Long runs of a short unit (a 1 MiB request target) are
 * written as `[unit, count]` inside an array of parts: `["/gh/", ["ab/", 300000], "?x=1"]`.
 *
 * @example
 *   packedJson(Buffer.from('/gh/ü'))           // '"/gh/\\u00c3\\u00bc"'
 *   unpackBytes(JSON.parse(text)).equals(bytes) // true
 */

export type Packed = string | (string | [string, number])[];

/** The shortest run worth folding, in bytes. */
const MIN_RUN = 64;
const MAX_UNIT = 8;

/** Folds runs of a unit of up to 8 bytes repeated over at least 64 bytes. */
export function packBytes(bytes: Buffer): Packed {
  const s = bytes.toString('latin1');
  const parts: (string | [string, number])[] = [];
  let plain = '';
  let i = 0;
  while (i < s.length) {
    const run = longestRun(s, i);
    if (run) {
      if (plain) parts.push(plain);
      plain = '';
      parts.push([run.unit, run.count]);
      i += run.unit.length * run.count;
    } else {
      plain += s[i];
      i++;
    }
  }
  if (plain) parts.push(plain);
  return parts.length === 1 && typeof parts[0] === 'string' ? parts[0] : parts;
}

function longestRun(s: string, at: number): { unit: string; count: number } | undefined {
  let best: { unit: string; count: number } | undefined;
  for (let len = 1; len <= MAX_UNIT; len++) {
    const unit = s.slice(at, at + len);
    if (unit.length < len) break;
    let count = 1;
    while (s.startsWith(unit, at + count * len)) count++;
    if (count * len >= MIN_RUN && (!best || count * len > best.count * best.unit.length)) best = { unit, count };
  }
  return best;
}

export function unpackBytes(packed: Packed): Buffer {
  const text = typeof packed === 'string' ? packed : packed.map((p) => (typeof p === 'string' ? p : p[0].repeat(p[1]))).join('');
  return Buffer.from(text, 'latin1');
}

/** JSON of a packed value with every char from 0x7f up escaped, so the text is ASCII. */
export function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function packedJson(bytes: Buffer): string {
  return asciiJson(packBytes(bytes));
}

/** A short printable view of bytes for reports and test messages: `\xNN` for non-ASCII, runs as `(unit)×n`. */
export function showBytes(bytes: Buffer, max = 120): string {
  const visible = (text: string) => text.replace(/[^\x20-\x7e]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
  const packed = packBytes(bytes);
  const parts = typeof packed === 'string' ? [packed] : packed;
  const shown = parts.map((p) => (typeof p === 'string' ? visible(p) : `(${visible(p[0])})×${p[1]}`)).join('');
  return shown.length > max ? `${shown.slice(0, max)}…(${bytes.length} bytes)` : shown;
}
