import { describe, expect, it } from 'vitest';
import { encodeFrame, encodeTextFrame, FrameReader } from './protocol.js';

describe('runner frames', () => {
  it('reassemble from any split of the pipe, in order', () => {
    const wire = Buffer.concat([encodeTextFrame('H', '{"columns":[]}'), encodeFrame('T', Buffer.from('a,b\n')), encodeTextFrame('E', '{"rows":1}'), encodeTextFrame('T', 'é')]);
    for (const size of [1, 2, 3, 5, 7, wire.length]) {
      const r = new FrameReader();
      const got: string[] = [];
      for (let i = 0; i < wire.length; i += size) {
        r.push(wire.subarray(i, i + size));
        for (let f = r.shift(); f; f = r.shift()) got.push(`${f.type}:${f.body.toString()}`);
      }
      expect(got, `chunks of ${size}`).toEqual(['H:{"columns":[]}', 'T:a,b\n', 'E:{"rows":1}', 'T:é']);
      expect(r.buffered).toBe(0);
    }
  });
});
