/**
 * The page a list request asks for (`?page=N`, from 0), read as tclip reads it: anything that is
 * not a whole number, and any negative one, is page 0 (tclip's `strconv.Atoi` fallback). A
 * number past the last page is an empty page, however large: past {@link lastPage} (far beyond
 * any real list, and where `page × pageSize` would leave the exact integers SQLite's OFFSET
 * needs) the request is read as that page, which is as empty. Paste's lists and the identity
 * provider's client list read pages this way.
 *
 * @example
 *   pageNumber('3', 25)                      // 3
 *   pageNumber('x', 25) / pageNumber('-2', 25)   // 0
 *   pageNumber('99999999999999999999', 25)   // lastPage(25) (an empty page)
 */

/** The largest page whose first row's offset is still an exact integer. */
export function lastPage(pageSize: number): number {
  return Math.floor(Number.MAX_SAFE_INTEGER / pageSize);
}

export function pageNumber(text: string | undefined, pageSize: number): number {
  const m = /^\+?(\d+)$/.exec(text ?? '');
  if (!m) return 0;
  const last = lastPage(pageSize);
  const digits = (m[1] as string).replace(/^0+(?=\d)/, '');
  // Compared as text first: Number() of a long digit string is not exact.
  if (digits.length > String(last).length) return last;
  return Math.min(Number(digits), last);
}
