import { expect, test } from 'vitest';
import { BadFormError } from '../../platform/form.js';
import { errors, InputError, LinkError, NameTakenError, READONLY_MESSAGE, resolutionError } from './errors.js';
import { LinkLoopError, LinkNotFoundError } from './resolve.js';
import { SnapshotError } from './snapshot.js';
import { NoUserError, TemplateExecError } from './template/errors.js';
import { GoURLError } from './template/gourl.js';
import { LaneBusyError } from './template-lane.js';

test('the renderer gets each LinkError’s status and message, with a code by status', () => {
  expect(errors(new LinkError(405, READONLY_MESSAGE))).toEqual({ status: 405, code: 'read_only', message: 'golink is in read-only mode' });
  expect(errors(new NameTakenError('go/a already exists'))).toEqual({ status: 409, code: 'conflict', message: 'go/a already exists' });
  expect(errors(new SnapshotError('import:2: not valid JSON'))).toEqual({ status: 400, code: 'bad_request', message: 'import:2: not valid JSON' });
  expect(errors(new BadFormError('malformed multipart/form-data body: no boundary'))).toMatchObject({ status: 400, code: 'bad_request' });
});

test('refused fields and snapshot lines are InputErrors', () => {
  expect(new NameTakenError('x')).toBeInstanceOf(InputError);
  expect(new SnapshotError('x')).toBeInstanceOf(InputError);
  expect(new LinkError(403, 'x')).not.toBeInstanceOf(InputError);
});

test('a destination that cannot be followed has golink’s status', () => {
  const status = (err: unknown) => resolutionError(err)?.status;
  expect(status(new NoUserError())).toBe(401);
  expect(resolutionError(new NoUserError())?.message).toBe('link requires a valid user');
  expect(status(new LinkNotFoundError('b', ['a', 'b']))).toBe(404);
  expect(status(new LinkLoopError(['a', 'b', 'a']))).toBe(508);
  expect(status(new LaneBusyError('busy'))).toBe(503);
  expect(status(new TemplateExecError('boom'))).toBe(500);
  expect(status(new GoURLError('%', 'invalid URL escape "%"'))).toBe(500);
  // An escaping one is rendered with that status too.
  expect(errors(new LinkLoopError(['a', 'a']))).toMatchObject({ status: 508, code: 'link_loop' });
});

test('anything else is not the app’s to answer (the platform logs it and answers 500)', () => {
  expect(errors(new Error('disk I/O error'))).toBeUndefined();
  expect(resolutionError(new TypeError('x'))).toBeUndefined();
});
