/**
 * Error types of the Go text/template engine.
 *
 * Messages follow Go's wording (`template: NAME:LINE: ...` for parse errors and
 * `template: NAME:LINE:COL: executing "NAME" at <...>: ...` for run-time errors) so that
 * users who know golink see the same text, and so callers can map errors to HTTP statuses.
 */
import type { LimitName, Usage } from './budget.js';

/** A template that does not parse, e.g. `template: long:1: unexpected "}" in operand`. */
export class TemplateParseError extends Error {
  override readonly name = 'TemplateParseError';
}

/**
 * A run-time failure: unknown field, bad argument, limit exceeded, or an error thrown by a
 * function or method. `cause` holds the thrown value when there was one.
 */
export class TemplateExecError extends Error {
  override readonly name = 'TemplateExecError';
}

/**
 * A run stopped by one of its bounds (`limit`: bytes, steps, deadline, output or depth), with
 * what it had charged. The message names the limit after Go's usual context.
 *
 * @example
 *   catch (e) { if (e instanceof TemplateLimitError && e.limit === 'bytes') ... }
 */
export class TemplateLimitError extends TemplateExecError {
  constructor(
    message: string,
    readonly limit: LimitName,
    readonly usage: Usage,
  ) {
    super(message);
  }
}

/**
 * A template refused at parse time by a limit (`limit`: source size, nesting depth or number of
 * actions); saving or importing it answers 400 with the message, which names the limit.
 */
export class TemplateParseLimitError extends TemplateParseError {
  constructor(
    message: string,
    readonly limit: LimitName,
  ) {
    super(message);
  }
}

/**
 * Thrown by a data method such as golink's `.User` when the request has no known user;
 * the links app answers it with 401 `link requires a valid user`.
 *
 * @example
 *   try { tmpl.execute(env) } catch (e) { if (isNoUserError(e)) status = 401 }
 */
export class NoUserError extends Error {
  override readonly name = 'NoUserError';
  constructor() {
    super('no user');
  }
}

/** Reports whether `err` is, or was caused by, a {@link NoUserError}. */
export function isNoUserError(err: unknown): boolean {
  for (let e = err, depth = 0; e instanceof Error && depth < 8; e = e.cause, depth++) {
    if (e instanceof NoUserError) return true;
  }
  return false;
}
