import { request as httpRequest, createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BadFormError, formValueList, formValues } from './form.js';
import { rawBody } from './request.js';

/** Answers what the request's form holds: FormValue for every field, r.Form["a"], and the raw body's length. */
const app = new Hono().all('/form', async (c) => {
  try {
    const values = await formValues(c);
    const again = await formValues(c);
    return c.json({ values, list: await formValueList(c, 'a'), same: JSON.stringify(values) === JSON.stringify(again), bytes: (await rawBody(c)).length });
  } catch (err) {
    if (err instanceof BadFormError) return c.text(err.message, 400);
    throw err;
  }
});

let server: Server;
let base: string;
beforeAll(async () => {
  server = createServer(getRequestListener(app.fetch) as RequestListener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

interface Answer {
  values: Record<string, string>;
  list: string[];
  same: boolean;
  bytes: number;
}

async function send(init: RequestInit, query = ''): Promise<Answer> {
  const res = await fetch(`${base}/form${query}`, init);
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as Answer;
}

const urlencoded = (body: string, type = 'application/x-www-form-urlencoded'): RequestInit => ({ method: 'POST', headers: { 'Content-Type': type }, body });

describe('formValues and formValueList (Go: r.FormValue, r.Form[name]) through node', () => {
  it('takes the body before the query string and the first of repeated values', async () => {
    const got = await send(urlencoded('a=body1&b=&a=body2&c=x+y%21'), '?a=query1&b=fromquery&d=q&a=query2');
    expect(got.values).toEqual({ a: 'body1', b: '', c: 'x y!', d: 'q' });
    expect(got.list).toEqual(['body1', 'body2', 'query1', 'query2']);
    expect(got.same).toBe(true);
    expect(got.bytes).toBe('a=body1&b=&a=body2&c=x+y%21'.length);
  });

  it('leaves a field that was not sent absent, and takes any name as a field', async () => {
    expect((await send(urlencoded('a=1'))).values).toEqual({ a: '1' });
    expect((await send(urlencoded('__proto__=p&constructor=k'))).values).toEqual(JSON.parse('{"__proto__":"p","constructor":"k"}'));
    expect((await send({ method: 'GET' }, '?a=1&a=2')).list).toEqual(['1', '2']);
  });

  it('reads urlencoded bodies with parameters and in any case, as Go parses the media type', async () => {
    expect((await send(urlencoded('a=1', 'Application/X-WWW-Form-Urlencoded; charset=utf-8'))).values).toEqual({ a: '1' });
  });

  it('reads multipart fields in order; file parts are not values', async () => {
    const form = new FormData();
    form.append('a', 'first');
    form.append('file', new Blob(['content']), 'f.txt');
    form.append('a', 'second');
    form.append('b', 'two words');
    const got = await send({ method: 'POST', body: form }, '?a=query');
    expect(got.values).toEqual({ a: 'first', b: 'two words' });
    expect(got.list).toEqual(['first', 'second', 'query']);
  });

  it('reads a chunked body (no Content-Length) the same way', async () => {
    const body = await new Promise<string>((resolve, reject) => {
      const req = httpRequest(`${base}/form?z=q`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          text += chunk;
        });
        res.on('end', () => resolve(text));
      });
      req.on('error', reject);
      req.write('a=part');
      req.end('1&a=2');
    });
    expect(JSON.parse(body)).toMatchObject({ values: { a: 'part1', z: 'q' }, list: ['part1', '2'] });
  });

  it('ignores the body of other methods and of other content types, as Go does', async () => {
    expect((await send({ method: 'DELETE', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'a=1' }, '?b=2')).values).toEqual({ b: '2' });
    expect((await send(urlencoded('a=1', 'text/plain'), '?b=2')).values).toEqual({ b: '2' });
    expect((await send({ method: 'PUT', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'a=1' })).values).toEqual({ a: '1' });
  });

  it('refuses a multipart body that does not parse, naming it', async () => {
    for (const [type, body] of [
      ['multipart/form-data', '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--x--\r\n'],
      ['multipart/form-data; boundary=x', '--x\r\ngarbage'],
      ['multipart/form-data; boundary=x', ''],
    ] as const) {
      const res = await fetch(`${base}/form`, { method: 'POST', headers: { 'Content-Type': type }, body });
      expect(res.status, type).toBe(400);
      expect(await res.text()).toMatch(/^malformed multipart\/form-data body: \S/);
    }
  });
});

describe('outside the node adapter', () => {
  it('reads the same fields through hono', async () => {
    const res = await app.request('/form?a=q', urlencoded('a=1&b=2'));
    expect(await res.json()).toMatchObject({ values: { a: '1', b: '2' }, list: ['1', 'q'] });
  });
});
