/**
 * golink's failure answers, pinned: status, content type and body of every failure a golink
 * client can meet, exactly as golink's `http.Error` writes them (the message and a newline, as
 * plain text) whatever the request's `Accept`, since golink ignores it for errors. A browser's
 * refused form fields are the one exception: the form comes back with the message (status kept).
 * `/.resolve/` (tailyard's) answers `{"error": …}` with the same statuses.
 *
 * The two pages golink does not have (the delete confirmation and the import form) answer their
 * refusals through the platform's renderer: the same text for curl, a page for browsers.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { TestApp } from '../../support/platform.js';
import { ADMIN_CAPS, asUser, create, send, startLinks } from './helpers.js';

const TEXT = 'text/plain; charset=UTF-8';
const API = { 'Sec-Golink': '1' };
const FORM = { ...API, 'Content-Type': 'application/x-www-form-urlencoded' };
/** What golink clients send: nothing (Go's client), curl's default, a JSON client, a browser. */
const ACCEPTS: Array<Record<string, string>> = [{}, { Accept: '*/*' }, { Accept: 'application/json' }, { Accept: 'text/html,application/xhtml+xml' }];

const AMY = 'amy@example.com';
const BOB = 'bob@example.com';

let t: TestApp;
let aliases: TestApp;
beforeAll(async () => {
  t = await startLinks({ login: AMY, caps: ADMIN_CAPS });
  await create(t, 'mine', 'https://amy.example/');
  await create(t, 'other', 'https://other.example/');
  await create(t, 'who', 'https://x/{{.User}}');
  await create(t, 'broken', 'https://x/{{.Invalid}}');
  await create(t, 'esc', 'https://x/{{.Path}}%zz');
  await create(t, 'loopa', '/loopb');
  await create(t, 'loopb', '/loopa');
  aliases = await startLinks({ login: AMY, caps: ADMIN_CAPS, appConfig: { followAliases: true } });
  await create(aliases, 'loopa', '/loopb');
  await create(aliases, 'loopb', '/loopa');
});
afterAll(async () => {
  await t.cleanup();
  await aliases.cleanup();
});

describe('golink failures are golink’s text for every Accept', () => {
  const cases: Array<[string, () => TestApp, string, string, Record<string, string>, string, number, string]> = [
    ['a request target Go refuses', () => t, 'GET', '/%zz', {}, '', 400, 'bad request target: parse "/%zz": invalid URL escape "%zz"'],
    ['an unknown path', () => t, 'GET', '/.unknown', {}, '', 404, '404 page not found'],
    ['an unknown method on an unknown path', () => t, 'PUT', '/.unknown', API, '', 404, '404 page not found'],
    ['the JSON detail of a missing link', () => t, 'GET', '/.detail/nope', {}, '', 404, '404 page not found'],
    ['deleting a missing link', () => t, 'POST', '/.delete/nope', API, '', 404, '404 page not found'],
    ['deleting it with DELETE', () => t, 'DELETE', '/.detail/nope', API, '', 404, '404 page not found'],
    ['editing a missing link', () => t, 'POST', '/.detail/nope', FORM, 'long=x', 404, '404 page not found'],
    ['restoring a live link', () => t, 'POST', '/.restore/other', API, '', 409, 'go/other is not deleted'],
    ['a template that needs a user, visited by none', () => t, 'GET', '/who', {}, '', 401, 'link requires a valid user'],
    [
      'a template that fails',
      () => t,
      'GET',
      '/broken',
      {},
      '',
      500,
      'template: long:1:12: executing "long" at <.Invalid>: can\'t evaluate field Invalid in type golink.expandEnv',
    ],
    ['an expansion that is no URL', () => t, 'GET', '/esc/x', {}, '', 500, 'parse "https://x/x%zz": invalid URL escape "%zz"'],
    ['an alias loop followed on the server', () => aliases, 'GET', '/loopa', {}, '', 508, 'go/ link loop: loopb → loopa → loopb'],
  ];

  test.each(cases)('%s', async (name, app, method, path, headers, body, status, message) => {
    if (name.includes('visited by none')) asUser(app(), { login: '' });
    try {
      for (const accept of ACCEPTS) {
        const res = await send(app(), method, path, { ...headers, ...accept }, body);
        expect(res, JSON.stringify(accept)).toEqual({ status, type: TEXT, text: `${message}\n` });
      }
    } finally {
      asUser(app(), { login: AMY, caps: ADMIN_CAPS });
    }
  });

  test('refusals by who the caller is', async () => {
    const refusals: Array<[string, string, string, number, string]> = [
      ['POST', '/', 'short=mine&long=https://bob.example/', 403, 'cannot update link owned by "amy@example.com"'],
      ['POST', '/.detail/mine', 'long=https://bob.example/', 403, 'cannot update link owned by "amy@example.com"'],
      ['POST', '/.delete/mine', '', 403, 'cannot delete link owned by "amy@example.com"'],
      ['POST', '/.restore/mine', '', 403, 'cannot restore link owned by "amy@example.com"'],
      ['POST', '/.import', '{"Short":"x","Long":"https://x/"}', 403, 'forbidden: importing links needs the admin grant ({"admin": true})'],
    ];
    try {
      for (const [login, expected] of [
        [BOB, undefined],
        ['', 'forbidden: you could not be identified as a tailnet user; changing links needs a login (or --links-allow-unknown-users)'],
      ] as const) {
        asUser(t, { login });
        for (const [method, path, body, status, message] of refusals) {
          // An anonymous caller is refused as such first, except by the import (admins only).
          const text = expected !== undefined && path !== '/.import' ? expected : message;
          for (const accept of ACCEPTS) {
            const res = await send(t, method, path, { ...FORM, ...accept }, body);
            expect(res, `${login} ${path} ${JSON.stringify(accept)}`).toEqual({ status, type: TEXT, text: `${text}\n` });
          }
        }
      }
    } finally {
      asUser(t, { login: AMY, caps: ADMIN_CAPS });
    }
  });

  test('read-only mode refuses every write with 405', async () => {
    const ro = await startLinks({ login: AMY, caps: ADMIN_CAPS, appConfig: { readonly: true } });
    try {
      for (const [method, path] of [
        ['POST', '/'],
        ['POST', '/.detail/x'],
        ['DELETE', '/.detail/x'],
        ['POST', '/.delete/x'],
        ['POST', '/.restore/x'],
        ['POST', '/.import'],
      ] as const) {
        for (const accept of ACCEPTS) {
          const res = await send(ro, method, path, { ...FORM, ...accept }, 'short=x&long=y');
          expect(res, `${method} ${path} ${JSON.stringify(accept)}`).toEqual({ status: 405, type: TEXT, text: 'golink is in read-only mode\n' });
        }
      }
    } finally {
      await ro.cleanup();
    }
  });
});

