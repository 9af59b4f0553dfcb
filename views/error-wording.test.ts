import { describe, expect, it } from 'vitest';
import { humanMessage, nextStep, sentence } from './error-wording.js';

describe('error wording for pages', () => {
  it('drops machine prefixes, nested ones too', () => {
    expect(humanMessage('forbidden: the caller is not a node of this tailnet')).toBe('The caller is not a node of this tailnet.');
    expect(humanMessage('gone: this paste has expired')).toBe('This paste has expired.');
    expect(humanMessage('paste not found: no paste has the id 0000')).toBe('No paste has the id 0000.');
    expect(humanMessage('service unavailable: cannot identify the caller (WhoIs failed)')).toBe('Cannot identify the caller (WhoIs failed).');
    expect(humanMessage('Error: [400] invalid query: near "SELEC": syntax error')).toBe('Near "SELEC": syntax error.');
    expect(humanMessage('[403] query access denied')).toBe('Query access denied.');
  });

  it("turns Go's bare not-found into a sentence", () => {
    expect(humanMessage('404 page not found')).toBe('There is no page at this address.');
    expect(humanMessage('not found')).toBe('There is no page at this address.');
  });

  it('keeps messages that have no prefix, and colons later in the text', () => {
    expect(humanMessage('no client has this ID')).toBe('No client has this ID.');
    expect(humanMessage('The limit for /api/post is 1 MiB: send less')).toBe('The limit for /api/post is 1 MiB: send less.');
    // A capitalised start is not a machine label.
    expect(humanMessage('Name: must not be empty')).toBe('Name: must not be empty.');
  });

  it('says what to do next: the hint given, else one by status', () => {
    expect(nextStep(403, 'ask a tailnet admin for the tailscale.com/cap/tsidp grant')).toBe('Ask a tailnet admin for the tailscale.com/cap/tsidp grant.');
    expect(nextStep(404)).toMatch(/^Check the address/);
    expect(nextStep(502)).toMatch(/^Try again/);
    expect(nextStep(418)).toMatch(/^Check what was entered/);
  });

  it('makes sentences without doubling the full stop', () => {
    expect(sentence('done.')).toBe('Done.');
    expect(sentence('see /notes')).toBe('See /notes.');
    expect(sentence('')).toBe('');
    expect(sentence('go/nope does not exist')).toBe('go/nope does not exist.');
  });
});
