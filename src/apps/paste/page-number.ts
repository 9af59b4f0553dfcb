/**
 * The page a list request asks for (`?page=N`, from 0), read as tclip reads it: anything that is
 * not a whole number, and any negative one, is page 0 (tclip's `strconv.Atoi` fallback). A
 * number past the last page is an empty page, however large: past {@link LAST_PAGE} (far beyond
 * any real list, and where `page × 25` would leave the exact integers SQLite's OFFSET needs) the
 * request is read as that page, which is as empty.
 *
 * @example
 *   pageNumber('3')                      // 3
 *   pageNumber('x') / pageNumber('-2')   // 0
 *   pageNumber('99999999999999999999')   // LAST_PAGE (an empty page)
 */

/** Rows per list page (tclip's). */
export const PAGE_SIZE = 25;

/** The largest page whose first row's offset is still an exact integer. */
export const LAST_PAGE = Math.floor(Number.MAX_SAFE_INTEGER / PAGE_SIZE);

export function pageNumber(text: string | undefined): number {
  const m = /^\+?(\d+)$/.exec(text ?? '');
  if (!m) return 0;
  const digits = (m[1] as string).replace(/^0+(?=\d)/, '');
  // Compared as text first: Number() of a long digit string is not exact.
  if (digits.length > String(LAST_PAGE).length) return LAST_PAGE;
  return Math.min(Number(digits), LAST_PAGE);
}
