import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { goJsonEncode, goJsonMarshal, goJsonString } from './json.js';

/** Go's answers (test/fixtures/go-formats/README.md says how they were recorded). */
const FIXTURE = resolve(import.meta.dirname, '../../../test/fixtures/go-formats/json-strings.tsv');

describe('goJsonString', () => {
  it.each([
    ['a<b>&c\u2028', '"a\\u003cb\\u003e\\u0026c\\u2028"'],
    ['\u2029</script>', '"\\u2029\\u003c/script\\u003e"'],
    ['tab\there\n"q"\u0001\b\f', '"tab\\there\\n\\"q\\"\\u0001\\b\\f"'],
    ['plain', '"plain"'],
    ['', '""'],
  ])('%j → %s', (s, want) => {
    expect(goJsonString(s)).toBe(want);
  });
});

describe('goJsonMarshal and goJsonEncode', () => {
  it('escape every string of a value, in keys too', () => {
    expect(goJsonMarshal({ 'a&b': ['<x>', 1, null, true], Version: 2 })).toBe('{"a\\u0026b":["\\u003cx\\u003e",1,null,true],"Version":2}');
  });

  it('indent like MarshalIndent / SetIndent("", "  "), and Encode adds a newline', () => {
    expect(goJsonMarshal({ Short: 'a', List: [1, 2] }, 2)).toBe('{\n  "Short": "a",\n  "List": [\n    1,\n    2\n  ]\n}');
    expect(goJsonEncode({ Long: 'https://x/?a=1&b=2' })).toBe('{"Long":"https://x/?a=1\\u0026b=2"}\n');
    expect(goJsonEncode([], 2)).toBe('[]\n');
  });
});

describe("Go's own answers (recorded)", () => {
  const cases = readFileSync(FIXTURE, 'utf8')
    .trimEnd()
    .split('\n')
    .slice(1)
    .map((line) => {
      const [input = '', want = ''] = line.split('\t');
      return { s: JSON.parse(input) as string, want };
    });

  it('has the recorded sample', () => {
    expect(cases.length).toBeGreaterThan(400);
  });

  it('writes each string as json.Marshal does', () => {
    const wrong = cases.filter(({ s, want }) => goJsonString(s) !== want || goJsonMarshal(s) !== want || goJsonEncode(s) !== `${want}\n`);
    expect(wrong).toEqual([]);
  });

  it('writes them all in one value as json.Marshal of a []string does', () => {
    expect(goJsonMarshal(cases.map((c) => c.s))).toBe(`[${cases.map((c) => c.want).join(',')}]`);
  });
});
