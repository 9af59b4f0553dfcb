import { describe, expect, it } from 'vitest';
import { allowedMethods, isPublic } from './guard.js';

const ID = '3b241101-e2bb-4255-8caf-4136c566a962';

describe('isPublic (what anonymous Funnel callers may do)', () => {
  it('allows reading single pastes, the landing page and the favicon', () => {
    for (const path of ['/', `/paste/${ID}`, `/paste/${ID}/`, `/paste/${ID}/raw`, `/paste/${ID}/dl`, `/paste/${ID}/md`, `/paste/${ID}/org`, '/favicon.svg']) {
      expect(isPublic('GET', path), path).toBe(true);
      expect(isPublic('HEAD', path), path).toBe(true);
    }
    expect(isPublic('POST', `/paste/${ID}/reveal`)).toBe(true);
  });

  it('refuses lists, search, the API, creating and deleting', () => {
    const refused: Array<[string, string]> = [
      ['GET', '/paste/list'],
      ['GET', '/paste/mine'],
      ['GET', '/api/pastes'],
      ['POST', '/api/post'],
      ['GET', '/api/delete/x'],
      ['POST', '/api/delete/x'],
      ['DELETE', `/paste/${ID}`],
      ['POST', `/paste/${ID}`],
      ['GET', '/help'],
      ['GET', `/paste/${ID}/other`],
      ['POST', '/'],
    ];
    for (const [m, p] of refused) expect(isPublic(m, p), `${m} ${p}`).toBe(false);
  });
});

describe('allowedMethods', () => {
  it('knows every route and its methods', () => {
    expect(allowedMethods('/api/post')).toBe('POST');
    expect(allowedMethods(`/paste/${ID}`)).toBe('GET, HEAD, DELETE');
    expect(allowedMethods(`/paste/${ID}/raw`)).toBe('GET, HEAD');
    expect(allowedMethods('/paste/list')).toBe('GET, HEAD');
    expect(allowedMethods('/api/delete/x')).toBe('GET, HEAD, POST');
    expect(allowedMethods('/nope')).toBeUndefined();
    expect(allowedMethods(`/paste/${ID}/other`)).toBeUndefined();
  });
});