describe('refused fields: golink’s text for API clients, the form again for browsers', () => {
  const cases: Array<[string, string, number, string]> = [
    ['/', 'short=&long=x', 400, 'short and long required'],
    ['/', 'short=-x&long=x', 400, 'short may only contain letters, numbers, dash, underscore, and period (and must not start with dash or period)'],
    ['/', `short=${'x'.repeat(129)}&long=x`, 413, 'short is too long: at most 128 bytes'],
    ['/', 'short=own&long=x&owner=tagged-devices', 400, 'new owner not a valid user: tagged-devices'],
    ['/.detail/mine', 'short=other', 409, 'go/other already exists (it may be deleted: restore it or pick another name)'],
    ['/.detail/mine', 'long=https://x/{{.Path}', 400, "long contains an invalid template: template: long:1: bad character U+007D '}'"],
    ['/.import?policy=bogus', 'data={"Short":"x","Long":"https://x/"}', 400, 'policy must be "skip" or "overwrite", not "bogus"'],
    ['/.import', 'data=[1]', 400, 'import:1: expected a JSON object like {"Short":…,"Long":…}'],
  ];

  test.each(cases)('POST %s %s', async (path, body, status, message) => {
    for (const accept of ACCEPTS.slice(0, 3)) {
      expect(await send(t, 'POST', path, { ...FORM, ...accept }, body), JSON.stringify(accept)).toEqual({ status, type: TEXT, text: `${message}\n` });
    }
    const page = await send(t, 'POST', path, { ...FORM, Accept: 'text/html' }, body);
    expect(page.status).toBe(status);
    expect(page.type).toBe('text/html; charset=UTF-8');
    expect(page.text).toContain('role="alert"');
  });

  test('nothing was stored by the refused requests', async () => {
    for (const short of ['x', 'own', '-x']) expect((await send(t, 'GET', `/.detail/${short}`)).status).toBe(404);
    expect(JSON.parse((await send(t, 'GET', '/.detail/mine')).text)).toMatchObject({ Short: 'mine', Long: 'https://amy.example/' });
  });
});

describe('/.resolve/ answers its failures as JSON with golink’s statuses', () => {
  test.each([
    ['/.resolve/:x', 400, 'parse ":x": missing protocol scheme'],
    ['/.resolve/who', 401, 'link requires a valid user'],
    ['/.resolve/nope', 404, 'go/nope not found'],
    ['/.resolve/loopa', 508, 'go/ link loop: loopa → loopb → loopa'],
    ['/.resolve/broken', 500, 'template: long:1:12: executing "long" at <.Invalid>: can\'t evaluate field Invalid in type golink.expandEnv'],
  ])('%s', async (path, status, message) => {
    for (const accept of ACCEPTS) {
      const res = await send(t, 'GET', path, accept);
      expect(res, JSON.stringify(accept)).toEqual({ status, type: 'application/json', text: JSON.stringify({ error: message }) });
    }
  });
});

describe('the pages golink does not have answer refusals through the renderer', () => {
  test.each([
    ['/.delete/nope', AMY, 404, '404 page not found'],
    ['/.delete/mine', BOB, 403, 'cannot delete link owned by "amy@example.com"'],
    ['/.import', BOB, 403, 'forbidden: importing links needs the admin grant ({"admin": true})'],
  ])('GET %s as %s', async (path, login, status, message) => {
    asUser(t, login === AMY ? { login, caps: ADMIN_CAPS } : { login });
    try {
      for (const accept of ACCEPTS.slice(0, 2)) expect(await send(t, 'GET', path, accept)).toEqual({ status, type: TEXT, text: `${message}\n` });
      const page = await send(t, 'GET', path, { Accept: 'text/html' });
      expect(page.status).toBe(status);
      expect(page.type).toBe('text/html; charset=UTF-8');
      expect(page.text).toContain('go/ links');
      const json = await send(t, 'GET', path, { Accept: 'application/json' });
      expect(json.status).toBe(status);
      expect(JSON.parse(json.text)).toEqual({ error: status === 404 ? 'not_found' : 'forbidden', message });
    } finally {
      asUser(t, { login: AMY, caps: ADMIN_CAPS });
    }
  });
});
