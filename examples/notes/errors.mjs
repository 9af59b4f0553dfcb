/**
 * The notes app's errors, and how the platform answers them (`errors` in the definition): as a
 * page for browsers, JSON for `Accept: application/json`, text for curl.
 */

/** The caller's grant does not allow this. */
export class NotAllowed extends Error {}

/** The note cannot be kept as sent. */
export class BadNote extends Error {}

/** @type {import('tailyard/app').ErrorMapping} */
export function notesErrors(err) {
  if (err instanceof NotAllowed) return { status: 403, code: 'forbidden', message: err.message, hint: 'ask an admin for the notes grant' };
  if (err instanceof BadNote) return { status: 400, code: 'bad_note', message: err.message };
  return undefined;
}
