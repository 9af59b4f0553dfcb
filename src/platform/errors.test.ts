import { describe, expect, it } from 'vitest';
import { bareFrame, failureBody, failureFormat } from './errors.js';

describe('failureFormat', () => {
  it.each([
    [undefined, 'text'],
    ['', 'text'],
    ['*/*', 'text'],
    ['text/plain', 'text'],
    ['text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8', 'html'],
    ['application/json', 'json'],
    ['application/json, text/html;q=0.5', 'json'],
    ['text/html;q=0.9, application/json;q=0.9', 'html'],
    ['text/html;q=0', 'text'],
    ['TEXT/HTML', 'html'],
  ])('%s → %s', (accept, format) => {
    expect(failureFormat(accept)).toBe(format);
  });
});

describe('failureBody', () => {
  const failure = { status: 403, code: 'forbidden', message: 'forbidden: <not yours>', hint: 'ask an admin' };

  it('is the message and hint as text, JSON or a page', () => {
    expect(failureBody(failure, 'text', 'Notes')).toEqual({ type: 'text/plain; charset=UTF-8', body: 'forbidden: <not yours> (ask an admin)\n' });
    expect(JSON.parse(failureBody(failure, 'json', 'Notes').body)).toEqual({ error: 'forbidden', message: 'forbidden: <not yours>', hint: 'ask an admin' });
    expect(failureBody({ ...failure, hint: undefined }, 'text', 'Notes').body).toBe('forbidden: <not yours>\n');
  });

  it('escapes what the bare page shows, and uses the frame it is given', () => {
    const page = failureBody(failure, 'html', 'Notes & <co>').body;
    expect(page).toContain('forbidden: &lt;not yours&gt;');
    expect(page).toContain('Notes &amp; &lt;co&gt;');
    expect(page).not.toContain('<not yours>');
    expect(bareFrame({ status: 500, app: 'x', message: 'm' })).toMatch(/^<!doctype html>/);
    expect(failureBody(failure, 'html', 'Notes', (p) => `framed ${p.status} ${p.app}`).body).toBe('framed 403 Notes');
  });
});
