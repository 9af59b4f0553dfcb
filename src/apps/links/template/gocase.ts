/**
 * Go's `strings.ToLower` and `strings.ToUpper` on texts as the template engine holds them (raw
 * bytes outside valid UTF-8 as U+DC80+byte, see goescape.ts), where JavaScript's case mapping
 * gives other answers:
 *   - Go maps one rune to one rune (Unicode's simple case mapping): `İ` lowers to `i`, not
 *     `i̇`; `ß` stays `ß` upper-cased, not `SS`; a final `Σ` lowers to `σ`, never `ς`.
 *   - A string that is not all ASCII goes through `strings.Map`, which writes U+FFFD for each
 *     byte that is not valid UTF-8 (`/%AE%85` lowered is `\uFFFD\uFFFD`).
 *
 * @example goToLower('A\udcae\u0130') // 'a\ufffdi'
 */

const REPLACEMENT = '\ufffd';

/** Whether `cp` is a raw byte of invalid UTF-8 as the byte strings carry it (U+DC80..U+DCFF). */
const isRawByte = (cp: number): boolean => cp >= 0xdc80 && cp <= 0xdcff;

function mapRunes(s: string, one: (ch: string) => string): string {
  let out = '';
  for (const ch of s) {
    const cp = ch.codePointAt(0) as number;
    if (cp < 0x80) out += one(ch);
    else if (isRawByte(cp)) out += REPLACEMENT;
    else {
      const mapped = one(ch);
      // Several code points means a full (special) mapping; Go's simple one keeps the rune.
      out += [...mapped].length === 1 ? mapped : ch;
    }
  }
  return out;
}

/** Go's `strings.ToLower` (see the module comment). */
export function goToLower(s: string): string {
  if (!/[^\x00-\x7f]/.test(s)) return s.toLowerCase();
  return mapRunes(s, (ch) => (ch === '\u0130' ? 'i' : ch.toLowerCase()));
}

/** Go's `strings.ToUpper` (see the module comment). */
export function goToUpper(s: string): string {
  if (!/[^\x00-\x7f]/.test(s)) return s.toUpperCase();
  return mapRunes(s, (ch) => ch.toUpperCase());
}
