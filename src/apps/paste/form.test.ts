import { describe, expect, it } from 'vitest';
import { BodyError, mediaType, parseUrlencoded, readPasteBody } from './form.js';

const enc = (s: string) => new TextEncoder().encode(s);

function multipart(parts: Array<{ name: string; value: Uint8Array | string; filename?: string }>, boundary = 'XyZ'): { type: string; body: Uint8Array } {
  const chunks: Uint8Array[] = [];
  for (const p of parts) {
    const disp = `form-data; name="${p.name}"${p.filename !== undefined ? `; filename="${p.filename}"` : ''}`;
    chunks.push(enc(`--${boundary}\r\nContent-Disposition: ${disp}\r\n${p.filename !== undefined ? 'Content-Type: application/octet-stream\r\n' : ''}\r\n`));
    chunks.push(typeof p.value === 'string' ? enc(p.value) : p.value);
    chunks.push(enc('\r\n'));
  }
  chunks.push(enc(`--${boundary}--\r\n`));
  return { type: `multipart/form-data; boundary=${boundary}`, body: Buffer.concat(chunks) };
}

describe('parseUrlencoded', () => {
  it('decodes + and percent-escapes, first value wins', () => {
    expect(parseUrlencoded(enc('content=a+b%21%E2%9C%93&filename=x.txt&filename=y'))).toEqual({ content: 'a b!✓', filename: 'x.txt' });
  });

  it('keeps malformed escapes literally and handles empty pairs and bare names', () => {
    expect(parseUrlencoded(enc('&&content=100%&x&y=%zz'))).toEqual({ content: '100%', x: '', y: '%zz' });
  });

  it('refuses percent-escaped bytes that are not UTF-8, naming the problem', () => {
    expect(() => parseUrlencoded(enc('content=%FF%FE'))).toThrow(/not valid UTF-8 text/);
    expect(() => parseUrlencoded(enc('filename=%C3'))).toThrow('form field "filename" is not valid UTF-8');
  });

  it('refuses raw bytes that are not UTF-8', () => {
    expect(() => parseUrlencoded(new Uint8Array([0x63, 0x3d, 0xc0, 0xaf]))).toThrow(BodyError);
  });
});

describe('readPasteBody', () => {
  it('accepts the tclip CLI body (exact urlencoded type) and a charset parameter', async () => {
    const body = enc('content=hello%0Aworld&filename=paste.txt');
    expect((await readPasteBody('application/x-www-form-urlencoded', body)).fields).toEqual({ content: 'hello\nworld', filename: 'paste.txt' });
    expect((await readPasteBody('application/x-www-form-urlencoded; charset=UTF-8', body)).fields.content).toBe('hello\nworld');
  });

  it('refuses other charsets with a message', async () => {
    await expect(readPasteBody('application/x-www-form-urlencoded; charset=iso-8859-1', enc('content=x'))).rejects.toThrow('unsupported charset "iso-8859-1": send the paste as UTF-8');
  });

  it('reads multipart text fields and a content file part with its name', async () => {
    const m = multipart([
      { name: 'filename', value: '' },
      { name: 'content', value: 'line 1\nline 2 ✓\n', filename: 'notes.md' },
    ]);
    expect(await readPasteBody(m.type, m.body)).toEqual({ fields: { filename: '', content: 'line 1\nline 2 ✓\n' }, contentFileName: 'notes.md' });
  });

  it('refuses a multipart body with non-UTF-8 bytes in any part', async () => {
    const m = multipart([{ name: 'content', value: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a]), filename: 'x.png' }]);
    const err = await readPasteBody(m.type, m.body).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BodyError);
    expect((err as BodyError).problem).toBe('not-utf8');
  });

  it('reports a malformed multipart body', async () => {
    await expect(readPasteBody('multipart/form-data; boundary=nope', enc('garbage'))).rejects.toMatchObject({ problem: 'malformed' });
  });

  it('reads JSON objects with string and boolean fields', async () => {
    const r = await readPasteBody('application/json', enc('{"content":"x","filename":"a.go","unlisted":true,"burn":false}'));
    expect(r.fields).toEqual({ content: 'x', filename: 'a.go', unlisted: '1', burn: '' });
    await expect(readPasteBody('application/json', enc('[1]'))).rejects.toMatchObject({ problem: 'malformed' });
    await expect(readPasteBody('application/json', enc('{"content": 3}'))).rejects.toThrow('JSON field "content" must be a string or a boolean');
  });

  it('refuses other content types with the tclip wording', async () => {
    await expect(readPasteBody('text/plain', enc('x'))).rejects.toThrow(/^bad content-type, should be a form/);
    await expect(readPasteBody(undefined, enc('x'))).rejects.toMatchObject({ problem: 'content-type' });
  });
});

describe('mediaType', () => {
  it('splits type and charset, case-insensitively', () => {
    expect(mediaType('Application/X-WWW-Form-Urlencoded; Charset="UTF-8"')).toEqual({ type: 'application/x-www-form-urlencoded', charset: 'utf-8' });
    expect(mediaType('multipart/form-data; boundary=abc')).toEqual({ type: 'multipart/form-data', charset: undefined });
  });
});
