/**
 * Input that used to cost a 500 (issue 16 §4): page numbers (tclip's reading: garbage is page 0,
 * a page past the end is empty, however large the number) on every list, and bodies of the
 * reveal form that cannot be read, which must be refused with a 4xx naming the problem before
 * anything burns.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PAGE_SIZE } from '../../../src/apps/paste/service.js';
import { lastPage } from '../../../src/platform/page-number.js';
import type { TestApp } from '../../support/platform.js';
import { asUser, BROWSER, createPaste, get, rawRequest, startPaste } from './helpers.js';

let t: TestApp;
let ids: string[];
beforeAll(async () => {
  t = await startPaste({ login: 'amy@example.com' });
  ids = [];
  for (const n of [1, 2]) ids.push((await createPaste(t, { content: `paged ${n}`, filename: `p${n}.txt` })).id);
});
afterAll(() => t.cleanup());

const HUGE = '99999999999999999999';

describe('page numbers', () => {
  const listIds = async (path: string) => {
    const res = await get(t, path);
    expect(res.status, path).toBe(200);
    return (await res.json()) as { page: number; hasNext: boolean; pastes: Array<{ id: string }> };
  };

  it('reads garbage and negative pages as page 0 in the JSON API', async () => {
    const first = await listIds('/api/pastes');
    expect(first.pastes.map((p) => p.id)).toEqual([...ids].reverse());
    for (const page of ['abc', '-1', '1.5', '%zz', '', `-${HUGE}`, '0x1']) {
      expect(await listIds(`/api/pastes?page=${page}`), page).toEqual(first);
      expect(await listIds(`/api/pastes?mine=1&page=${page}`), page).toEqual(first);
    }
  });

  it('answers a page past the end, however far, with an empty page', async () => {
    for (const page of ['1', '7', HUGE, '9'.repeat(300)]) {
      for (const path of [`/api/pastes?page=${page}`, `/api/pastes?mine=1&page=${page}`, `/api/pastes?q=paged&page=${page}`]) {
        const body = await listIds(path);
        expect(body.pastes, path).toEqual([]);
        expect(body.hasNext, path).toBe(false);
      }
    }
    expect((await listIds(`/api/pastes?page=${HUGE}`)).page).toBe(lastPage(PAGE_SIZE));
  });

  it('shows the list pages past the end as empty, with a way back to the first page', async () => {
    for (const path of ['/paste/list', '/paste/mine']) {
      for (const query of [`?page=${HUGE}`, `?page=${HUGE}&q=paged`]) {
        const res = await get(t, path + query, BROWSER);
        expect(res.status, path + query).toBe(200);
        const html = await res.text();
        expect(html).toContain('No pastes on this page.');
        expect(html).toContain(`<a href="${path}?${query.includes('q=') ? 'q=paged&amp;' : ''}page=0">First page</a>`);
        expect(html).not.toContain(ids[0]);
      }
      const garbage = await (await get(t, `${path}?page=nope`, BROWSER)).text();
      expect(garbage).toContain(ids[0]);
    }
  });
});

describe('the reveal form', () => {
  async function burning(): Promise<string> {
    asUser(t, { login: 'amy@example.com' });
    const { id } = await createPaste(t, { content: 'read me once', burn: true });
    asUser(t, { login: 'bob@example.com' });
    return id;
  }
  const reveal = (id: string, type: string | undefined, body: string) =>
    rawRequest(t, 'POST', `/paste/${id}/reveal`, [['Host', new URL(t.url).host], ['Accept', 'text/plain'], ...(type === undefined ? [] : [['Content-Type', type] as [string, string]])], body);

  it('refuses a body it cannot read with a 4xx naming the problem, and burns nothing', async () => {
    const id = await burning();
    const cases: Array<[string | undefined, string, number, RegExp]> = [
      ['multipart/form-data; boundary=x', '--x\r\ngarbage', 400, /^bad request: malformed multipart\/form-data body: /],
      ['multipart/form-data', 'as=raw', 400, /^bad request: malformed multipart\/form-data body: /],
      ['multipart/form-data; boundary=x', '--x\r\n\r\nno headers\r\n--x--\r\n', 400, /^bad request: malformed multipart\/form-data body: /],
      ['application/json', '{"as":', 400, /^bad request: malformed JSON body: /],
      ['application/x-www-form-urlencoded', 'as=%FF', 415, /^unsupported paste: form field "as" is not valid UTF-8/],
      ['text/plain', 'as=raw', 415, /^unsupported paste: bad content-type, should be a form/],
      [undefined, 'as=raw', 415, /^unsupported paste: bad content-type, should be a form/],
      ['application/x-www-form-urlencoded; charset=latin1', 'as=raw', 415, /^unsupported paste: unsupported charset "latin1"/],
    ];
    for (const [type, body, status, message] of cases) {
      const res = await reveal(id, type, body);
      expect(res.status, `${type} ${body}`).toBe(status);
      expect(res.body, `${type} ${body}`).toMatch(message);
    }
    const res = await reveal(id, 'multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name="as"\r\n\r\nraw\r\n--x--\r\n');
    expect(res.status).toBe(200);
    expect(res.body).toBe('read me once');
  });

  it('reveals with no body at all (curl -X POST), as the view the query names', async () => {
    const id = await burning();
    const res = await reveal(id, undefined, '');
    expect(res.status).toBe(200);
    expect(res.body).toContain('read me once');
    const raw = await rawRequest(t, 'POST', `/paste/${await burning()}/reveal?as=raw`, [['Host', new URL(t.url).host]]);
    expect(raw.body).toBe('read me once');
  });
});
