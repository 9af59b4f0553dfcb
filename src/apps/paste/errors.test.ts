import { describe, expect, it } from 'vitest';
import { FilenameError } from './filename.js';
import { BodyError } from './form.js';
import { LifetimeError } from './lifetime.js';
import { errors, httpFailure, PasteError } from './errors.js';
import { SearchSyntaxError } from './store.js';

describe('httpFailure', () => {
  it('maps each kind to its status', () => {
    const cases: Array<[PasteError, number]> = [
      [new PasteError('not-found'), 404],
      [new PasteError('gone', 'deleted'), 410],
      [new PasteError('method', 'use GET', { Allow: 'GET, HEAD' }), 405],
      [new PasteError('too-large', 'the limit is 10 MiB'), 413],
      [new PasteError('unsupported'), 415],
      [new PasteError('rate-limited', 'retry in 3 s', { 'Retry-After': '3' }), 429],
      [new PasteError('forbidden'), 403],
      [new PasteError('anonymous'), 403],
      [new PasteError('bad-search', 'x'), 400],
    ];
    for (const [err, status] of cases) expect(httpFailure(err).status, err.kind).toBe(status);
    expect(httpFailure(new PasteError('method', 'use GET', { Allow: 'GET, HEAD' })).headers).toEqual({ Allow: 'GET, HEAD' });
  });

  it('words messages as title: detail', () => {
    expect(httpFailure(new PasteError('too-large', 'the limit is 10 MiB')).message).toBe('paste too large: the limit is 10 MiB');
    expect(httpFailure(new PasteError('not-found')).message).toBe('paste not found');
  });

  it('maps the input errors of the pure modules', () => {
    expect(httpFailure(new BodyError('not-utf8', 'x is not UTF-8'))).toMatchObject({ status: 415, message: 'unsupported paste: x is not UTF-8' });
    expect(httpFailure(new BodyError('content-type', 'bad content-type'))).toMatchObject({ status: 415 });
    expect(httpFailure(new BodyError('malformed', 'bad body'))).toMatchObject({ status: 400 });
    expect(httpFailure(new FilenameError('too long'))).toMatchObject({ status: 400, message: 'bad request: too long' });
    expect(httpFailure(new LifetimeError('unknown expiry'))).toMatchObject({ status: 400 });
    expect(httpFailure(new SearchSyntaxError('syntax error near "OR"'))).toMatchObject({ status: 400, message: 'bad search query: syntax error near "OR"' });
  });

  it('hides the details of unexpected errors', () => {
    expect(httpFailure(new Error('SQLITE_CORRUPT: /data/paste.db'))).toEqual({ status: 500, kind: 'internal', message: 'internal error', headers: {} });
  });
});

describe('errors (for the platform renderer)', () => {
  it('gives the status, code, message and headers of httpFailure, and a hint where a person can act', () => {
    expect(errors(new PasteError('gone', 'this paste expired (2024-05-01 13:00 UTC)'))).toEqual({
      status: 410,
      code: 'gone',
      message: 'gone: this paste expired (2024-05-01 13:00 UTC)',
      hint: 'This paste is gone for good and cannot be brought back; to share its text again, create a new paste from the start page.',
      headers: {},
    });
    expect(errors(new PasteError('method', 'use GET', { Allow: 'GET, HEAD' }))).toEqual({ status: 405, code: 'method', message: 'method not allowed: use GET', headers: { Allow: 'GET, HEAD' } });
    expect(errors(new LifetimeError('unknown expiry "2y"'))).toMatchObject({ status: 400, code: 'bad_request' });
    expect(errors(new PasteError('not-found', 'no paste has the id x'))).toMatchObject({ status: 404, code: 'not_found', hint: expect.stringMatching(/^No such paste: /) });
  });

  it('leaves unexpected errors to the platform (a logged 500)', () => {
    expect(errors(new Error('SQLITE_CORRUPT: /data/paste.db'))).toBeUndefined();
  });
});
