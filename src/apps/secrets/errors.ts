/**
 * Every way a secrets request can fail, and the one table that maps each to an HTTP status and
 * message (setec's `serveJSON` mapping, reference §1.2, with its client-mistake 500s turned
 * into 4xx that say what is wrong).
 *
 * Messages never include a secret value; most do not even include the name.
 *
 * Two ways out: {@link httpError} is setec's wire answer (plain text, whatever the `Accept`),
 * which the API routes (`routes/api.ts`) send themselves; {@link errors} hands the same statuses
 * and messages to the platform's renderer for what escapes the other routes (the page), which
 * answers a page, JSON or text by `Accept`.
 *
 * @example
 *   throw new SecretsError('not-found');
 *   httpError(err) // → { status: 404, body: 'not found\n', outcome: 'not-found' }
 *   errors(err)    // → { status: 404, code: 'not_found', message: 'not found' }
 */
import type { AppFailure } from '../../platform/errors.js';
import { WireError } from './wire.js';

/** The failure kinds. Each is also the `outcome` recorded in the audit log and metrics. */
export type FailureKind =
  | 'method'
  | 'content-type'
  | 'no-browsers'
  | 'bad-request'
  | 'empty-name'
  | 'name-too-long'
  | 'too-large'
  | 'denied'
  | 'not-found'
  | 'not-modified'
  | 'invalid-version'
  | 'version-claimed'
  | 'active-version'
  | 'versions-exhausted'
  | 'internal';

const TABLE: Readonly<Record<FailureKind, readonly [status: number, message: string]>> = {
  method: [400, 'only POST requests allowed'],
  'content-type': [400, 'request body must be json'],
  'no-browsers': [403, 'access denied'],
  'bad-request': [400, 'bad request'],
  'empty-name': [400, 'bad request: the secret name must not be empty'],
  'name-too-long': [400, 'bad request: the secret name is too long'],
  'too-large': [413, 'secret value too large'],
  denied: [403, 'access denied'],
  'not-found': [404, 'not found'],
  'not-modified': [304, ''],
  'invalid-version': [400, 'invalid version, please specify a version > 0'],
  'version-claimed': [412, 'version already set'],
  'active-version': [409, 'cannot delete the active version; activate another version first'],
  'versions-exhausted': [409, 'no version numbers left for this secret (the highest, 4294967295, is used)'],
  internal: [500, 'internal error'],
};

/**
 * An expected failure of a secrets request. `detail` is appended to the message and must not
 * hold secret bytes.
 *
 * @example
 *   throw new SecretsError('too-large', 'the limit is 1 MiB');
 */
export class SecretsError extends Error {
  readonly kind: FailureKind;
  readonly detail: string | undefined;

  constructor(kind: FailureKind, detail?: string) {
    // Expected outcomes (a 304 is one on every poll) need no stack trace, which costs more
    // than the rest of a conditional get.
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(detail === undefined ? TABLE[kind][1] : `${TABLE[kind][1]}: ${detail}`);
    Error.stackTraceLimit = limit;
    this.kind = kind;
    this.detail = detail;
  }

  override get name(): string {
    return 'SecretsError';
  }
}

/** What to answer for a failure. */
export interface HttpFailure {
  status: number;
  /** Plain-text body with a trailing newline (Go's `http.Error`), empty for 304. */
  body: string;
  outcome: FailureKind;
}

/**
 * Maps any thrown value to the response: {@link SecretsError} by its table row, a
 * {@link WireError} to 400 with its problem, anything else to a generic 500.
 *
 * @example
 *   const { status, body } = httpError(new WireError('Version: -1 is not an integer'));
 *   // → 400, 'bad request: Version: -1 is not an integer\n'
 */
export function httpError(err: unknown): HttpFailure {
  if (err instanceof SecretsError) {
    const [status] = TABLE[err.kind];
    return { status, body: status === 304 ? '' : `${err.message}\n`, outcome: err.kind };
  }
  if (err instanceof WireError) return { status: 400, body: `bad request: ${err.message}\n`, outcome: 'bad-request' };
  return { status: 500, body: `${TABLE.internal[1]}\n`, outcome: 'internal' };
}

/**
 * The app's errors for the platform's renderer (an error that escapes a route other than
 * setec's API, which answers through {@link httpError} itself and never reaches it): the same
 * statuses and messages, with the failure kind as the code (`not_found`, in the platform's
 * style). Anything else is not the app's to map (the platform logs it and answers 500).
 *
 * @example
 *   errors(new SecretsError('denied')) // → { status: 403, code: 'denied', message: 'access denied' }
 */
export function errors(err: unknown): AppFailure | undefined {
  if (!(err instanceof SecretsError || err instanceof WireError)) return undefined;
  const f = httpError(err);
  return { status: f.status, code: f.outcome.replaceAll('-', '_'), message: f.body.trimEnd() };
}
