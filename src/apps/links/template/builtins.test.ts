import { describe, expect, it } from 'vitest';
import { htmlEscape, jsEscape } from './builtins.js';
import { GoStruct, GoTime, parseTemplate } from './index.js';
import { month } from './gotime.js';

const run = (src: string, data?: unknown): string => parseTemplate(src).execute(data);
const fails = (src: string, data?: unknown): string => {
  try {
    run(src, data);
  } catch (e) {
    return (e as Error).message.replace(/^template: long:\d+:\d+: executing "long" at <[^>]*>: /, '');
  }
  throw new Error(`ran: ${src}`);
};

describe('and / or / not', () => {
  it('return the deciding value', () => {
    expect(run('{{and 1 0 2}}|{{and 1 2}}|{{or 0 "" "x" 3}}|{{or 0 ""}}')).toBe('0|2|x|');
    expect(run('{{or 0 "" "x" 3}}')).toBe('x');
    expect(run('{{not 0}} {{not "a"}} {{not .}}', [])).toBe('true false true');
    expect(run('{{"x" | and 1}}')).toBe('x');
  });

  it('short-circuit', () => {
    expect(run('{{and false .Missing.Method}}', null)).toBe('false');
    expect(run('{{or true (index . 99)}}', [])).toBe('true');
    expect(fails('{{and}}')).toBe('wrong number of args for and: want at least 1 got 0');
  });
});

describe('comparisons', () => {
  it('compare basic kinds', () => {
    expect(run('{{eq 1 1}} {{eq "a" "b"}} {{eq 1.5 1.5}} {{eq true true}} {{ne 1 2}}')).toBe(
      'true false true true true',
    );
    expect(run('{{eq 3 1 2 3}} {{eq 3 1 2}}')).toBe('true false');
    expect(run('{{lt 1 2}} {{le 2 2}} {{gt "b" "a"}} {{ge 1.5 2.5}} {{lt "a" "b"}}')).toBe('true true true false true');
    expect(run('{{eq .Month 6}} {{lt .Month 7}}', new GoStruct('s', { Month: { field: month(6) } }))).toBe('true true');
  });

  it('compare nil and structs', () => {
    expect(run('{{eq . nil}}', null)).toBe('true');
    expect(run('{{eq "a" nil}}')).toBe('false');
    const t = GoTime.date(2020, 1, 1);
    expect(
      run(
        '{{eq .A .B}}',
        new Map([
          ['A', t],
          ['B', GoTime.date(2020, 1, 1)],
        ]),
      ),
    ).toBe('true');
  });

  it('reject what Go rejects', () => {
    expect(fails('{{eq 1 "1"}}')).toBe('error calling eq: incompatible types for comparison: int and string');
    expect(fails('{{eq 1 1.0}}')).toBe('error calling eq: incompatible types for comparison: int and float64');
    expect(fails('{{eq 1}}')).toBe('error calling eq: missing argument for comparison');
    expect(fails('{{lt true false}}')).toBe('error calling lt: invalid type for comparison');
    expect(fails('{{lt . 1}}', [])).toBe('error calling lt: invalid type for comparison');
    expect(fails('{{eq . .}}', [1n])).toBe('error calling eq: non-comparable type [1]: []interface {}');
    expect(fails('{{ne 1 2 3}}')).toBe('wrong number of args for ne: want 2 got 3');
  });
});

describe('len / index / slice', () => {
  it('len counts bytes of strings, elements and keys', () => {
    expect(run('{{len "héllo"}} {{len .}}', [1n, 2n])).toBe('6 2');
    expect(run('{{len .}}', { a: 1n })).toBe('1');
    expect(fails('{{len 3}}')).toBe('error calling len: len of type int');
    expect(fails('{{len nil}}')).toBe('error calling len: len of nil pointer');
  });

  it('index slices, strings and maps', () => {
    expect(run('{{index . 1}}', ['a', 'b'])).toBe('b');
    expect(run('{{index . 0 1}}', [['x', 'y']])).toBe('y');
    expect(run('{{index "abc" 0}}')).toBe('97');
    expect(run('{{index . "k"}}', new Map([['k', 'v']]))).toBe('v');
    expect(run('{{index .}}', 'same')).toBe('same');
    expect(fails('{{index . 2}}', ['a'])).toBe('error calling index: index out of range: 2');
    expect(fails('{{index . "x"}}', ['a'])).toBe('error calling index: cannot index slice/array with type string');
    expect(fails('{{index . 1}}', new Map())).toBe('error calling index: value has type int; should be string');
    expect(fails('{{index 3 1}}')).toBe("error calling index: can't index item of type int");
    expect(fails('{{index nil 1}}')).toBe('error calling index: index of untyped nil');
  });

  it('slice strings by byte and slices by element', () => {
    expect(run('{{slice "hello" 1 3}} {{slice "hello" 2}} {{slice "hello"}}')).toBe('el llo hello');
    expect(run('{{slice . 1 2}}', ['a', 'b', 'c'])).toBe('[b]');
    expect(run('{{slice . 0 1 2}}', ['a', 'b', 'c'])).toBe('[a]');
    expect(fails('{{slice "abc" 2 1}}')).toBe('error calling slice: invalid slice index: 2 > 1');
    expect(fails('{{slice "abc" 0 1 2}}')).toBe('error calling slice: cannot 3-index slice a string');
    expect(fails('{{slice "abc" 0 9}}')).toBe('error calling slice: index out of range: 9');
    expect(fails('{{slice 3}}')).toBe("error calling slice: can't slice item of type int");
  });
});

describe('print family and escapers', () => {
  it('print, println, printf', () => {
    expect(run('{{print "a" 1 2 "b" 3.5 nil}}')).toBe('a1 2b3.5 <nil>');
    expect(run('{{println "a" 1}}')).toBe('a 1\n');
    expect(run('{{printf "%s=%d" "n" 5}}')).toBe('n=5');
    expect(run('{{print .}}', { b: [1n], a: 'x' })).toBe('map[a:x b:[1]]');
  });

  it('urlquery, html, js', () => {
    expect(run('{{urlquery "a b&c/d"}}')).toBe('a+b%26c%2Fd');
    expect(run('{{urlquery "a" 1}}')).toBe('a1');
    expect(run('{{html "<a href=\\"x\\">Tom & Jerry\'s</a>"}}')).toBe(
      '&lt;a href=&#34;x&#34;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;',
    );
    expect(run('{{js "it\'s <b> & \\"q\\" = \\\\ \\n é"}}')).toBe(
      'it\\\'s \\u003Cb\\u003E \\u0026 \\"q\\" \\u003D \\\\ \\u000A é',
    );
    expect(run('{{html .M}}', new Map())).toBe('&lt;no value&gt;');
    expect(htmlEscape('\0')).toBe('\uFFFD');
    expect(jsEscape('\u2028')).toBe('\\u2028');
  });
});
