/**
 * Text as Go holds it, in a JavaScript string. A Go string is bytes, and tailsql writes a TEXT
 * value's bytes as they are (CSV, the page), or each invalid byte as `\ufffd` (JSON). The SQLite
 * driver decodes TEXT to a JavaScript string, which turns invalid UTF-8 into U+FFFD; when the
 * bytes are fetched again (the runner's `raw-text` pass), {@link textFromBytes} keeps each invalid
 * byte as a lone surrogate U+DC80–U+DCFF (Python's "surrogateescape"), which
 * {@link bytesOfText} turns back into the byte on the way out.
 *
 * @example
 *   bytesOfText(textFromBytes(Buffer.from([0x41, 0xff]), 'escape')) // → <41 ff>
 *   textFromBytes(Buffer.from([0xe4, 0xbd]), 'replace')            // → '\uFFFD\uFFFD' (Go: one per byte)
 */

// ignoreBOM: a leading U+FEFF is part of the text, not a marker to drop.
const FATAL = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
/** A lone low surrogate in U+DC80–U+DCFF (with the `u` flag a surrogate pair is one code point). */
const ESCAPED = /[\uDC80-\uDCFF]/u;
const ESCAPED_ALL = /[\uDC80-\uDCFF]+/gu;
const ESCAPED_ALL_ONE = /[\uDC80-\uDCFF]/gu;

/** Length of the valid UTF-8 sequence at `i` (Go's `utf8.DecodeRune` rules), or 0 when the byte there is invalid. */
function sequenceLength(b: Uint8Array, i: number): number {
  const lead = b[i] as number;
  const cont = (j: number, lo = 0x80, hi = 0xbf) => j < b.length && (b[j] as number) >= lo && (b[j] as number) <= hi;
  if (lead < 0x80) return 1;
  if (lead >= 0xc2 && lead <= 0xdf) return cont(i + 1) ? 2 : 0;
  if (lead >= 0xe0 && lead <= 0xef) {
    const [lo, hi] = lead === 0xe0 ? [0xa0, 0xbf] : lead === 0xed ? [0x80, 0x9f] : [0x80, 0xbf];
    return cont(i + 1, lo, hi) && cont(i + 2) ? 3 : 0;
  }
  if (lead >= 0xf0 && lead <= 0xf4) {
    const [lo, hi] = lead === 0xf0 ? [0x90, 0xbf] : lead === 0xf4 ? [0x80, 0x8f] : [0x80, 0xbf];
    return cont(i + 1, lo, hi) && cont(i + 2) && cont(i + 3) ? 4 : 0;
  }
  return 0;
}

/** The bytes as text: valid UTF-8 decoded, each invalid byte escaped (see the module comment) or replaced by U+FFFD. */
export function textFromBytes(bytes: Uint8Array, invalid: 'escape' | 'replace'): string {
  try {
    return FATAL.decode(bytes);
  } catch {
    // Invalid somewhere: decode sequence by sequence below.
  }
  let out = '';
  let from = 0;
  for (let i = 0; i < bytes.length; ) {
    const n = sequenceLength(bytes, i);
    if (n > 0) {
      i += n;
      continue;
    }
    out += FATAL.decode(bytes.subarray(from, i)) + (invalid === 'escape' ? String.fromCharCode(0xdc00 + (bytes[i] as number)) : '\uFFFD');
    from = ++i;
  }
  return out + FATAL.decode(bytes.subarray(from));
}

/** Does `text` hold escaped bytes? */
export function hasEscapedBytes(text: string): boolean {
  return ESCAPED.test(text);
}

/**
 * `text` as UTF-8 text: each escaped byte becomes one U+FFFD (what a string the database or a URL
 * is given must be: better-sqlite3 takes UTF-8 only, and would write an escaped byte as the
 * three bytes of a lone surrogate).
 */
export function utf8Text(text: string): string {
  return hasEscapedBytes(text) ? text.replace(ESCAPED_ALL_ONE, '\uFFFD') : text;
}

/** UTF-8 of `text`, with escaped bytes written as the bytes they stand for. */
export function bytesOfText(text: string): Buffer {
  if (!hasEscapedBytes(text)) return Buffer.from(text);
  const parts: Buffer[] = [];
  let from = 0;
  for (const m of text.matchAll(ESCAPED_ALL)) {
    parts.push(Buffer.from(text.slice(from, m.index)), Buffer.from(Array.from(m[0], (ch) => (ch.charCodeAt(0) - 0xdc00) & 0xff)));
    from = m.index + m[0].length;
  }
  parts.push(Buffer.from(text.slice(from)));
  return Buffer.concat(parts);
}
