/**
 * Go's `url.ParseQuery`, which `http.Request.FormValue` reads a GET's parameters with: pairs
 * split at `&`; a pair holding a `;` (Go ≥ 1.17), an empty pair, or a key or value with a bad
 * `%` escape is skipped, and the rest still count; `+` is a space. So `q=select%ZZ1` has no `q`
 * at all and `src=main;` no `src`, where a WHATWG parser would keep both in some form.
 *
 * Works on the raw query as it arrived (node hands the target over as Latin-1, one char per
 * byte) and answers with the decoded **bytes**, as Go does: a Go string is bytes, and
 * `q=select+%E4` is the SQL text `select \xE4`, not valid UTF-8. What a caller makes of bytes that
 * are not UTF-8 is the caller's rule (the SQL console keeps them: apps/sql/routes/respond.ts).
 *
 * @example
 *   goFormValue('q=select+1&src=main;', 'src') // → <> (the pair with a `;` is skipped)
 *   goFormValue('q=a%2Cb&q=c', 'q')            // → the bytes of 'a,b' (the first value)
 *   goFormValue('src=%FF', 'src')              // → <ff>
 */

const NONE = Buffer.alloc(0);

/** `url.QueryUnescape` as bytes, or undefined where Go reports an invalid escape. */
export function goQueryUnescape(s: string): Buffer | undefined {
  if (/^[^%+\x80-\uffff]*$/.test(s)) return Buffer.from(s, 'latin1');
  const bytes: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const ch = s.charCodeAt(i);
    if (ch === 0x25) {
      const hex = s.slice(i + 1, i + 3);
      if (!/^[0-9A-Fa-f]{2}$/.test(hex)) return undefined;
      bytes.push(Number.parseInt(hex, 16));
      i += 2;
    } else if (ch === 0x2b) {
      bytes.push(0x20);
    } else if (ch <= 0xff) {
      // A raw byte as node handed it over (Latin-1: one char per byte).
      bytes.push(ch);
    } else {
      // A character beyond Latin-1 can only come from an already decoded URL: its UTF-8.
      const cp = s.codePointAt(i) as number;
      bytes.push(...Buffer.from(String.fromCodePoint(cp)));
      if (cp > 0xffff) i++;
    }
  }
  return Buffer.from(bytes);
}

/** The first value of `name` in `rawQuery` as Go's `FormValue` reads it, as bytes (none when there is none). */
export function goFormValue(rawQuery: string, name: string): Buffer {
  const wanted = Buffer.from(name);
  for (const pair of rawQuery.split('&')) {
    if (pair === '' || pair.includes(';')) continue;
    const eq = pair.indexOf('=');
    const key = goQueryUnescape(eq < 0 ? pair : pair.slice(0, eq));
    if (!key?.equals(wanted)) continue;
    const value = goQueryUnescape(eq < 0 ? '' : pair.slice(eq + 1));
    if (value !== undefined) return value;
  }
  return NONE;
}
