import { describe, expect, it } from 'vitest';
import { compareCli, compareHttp, compareJson, maskVolatile } from '../../scripts/compat/compare.js';

const json = (body: unknown, status = 200) => ({ status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('random values are compared by shape', () => {
  it('masks JWTs, UUIDs, hex and base64url tokens by kind and length, not words or paths', () => {
    expect(maskVolatile('id 1c9f8c11-a3a8-4628-b011-13c3fa187576 client ac5b01c3c58da29d919cee80d83ed344')).toBe('id <uuid:36> client <hex:32>');
    expect(maskVolatile('tok Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MA_-x')).toBe('tok <token:33>');
    expect(maskVolatile('eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln')).toBe('<jwt:41>');
    expect(maskVolatile('tailscale.com/cap/golink https://docs.example.com/v2/ documentation_pages')).toBe('tailscale.com/cap/golink https://docs.example.com/v2/ documentation_pages');
  });

  it('accepts another id of the same shape, refuses one of another length', () => {
    expect(compareJson({ id: 'ac5b01c3c58da29d919cee80d83ed344' }, { id: 'ffffffffffffffffffffffffffffffff' })).toEqual([]);
    expect(compareJson({ id: 'ac5b01c3c58da29d919cee80d83ed344' }, { id: 'ffffffffffffffffffffffffffffff' })).toHaveLength(1);
  });
});

describe('everything else is exact', () => {
  it('timestamps, numbers, key order and array length', () => {
    expect(compareJson({ at: '2026-12-07T12:00:00Z' }, { at: '2026-12-07T12:00:01Z' })).toEqual(['$.at: "2026-12-07T12:00:00Z" → "2026-12-07T12:00:01Z"']);
    expect(compareJson({ a: 1, b: 2 }, { b: 2, a: 1 })).toEqual(['$: keys ["a","b"] → ["b","a"]']);
    expect(compareJson([1, 2], [1])).toEqual(['$: 2 items → 1']);
    expect(compareJson({ n: 1 }, { n: '1' })).toHaveLength(1);
  });

  it('except durations measured on the real clock, compared by type', () => {
    expect(compareJson({ elapsed: 12 }, { elapsed: 40 })).toEqual([]);
    expect(compareJson({ elapsed: 12 }, { elapsed: '40' })).toHaveLength(1);
  });

  it('HTTP: status first, then content type, then headers and body', () => {
    expect(compareHttp(json({ a: 1 }), json({ a: 1 }, 404))[0]).toMatch(/^status 200 → 404/);
    expect(compareHttp(json({ a: 1 }), { ...json({ a: 1 }), headers: { 'content-type': 'text/plain' } })).toEqual(['content-type application/json → text/plain']);
    expect(compareHttp({ ...json({}), headers: { 'content-type': 'application/json', location: '/a' } }, json({}))).toEqual(['header location, line 1: "/a" → "<none>"']);
    expect(compareHttp(json({ a: 1 }), json({ a: 2 }))).toEqual(['body $.a: 1 → 2']);
  });

  it('HTML pages: status and content type only (docs/stability.md: HTML may change)', () => {
    const page = (body: string) => ({ status: 200, headers: { 'content-type': 'text/html; charset=UTF-8' }, body });
    expect(compareHttp(page('<p>old</p>'), page('<main>new</main>'))).toEqual([]);
  });

  it('CLI: exit code and output', () => {
    expect(compareCli({ exit: 0, stdout: 'a\nb\n', stderr: '' }, { exit: 0, stdout: 'a\nc\n', stderr: '' })).toEqual(['stdout, line 2: "b" → "c"']);
    expect(compareCli({ exit: 0, stdout: '', stderr: '' }, { exit: 2, stdout: '', stderr: 'bad' })).toEqual(['exit 0 → 2: bad', 'stderr, line 1: "" → "bad"']);
    // Log lines are not stable (their wording, time and pid): only the rest of stderr counts.
    const log = (time: number) => `{"level":40,"time":${time},"pid":${time},"msg":"a warning"}\n`;
    expect(compareCli({ exit: 0, stdout: '', stderr: `${log(1)}done\n` }, { exit: 0, stdout: '', stderr: `${log(2)}${log(3)}done\n` })).toEqual([]);
    expect(compareCli({ exit: 0, stdout: '', stderr: `${log(1)}done\n` }, { exit: 0, stdout: '', stderr: `${log(2)}gone\n` })).toEqual(['stderr, line 1: "done" → "gone"']);
  });
});
