import { describe, expect, it } from 'vitest';
import { attachmentDisposition, cleanFilename, FilenameError } from './filename.js';

describe('cleanFilename', () => {
  it('keeps ordinary names, trims, and names empty ones untitled', () => {
    expect(cleanFilename('main.go')).toBe('main.go');
    expect(cleanFilename('  notes.md  ')).toBe('notes.md');
    expect(cleanFilename('')).toBe('untitled');
    expect(cleanFilename(undefined)).toBe('untitled');
    expect(cleanFilename('   ')).toBe('untitled');
  });

  it('replaces control characters, path separators and bidi controls', () => {
    expect(cleanFilename('../../etc/passwd')).toBe('.._.._etc_passwd');
    expect(cleanFilename('a\\b')).toBe('a_b');
    expect(cleanFilename('x\r\nSet-Cookie: y')).toBe('x__Set-Cookie: y');
    expect(cleanFilename('invoice\u202Etxt.exe')).toBe('invoice_txt.exe');
  });

  it('keeps non-ASCII letters', () => {
    expect(cleanFilename('résumé 履歴書.txt')).toBe('résumé 履歴書.txt');
  });

  it('refuses names over 255 characters', () => {
    expect(cleanFilename('é'.repeat(255))).toHaveLength(255);
    expect(() => cleanFilename('a'.repeat(256))).toThrow(FilenameError);
    expect(() => cleanFilename('a'.repeat(256))).toThrow('filename is too long: 256 characters, at most 255');
  });
});

describe('attachmentDisposition (RFC 6266)', () => {
  it('quotes plain ASCII names', () => {
    expect(attachmentDisposition('main.go')).toBe('attachment; filename="main.go"');
  });

  it('escapes quotes and backslashes inside the quoted string', () => {
    expect(attachmentDisposition('a "b".txt')).toBe('attachment; filename="a \\"b\\".txt"');
    expect(attachmentDisposition('semi;colon.txt')).toBe('attachment; filename="semi;colon.txt"');
  });

  it('adds filename* in UTF-8 for non-ASCII names, with an ASCII fallback', () => {
    expect(attachmentDisposition('résumé.txt')).toBe(`attachment; filename="r_sum_.txt"; filename*=UTF-8''r%C3%A9sum%C3%A9.txt`);
    expect(attachmentDisposition('日本.md')).toBe(`attachment; filename="__.md"; filename*=UTF-8''%E6%97%A5%E6%9C%AC.md`);
    expect(attachmentDisposition('😀.txt')).toBe(`attachment; filename="_.txt"; filename*=UTF-8''%F0%9F%98%80.txt`);
  });

  it("percent-encodes characters outside RFC 8187 attr-char in filename*", () => {
    expect(attachmentDisposition("é'(x)*.txt")).toContain(`filename*=UTF-8''%C3%A9%27%28x%29%2A.txt`);
  });

  it('never lets a header break out, whatever the stored name', () => {
    const h = attachmentDisposition('x\r\nSet-Cookie: a=b');
    expect(h).not.toMatch(/[\r\n]/);
    expect(attachmentDisposition('')).toBe('attachment; filename="untitled"');
  });
});
