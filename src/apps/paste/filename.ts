/**
 * Paste filenames: cleaning what clients send, and the `Content-Disposition` header for
 * downloads (RFC 6266 with an RFC 8187 `filename*` for names that are not plain ASCII).
 *
 * Written here rather than taken from `content-disposition` (the npm package): that package
 * builds the same header, but this module also decides how names are cleaned, and the two rules
 * must agree; the header part is a dozen lines.
 *
 * @example
 *   cleanFilename('  ../notes\n.md ')      // '.._notes_.md'
 *   attachmentDisposition('résumé.txt')    // 'attachment; filename="r_sum_.txt"; filename*=UTF-8\'\'r%C3%A9sum%C3%A9.txt'
 */

/** The name a paste gets when the client sends none (tclip's choice). */
export const UNTITLED = 'untitled';

/** The longest filename accepted, in characters. */
export const MAX_FILENAME_CHARS = 255;

/** A filename that cannot be stored as sent. */
export class FilenameError extends Error {
  override name = 'FilenameError';
}

// Control characters, path separators, and the bidi controls that can make `txt.exe` read as
// `exe.txt`: none of them belong in a name shown on a page or offered for download.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f/\\\u202a-\u202e\u2066-\u2069]/g;

/**
 * The filename to store: trimmed, unsafe characters replaced by `_`, `untitled` when empty.
 * Throws FilenameError when it is longer than {@link MAX_FILENAME_CHARS}.
 *
 * @example cleanFilename('') // 'untitled'
 */
export function cleanFilename(raw: string | undefined): string {
  const name = (raw ?? '').trim().replace(UNSAFE, '_');
  if (name === '') return UNTITLED;
  const length = [...name].length;
  if (length > MAX_FILENAME_CHARS) throw new FilenameError(`filename is too long: ${length} characters, at most ${MAX_FILENAME_CHARS}`);
  return name;
}

/** RFC 8187 `attr-char` is ALPHA / DIGIT / "!#$&+-.^_`|~"; everything else is percent-encoded. */
function encodeExtValue(s: string): string {
  return encodeURIComponent(s).replace(/['()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * `Content-Disposition: attachment` for `filename`: a quoted ASCII fallback (non-ASCII replaced
 * by `_`, quotes and backslashes escaped), plus `filename*` when the name is not plain ASCII.
 *
 * @example attachmentDisposition('a "b".txt') // 'attachment; filename="a \\"b\\".txt"'
 */
export function attachmentDisposition(filename: string): string {
  const name = filename.replace(UNSAFE, '_') || UNTITLED;
  const fallback = name.replace(/[^\x20-\x7e]/gu, '_').replace(/["\\]/g, (ch) => `\\${ch}`);
  const ascii = /^[\x20-\x7e]*$/.test(name);
  return ascii ? `attachment; filename="${fallback}"` : `attachment; filename="${fallback}"; filename*=UTF-8''${encodeExtValue(name)}`;
}
