/**
 * Every way a paste request can fail, and the one table that maps each to an HTTP status and a
 * message. Routes render the same failure as a page (browsers), JSON (`Accept: application/json`)
 * or plain text (the CLI and curl); the status is decided here only.
 *
 * tclip answers a missing paste with 500 and an unknown path with 200; here a missing paste is
 * 404, a deleted, expired or burnt one 410, a wrong method 405.
 *
 * `errors` gives the platform's renderer the same table for an error that escapes a route.
 *
 * @example
 *   throw new PasteError('gone', 'this paste expired at 2024-05-01 12:00 UTC');
 *   httpFailure(err) // { status: 410, kind: 'gone', message: 'gone: this paste expired at …' }
 */
import type { AppFailure } from '../../platform/errors.js';
import { FilenameError } from './filename.js';
import { BodyError } from './form.js';
import { LifetimeError } from './lifetime.js';
import { SearchSyntaxError } from './store.js';

export type FailureKind =
  | 'bad-request'
  | 'bad-search'
  | 'anonymous'
  | 'forbidden'
  | 'not-found'
  | 'no-page'
  | 'gone'
  | 'method'
  | 'burn-unrevealed'
  | 'too-large'
  | 'unsupported'
  | 'rate-limited'
  | 'internal';

const TABLE: Readonly<Record<FailureKind, readonly [status: number, title: string]>> = {
  'bad-request': [400, 'bad request'],
  'bad-search': [400, 'bad search query'],
  anonymous: [403, 'forbidden: this pastebin is private; only links to single pastes are public'],
  forbidden: [403, 'forbidden'],
  'not-found': [404, 'paste not found'],
  'no-page': [404, 'not found'],
  gone: [410, 'gone'],
  method: [405, 'method not allowed'],
  'burn-unrevealed': [409, 'this paste is deleted once read'],
  'too-large': [413, 'paste too large'],
  unsupported: [415, 'unsupported paste'],
  'rate-limited': [429, 'too many pastes'],
  internal: [500, 'internal error'],
};

/** An expected failure; `detail` completes the message and must never hold paste content. */
export class PasteError extends Error {
  override name = 'PasteError';
  constructor(
    readonly kind: FailureKind,
    readonly detail?: string,
    /** Extra response headers (`Allow`, `Retry-After`). */
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(detail === undefined ? TABLE[kind][1] : `${TABLE[kind][1]}: ${detail}`);
  }
}

export interface HttpFailure {
  status: number;
  kind: FailureKind;
  /** One line, no trailing newline. */
  message: string;
  headers: Readonly<Record<string, string>>;
}

/**
 * The response for any thrown value: PasteError by its table row, the input errors of the pure
 * modules as 400/415, anything else as a generic 500 (its message is logged, never shown).
 */
export function httpFailure(err: unknown): HttpFailure {
  const of = (e: PasteError): HttpFailure => ({ status: TABLE[e.kind][0], kind: e.kind, message: e.message, headers: e.headers });
  if (err instanceof PasteError) return of(err);
  if (err instanceof BodyError) return of(new PasteError(err.problem === 'malformed' ? 'bad-request' : 'unsupported', err.message));
  if (err instanceof FilenameError || err instanceof LifetimeError) return of(new PasteError('bad-request', err.message));
  if (err instanceof SearchSyntaxError) return of(new PasteError('bad-search', err.message));
  return { status: 500, kind: 'internal', message: TABLE.internal[1], headers: {} };
}

/** The app's errors for the platform's renderer: the failures {@link httpFailure} knows, by the same table. */
export function errors(err: unknown): AppFailure | undefined {
  const f = httpFailure(err);
  return f.kind === 'internal' ? undefined : { status: f.status, code: f.kind, message: f.message, headers: f.headers };
}
