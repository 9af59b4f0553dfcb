/**
 * Go's `url.ParseQuery`, which `http.Request.FormValue` reads a GET's parameters with: pairs
 * split at `&`; a pair holding a `;` (Go ≥ 1.17), an empty pair, or a key or value with a bad
 * `%` escape is skipped, and the rest still count; `+` is a space. So `q=select%ZZ1` has no `q`
 * at all and `src=main;` no `src`, where a WHATWG parser would keep both in some form.
 *
 * Works on the raw query as it arrived (node hands the target over as Latin-1, one char per
 * byte); the decoded bytes are read as UTF-8.
 *
 * @example
 *   goFormValue('q=select+1&src=main;', 'src') // → '' (the pair with a `;` is skipped)
 *   goFormValue('q=a%2Cb&q=c', 'q')            // → 'a,b' (the first value)
 */

/** `url.QueryUnescape`, or undefined where Go reports an invalid escape. */
export function goQueryUnescape(s: string): string | undefined {
  if (!/[%+]/.test(s)) return s;
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
    } else if (ch < 0x80) {
      bytes.push(ch);
    } else {
      // A raw character beyond ASCII: its bytes as they came (Latin-1) or, from a decoded URL, its UTF-8.
      bytes.push(...(ch <= 0xff ? [ch] : Buffer.from(s[i] as string)));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** The first value of `name` in `rawQuery` as Go's `FormValue` reads it ('' when there is none). */
export function goFormValue(rawQuery: string, name: string): string {
  for (const pair of rawQuery.split('&')) {
    if (pair === '' || pair.includes(';')) continue;
    const eq = pair.indexOf('=');
    const key = goQueryUnescape(eq < 0 ? pair : pair.slice(0, eq));
    if (key !== name) continue;
    const value = goQueryUnescape(eq < 0 ? '' : pair.slice(eq + 1));
    if (value !== undefined) return value;
  }
  return '';
}
