import { describe, expect, it } from 'vitest';
import { answerFor } from './negotiate.js';

describe('answerFor', () => {
  it('gives tclip clients (Accept: text/plain) text', () => {
    expect(answerFor('text/plain', 'redirect')).toBe('text');
    expect(answerFor('text/plain; charset=utf-8', 'redirect')).toBe('text');
  });

  it('gives browsers a redirect or a page', () => {
    const browser = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
    expect(answerFor(browser, 'redirect')).toBe('redirect');
    expect(answerFor(browser, 'text')).toBe('html');
  });

  it('gives JSON clients JSON', () => {
    expect(answerFor('application/json', 'redirect')).toBe('json');
    expect(answerFor('Application/JSON, text/plain', 'html')).toBe('json');
  });

  it('falls back for curl and clients that send nothing', () => {
    expect(answerFor('*/*', 'redirect')).toBe('redirect');
    expect(answerFor(undefined, 'text')).toBe('text');
    expect(answerFor('', 'html')).toBe('html');
  });
});
