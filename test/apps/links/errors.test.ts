/**
 * go/ links' errors through the platform's renderer. A form body that cannot be parsed escapes
 * the routes as a `BadFormError` and the app's `errors` mapping answers it: exactly golink's
 * plain text for API clients (status, content type and body pinned here), a page for browsers.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { TestApp } from '../../support/platform.js';
import { ADMIN_CAPS, send, startLinks } from './helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await startLinks({ login: 'amy@example.com', caps: ADMIN_CAPS });
});
afterAll(() => t.cleanup());

const NO_BOUNDARY = { 'Content-Type': 'multipart/form-data', 'Sec-Golink': '1' };
const BODY = '--x\r\nContent-Disposition: form-data; name="short"\r\n\r\na\r\n--x--\r\n';

describe('a form body that cannot be parsed', () => {
  test('is golink-style text for an API client: 400, text/plain, the problem and a newline', async () => {
    const res = await send(t, 'POST', '/', NO_BOUNDARY, BODY);
    expect(res.status).toBe(400);
    expect(res.type).toBe('text/plain; charset=UTF-8');
    expect(res.text).toMatch(/^malformed multipart\/form-data body: [^\n]+\n$/);
  });

  test('is a page in the suite’s frame for a browser', async () => {
    const res = await send(t, 'POST', '/', { ...NO_BOUNDARY, Accept: 'text/html,*/*;q=0.8' }, BODY);
    expect(res.status).toBe(400);
    expect(res.type).toBe('text/html; charset=UTF-8');
    expect(res.text).toContain('Malformed multipart/form-data body');
    expect(res.text).toContain('go/ links');
  });
});
