/**
 * Typed errors of the secrets client, one per status setec's Go client maps to a sentinel
 * (reference §4.1): 403 access denied, 404 not found, 304 value not changed, 412 version claimed.
 * Every other non-200 answer is a {@link SecretsApiError} carrying the status and the server's
 * plain-text message.
 *
 * @example
 *   try { await client.get('prod/db') } catch (e) { if (e instanceof NotFoundError) … }
 */

/** A non-200 answer from the server. */
export class SecretsApiError extends Error {
  override name = 'SecretsApiError';
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** 403: the caller's grants do not allow this (or the request lacked the setec header). */
export class AccessDeniedError extends SecretsApiError {
  override name = 'AccessDeniedError';
  constructor() {
    super(403, 'access denied');
  }
}

/** 404: no such secret or version. */
export class NotFoundError extends SecretsApiError {
  override name = 'NotFoundError';
  constructor() {
    super(404, 'not found');
  }
}

/** 304: a conditional get found the active version unchanged. */
export class ValueNotChangedError extends SecretsApiError {
  override name = 'ValueNotChangedError';
  constructor() {
    super(304, 'value not changed');
  }
}

/** 412: create-version with a version number that is (or was) in use. */
export class VersionClaimedError extends SecretsApiError {
  override name = 'VersionClaimedError';
  constructor() {
    super(412, 'version already set');
  }
}

/** The typed error for a status, or a generic one with the server's message. */
export function errorForStatus(status: number, body: string): SecretsApiError {
  switch (status) {
    case 403:
      return new AccessDeniedError();
    case 404:
      return new NotFoundError();
    case 304:
      return new ValueNotChangedError();
    case 412:
      return new VersionClaimedError();
    default:
      return new SecretsApiError(status, `request returned status ${status}: ${JSON.stringify(body.trim())}`);
  }
}
