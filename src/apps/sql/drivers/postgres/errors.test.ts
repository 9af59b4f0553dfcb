import { describe, expect, it } from 'vitest';
import { QueryError } from '../types.js';
import { describePgError, lostConnection, unreachableError } from './errors.js';

describe('PostgreSQL errors', () => {
  it('a connection that is gone is a 503-class error naming the source', () => {
    const cases: Array<[unknown, string]> = [
      [{ code: '57P01', message: 'terminating connection due to administrator command' }, 'terminated by administrator'],
      [{ code: '57P02', message: 'terminating connection because of crash of another server process' }, 'the server crashed'],
      [Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }), 'connection reset'],
      [new Error('Connection terminated unexpectedly'), 'closed by the server'],
      [new Error('Client has encountered a connection error and is not queryable'), 'closed by the server'],
      [{ code: '08006', message: 'connection failure' }, 'connection failure'],
    ];
    for (const [err, reason] of cases) {
      expect(lostConnection(err)).toBe(reason);
      const q = describePgError(err, 'main');
      expect(q).toBeInstanceOf(QueryError);
      expect({ kind: q.kind, message: q.message }).toEqual({ kind: 'unavailable', message: `PostgreSQL source "main" lost its connection (${reason}); try again` });
    }
  });

  it("the query's own failures are not a lost connection", () => {
    expect(lostConnection({ code: '42P01', message: 'relation "nope" does not exist' })).toBeUndefined();
    expect(describePgError({ code: '42P01', message: 'relation "nope" does not exist' }, 'main')).toMatchObject({ kind: 'database', message: 'ERROR: relation "nope" does not exist (SQLSTATE 42P01)' });
    expect(describePgError({ code: '57014', message: 'canceling statement due to statement timeout' }, 'main')).toMatchObject({ kind: 'timeout' });
    expect(describePgError({ code: '25006', message: 'cannot execute DELETE in a read-only transaction' }, 'main')).toMatchObject({ kind: 'refused' });
  });

  it('a connection that cannot be opened says why, with the source, and whether trying again may help', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    expect(unreachableError('main', refused).message).toBe('PostgreSQL source "main" is unreachable (connection refused); try again');
    expect(unreachableError('main', new Error('password authentication failed for user "reader"')).message).toBe(
      'PostgreSQL source "main": cannot connect: password authentication failed for user "reader"',
    );
  });
});
