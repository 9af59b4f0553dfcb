import { describe, expect, it } from 'vitest';
import { errors, httpError, SecretsError } from './errors.js';
import { WireError } from './wire.js';

describe('httpError (setec wire answers)', () => {
  it('answers each failure with its status and a text body ending in a newline, 304 with none', () => {
    expect(httpError(new SecretsError('not-found'))).toEqual({ status: 404, body: 'not found\n', outcome: 'not-found' });
    expect(httpError(new SecretsError('too-large', 'the limit is 1 KiB'))).toEqual({ status: 413, body: 'secret value too large: the limit is 1 KiB\n', outcome: 'too-large' });
    expect(httpError(new SecretsError('not-modified'))).toEqual({ status: 304, body: '', outcome: 'not-modified' });
    expect(httpError(new WireError('empty request body'))).toEqual({ status: 400, body: 'bad request: empty request body\n', outcome: 'bad-request' });
  });

  it('answers anything else with a generic 500 that tells nothing of the error', () => {
    expect(httpError(new Error('disk on fire: /var/lib/tailyard'))).toEqual({ status: 500, body: 'internal error\n', outcome: 'internal' });
  });
});

describe('errors (the platform renderer mapping)', () => {
  it('maps the app errors to the same status and message, with a snake_case code', () => {
    expect(errors(new SecretsError('denied'))).toEqual({ status: 403, code: 'denied', message: 'access denied' });
    expect(errors(new SecretsError('name-too-long', 'the limit is 1024 bytes of UTF-8'))).toEqual({
      status: 400,
      code: 'name_too_long',
      message: 'bad request: the secret name is too long: the limit is 1024 bytes of UTF-8',
    });
    expect(errors(new WireError('Name: expected a string, got a number'))).toEqual({ status: 400, code: 'bad_request', message: 'bad request: Name: expected a string, got a number' });
  });

  it('leaves every other error to the platform (its logged 500)', () => {
    expect(errors(new Error('boom'))).toBeUndefined();
    expect(errors('not an error')).toBeUndefined();
  });
});
