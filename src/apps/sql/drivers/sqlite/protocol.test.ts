import { describe, expect, it } from 'vitest';
import { encodeFrame, encodeTextFrame, FrameReader } from './protocol.js';

const pattern = (n: number) => Buffer.from('0123456789'.repeat(Math.ceil(n / 10)).slice(0, n));

describe('runner frames', () => {
  it('reassemble from any split of the pipe, in order', () => {
    const wire = Buffer.concat([encodeTextFrame('H', '{"columns":[]}'), encodeFrame('T', Buffer.from('a,b\n')), encodeTextFrame('E', '{"rows":1}'), encodeTextFrame('T', 'é'), encodeFrame('T', Buffer.alloc(0))]);
    for (const size of [1, 2, 3, 5, 7, wire.length]) {
      const r = new FrameReader();
      const got: string[] = [];
      for (let i = 0; i < wire.length; i += size) {
        r.push(wire.subarray(i, i + size));
        for (let f = r.shift(); f; f = r.shift()) got.push(`${f.type}:${f.body.toString()}`);
      }
      expect(got, `chunks of ${size}`).toEqual(['H:{"columns":[]}', 'T:a,b\n', 'E:{"rows":1}', 'T:é', 'T:']);
      expect(r.buffered).toBe(0);
    }
  });

  it('assemble a frame far larger than any chunk, exactly, and count only complete frames as ready', () => {
    const body = pattern(3 * 1024 * 1024 + 7);
    const wire = Buffer.concat([encodeFrame('R', body), encodeTextFrame('E', '{}')]);
    const r = new FrameReader();
    const chunk = 64 * 1024;
    for (let i = 0; i < wire.length; i += chunk) {
      r.push(wire.subarray(i, i + chunk));
      if (i + chunk < 5 + body.length) {
        expect(r.readyBytes).toBe(0);
        expect(r.buffered).toBe(Math.min(i + chunk, wire.length));
      }
    }
    expect(r.readyBytes).toBe(wire.length);
    const f = r.shift();
    expect(f?.type).toBe('R');
    expect(f?.body.equals(body)).toBe(true);
    expect(r.shift()?.type).toBe('E');
    expect(r.readyBytes).toBe(0);
  });

  it('hand out a frame that lies inside one chunk as a view of it, without copying', () => {
    const chunk = Buffer.concat([encodeTextFrame('T', 'abc'), encodeTextFrame('T', 'de')]);
    const r = new FrameReader();
    r.push(chunk);
    const a = r.shift();
    expect(a?.body.toString()).toBe('abc');
    expect(a?.body.buffer).toBe(chunk.buffer);
    expect(r.shift()?.body.toString()).toBe('de');
  });
});
