/**
 * Rendering never executes what a paste holds: hostile content, filenames and Markdown/Org
 * (script tags, event handlers, javascript: links, <svg onload>, HTML entities) come out as text
 * or sanitised markup on every page that shows them, and the CSP stays strict. Headless Chromium
 * checks the same pages for dialogs and script runs (test/browser/paste.test.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../support/platform.js';
import { asUser, BROWSER, createPaste, get, startPaste } from './helpers.js';
import { executableMarkup, HOSTILE_CONTENT, HOSTILE_FILENAME, HOSTILE_MARKDOWN, HOSTILE_ORG } from './unsafe-html.js';

/** The part of a page that shows user content (the head's own scripts and styles are ours). */
function body(html: string): string {
  const start = html.indexOf('<body');
  return start < 0 ? html : html.slice(start);
}

let t: TestApp;
beforeAll(async () => {
  t = await startPaste({ login: 'amy@example.com' });
});
afterAll(() => t.cleanup());

async function page(path: string, status = 200): Promise<string> {
  const res = await get(t, path, BROWSER);
  expect(res.status, path).toBe(status);
  const csp = res.headers.get('content-security-policy') ?? '';
  expect(csp).toContain("script-src 'self'");
  expect(csp).not.toContain('unsafe-inline');
  return res.text();
}

describe('hostile pastes render as text', () => {
  it('content and filename, in every view and list', async () => {
    const p = await createPaste(t, { content: HOSTILE_CONTENT, filename: HOSTILE_FILENAME.replace('.md', '.html') });
    const views = [`/paste/${p.id}`, `/paste/${p.id}?lang=plaintext`, `/paste/${p.id}?lang=xml`, `/paste/${p.id}?lang=javascript&wrap=1`, '/', '/paste/list', '/paste/mine', `/api/delete/${p.id}`, `/?from=${p.id}`];
    for (const path of views) {
      const html = await page(path);
      expect(executableMarkup(body(html)), path).toEqual([]);
    }
    const view = await page(`/paste/${p.id}?lang=plaintext`);
    expect(view).toContain('&lt;/code&gt;&lt;/pre&gt;&lt;script&gt;');
    expect(view).toContain('&amp;lt;script&amp;gt;');
    expect((await get(t, `/paste/${p.id}/raw`)).headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
  });

  it('a reflected language, page or query parameter is never echoed as markup', async () => {
    const p = await createPaste(t, { content: 'x' });
    const html = await page(`/paste/${p.id}?lang=%22%3E%3Cscript%3Ealert(1)%3C/script%3E&wrap=%22%3E%3Cb%3E`);
    expect(executableMarkup(body(html))).toEqual([]);
    // An unterminated phrase: the page says the query is malformed (400), escaping it.
    const list = await page('/paste/list?q=%22%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E', 400);
    expect(executableMarkup(body(list))).toEqual([]);
    const missing = await get(t, '/paste/%3Cscript%3Ealert(1)%3C%2Fscript%3E', BROWSER);
    expect(missing.status).toBe(404);
    expect(executableMarkup(body(await missing.text()))).toEqual([]);
  });

  it('Markdown is sanitised in the view and the fancy page, and its source view is text', async () => {
    const p = await createPaste(t, { content: HOSTILE_MARKDOWN, filename: HOSTILE_FILENAME });
    for (const path of [`/paste/${p.id}`, `/paste/${p.id}/md`, `/paste/${p.id}?source=1`]) {
      const html = await page(path);
      expect(executableMarkup(body(html)), path).toEqual([]);
    }
    const fancy = await page(`/paste/${p.id}/md`);
    expect(fancy).toContain('<title>Title &lt;script&gt;alert(1)&lt;/script&gt;</title>');
    expect(fancy).toContain('<h1>Title &lt;script&gt;alert(1)&lt;/script&gt;</h1>');
  });

  it('Org is sanitised too (export blocks and script links dropped)', async () => {
    const p = await createPaste(t, { content: HOSTILE_ORG, filename: 'x.org' });
    for (const path of [`/paste/${p.id}`, `/paste/${p.id}/org`]) expect(executableMarkup(body(await page(path))), path).toEqual([]);
  });

  it('the reveal page of a burn-after-reading paste escapes its filename', async () => {
    const p = await createPaste(t, { content: 'x', filename: HOSTILE_FILENAME, burn: true });
    asUser(t, { login: 'bob@example.com' });
    try {
      expect(executableMarkup(body(await page(`/paste/${p.id}`)))).toEqual([]);
    } finally {
      asUser(t, { login: 'amy@example.com' });
    }
  });
});
