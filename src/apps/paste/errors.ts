/**
 * Every way a paste request can fail, and the one table that maps each to an HTTP status and a
 * message; the status is decided here only.
 *
 * Two renderings of the same failure: programs (tclip's CLI, `tailyard paste`, curl, JSON API
 * clients) get paste's wire answers, one line of text or `{"error", "status"}` (routes/wire.ts),
 * exactly as they always have; browsers get a page from the platform's renderer, through
 * `errors`, which adds a hint saying what to do (the paste pages' own status pages said it in
 * their headings: "No such paste", "This paste is gone").
 *
 * tclip answers a missing paste with 500 and an unknown path with 200; here a missing paste is
 * 404, a deleted, expired or burnt one 410, a wrong method 405.
 *
 * @example
 *   throw new PasteError('gone', 'this paste expired at 2024-05-01 12:00 UTC');
 *   httpFailure(err) // { status: 410, kind: 'gone', message: 'gone: this paste expired at …' }
 *   errors(err)      // { status: 410, code: 'gone', message: 'gone: …', hint: 'This paste is gone for good …' }
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

/** What a person can do about a failure, shown under the message on a page. */
const HINTS: Readonly<Partial<Record<FailureKind, string>>> = {
  'not-found': 'No such paste: check that the link is complete, or create a new paste from the start page.',
  gone: 'This paste is gone for good and cannot be brought back; to share its text again, create a new paste from the start page.',
  'burn-unrevealed': 'Not shown yet: open the paste from its link and reveal it first (that deletes it for everyone else).',
  unsupported: 'Not text: paste stores UTF-8 text only.',
  'too-large': 'Shorten it, or split it into several pastes.',
};

/**
 * The app's errors for the platform's renderer (pages for browsers): the failures
 * {@link httpFailure} knows, by the same table, with a hint and the kind as the code in the
 * platform's style (`not_found`); unknown errors are left to the platform (a logged 500).
 */
export function errors(err: unknown): AppFailure | undefined {
  const f = httpFailure(err);
  if (f.kind === 'internal') return undefined;
  const hint = HINTS[f.kind];
  return { status: f.status, code: f.kind.replaceAll('-', '_'), message: f.message, headers: f.headers, ...(hint ? { hint } : {}) };
}
