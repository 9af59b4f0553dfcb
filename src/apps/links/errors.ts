/**
 * Every way a go/ links request can fail, with golink's status and text, and the mapping the
 * platform's renderer uses for an error that escapes a route.
 *
 * golink answers each failure with Go's `http.Error`: the status, and the message plus a newline
 * as plain text, to browsers and API clients alike. The links routes keep exactly that (they
 * answer a LinkError as golink's text, `routes/http.ts`), except that a form whose fields are
 * wrong (an InputError) is shown again to a browser, with the message. What reaches the renderer
 * (`errors` below: a page in the suite's frame for browsers, JSON for JSON clients, the same text
 * for curl) is only what no golink client meets: a form body that cannot be parsed (the
 * platform's BadFormError), and the refusals of the two tailyard-only pages (the delete
 * confirmation and the import form).
 *
 * @example
 *   throw new LinkError(403, 'cannot update link owned by "amy@example.com"');
 *   errors(new LinkError(405, READONLY_MESSAGE)) // { status: 405, code: 'read_only', message: 'golink is in read-only mode' }
 */
import type { AppFailure } from '../../platform/errors.js';
import { BadFormError } from '../../platform/form.js';
import { GoURLError, LinkLoopError, LinkNotFoundError } from './resolve.js';
import { isNoUserError, TemplateExecError, TemplateParseError } from './template/index.js';
import { LaneBusyError } from './template-lane.js';

/** The statuses golink (and tailyard's additions to its API) answer failures with. */
export type LinkStatus = 400 | 401 | 403 | 404 | 405 | 409 | 413 | 500 | 503 | 508;

/** The renderer's machine-readable code for each status (the JSON `error`). */
const CODES: Readonly<Record<LinkStatus, string>> = {
  400: 'bad_request',
  401: 'needs_user',
  403: 'forbidden',
  404: 'not_found',
  405: 'read_only',
  409: 'conflict',
  413: 'too_large',
  500: 'link_broken',
  503: 'busy',
  508: 'link_loop',
};

/** An expected failure: its status and golink's message (one line, no trailing newline). */
export class LinkError extends Error {
  override name = 'LinkError';
  constructor(
    readonly status: LinkStatus,
    message: string,
  ) {
    super(message);
  }
}

/** The submitted fields (or the imported file) are wrong: a browser gets its form back with the message. */
export class InputError extends LinkError {
  override name = 'InputError';
  constructor(status: 400 | 409 | 413, message: string) {
    super(status, message);
  }
}

/** A rename onto a name another link, live or deleted, already has. */
export class NameTakenError extends InputError {
  override name = 'NameTakenError';
  constructor(message: string) {
    super(409, message);
  }
}

/** Go's `http.NotFound` text, which golink answers for a missing link and any unknown path. */
export const NOT_FOUND_MESSAGE = '404 page not found';
export const READONLY_MESSAGE = 'golink is in read-only mode';
export const UNKNOWN_USER_MESSAGE =
  'forbidden: you could not be identified as a tailnet user; changing links needs a login (or --links-allow-unknown-users)';
export const ADMIN_ONLY_MESSAGE = 'forbidden: importing links needs the admin grant ({"admin": true})';
export const NO_USER_MESSAGE = 'link requires a valid user';

/**
 * Why following a destination failed, as the failure golink answers: a template that needs a
 * user visited without one (401), a missing link in an alias chain (404), a loop (508), a
 * template refused a share of the CPU (503), a template or URL that does not work (500).
 * Undefined for any other error.
 *
 * @example resolutionError(new LinkLoopError(['a', 'b', 'a']))?.status // 508
 */
export function resolutionError(err: unknown): LinkError | undefined {
  if (isNoUserError(err)) return new LinkError(401, NO_USER_MESSAGE);
  if (err instanceof LinkNotFoundError) return new LinkError(404, err.message);
  if (err instanceof LinkLoopError) return new LinkError(508, err.message);
  if (err instanceof LaneBusyError) return new LinkError(503, err.message);
  if (err instanceof TemplateExecError || err instanceof TemplateParseError || err instanceof GoURLError) return new LinkError(500, err.message);
  return undefined;
}

/**
 * The app's errors for the platform's renderer (see the module comment); undefined for an
 * unexpected error, which the platform logs and answers as a 500.
 *
 * @example errors(new BadFormError('malformed multipart/form-data body: …'))?.status // 400
 */
export function errors(err: unknown): AppFailure | undefined {
  if (err instanceof BadFormError) return { status: 400, code: CODES[400], message: err.message };
  const known = err instanceof LinkError ? err : resolutionError(err);
  return known && { status: known.status, code: CODES[known.status], message: known.message };
}
