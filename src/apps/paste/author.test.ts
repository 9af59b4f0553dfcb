import { describe, expect, it } from 'vitest';
import { anonymousCaller, makeCaller } from '../../platform/identity.js';
import { authorOf, ownerKey } from './author.js';

describe('authorOf', () => {
  it('keys people by login and keeps their display name', () => {
    const c = makeCaller({ kind: 'user', login: 'amy@example.com', displayName: 'Amy', nodeName: 'amy-laptop' });
    expect(authorOf(c)).toEqual({ key: 'amy@example.com', login: 'amy@example.com', displayName: 'Amy', node: 'amy-laptop', tags: [], profilePicURL: '' });
  });

  it('keys tagged nodes by their MagicDNS name and shows the node with its tags', () => {
    const c = makeCaller({ kind: 'tagged', login: 'tagged-devices', nodeName: 'ci-runner', nodeFQDN: 'ci-runner.tailnet.test', tags: ['tag:ci', 'tag:prod'] });
    expect(authorOf(c)).toMatchObject({ key: 'node:ci-runner.tailnet.test', displayName: 'ci-runner (tag:ci, tag:prod)', node: 'ci-runner' });
    expect(ownerKey(c)).toBe('node:ci-runner.tailnet.test');
  });

  it('gives anonymous callers no author and no ownership', () => {
    expect(authorOf(anonymousCaller('1.2.3.4:5'))).toBeUndefined();
    expect(ownerKey(anonymousCaller())).toBe('');
  });
});
