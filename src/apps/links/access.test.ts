import { expect, test } from 'vitest';
import { makeCaller } from '../../platform/identity.js';
import { actorOf, canEdit, resolveOwner, userExists } from './access.js';

const amy = { login: 'amy@example.com', admin: false };
const admin = { login: 'root@example.com', admin: true };

test('golink canEditLink order', () => {
  expect(canEdit(undefined, amy, false)).toBe(true);
  expect(canEdit({ owner: 'amy@example.com' }, amy, true)).toBe(false);
  expect(canEdit({ owner: '' }, amy, false)).toBe(true);
  expect(canEdit({ owner: 'amy@example.com' }, amy, false)).toBe(true);
  expect(canEdit({ owner: 'bob@example.com' }, amy, false)).toBe(false);
  expect(canEdit({ owner: 'bob@example.com' }, admin, false)).toBe(true);
  expect(canEdit({ owner: 'tagged-devices' }, amy, false)).toBe(true);
  expect(canEdit({ owner: 'bob@example.com' }, { login: '', admin: false }, false)).toBe(false);
});

test('who counts as a current user', () => {
  expect(userExists('bob@example.com')).toBe(true);
  expect(userExists('tagged-devices')).toBe(false);
  expect(userExists('')).toBe(false);
});

test('owner field: empty means me; others must be users', () => {
  expect(resolveOwner('', amy)).toEqual({ owner: 'amy@example.com' });
  expect(resolveOwner(' bob@example.com ', amy)).toEqual({ owner: 'bob@example.com' });
  expect(resolveOwner('tagged-devices', amy)).toEqual({ error: 'new owner not a valid user: tagged-devices' });
  expect(resolveOwner('two words', amy)).toEqual({ error: 'new owner not a valid user: two words' });
});

test('admin comes from any grant value with admin: true', () => {
  const cap = 'tailscale.com/cap/golink';
  const caller = (values: unknown[]) => makeCaller({ kind: 'user', login: 'x@y', capMap: { [cap]: values } });
  expect(actorOf(caller([{}, { admin: true }]), cap).admin).toBe(true);
  expect(actorOf(caller([{ admin: false }]), cap).admin).toBe(false);
  expect(actorOf(caller([{ admin: 'yes' }]), cap).admin).toBe(false);
  expect(actorOf(makeCaller({ kind: 'anonymous', login: 'ignored' }), cap).login).toBe('');
});
