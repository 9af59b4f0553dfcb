import { describe, expect, it } from 'vitest';
import { TemplateParseError, parseTemplate } from './index.js';
import { goUnquote, parseGoNumber } from './literal.js';
import { nodeString, parseTrees } from './parse.js';

const parseError = (src: string): string => {
  try {
    parseTemplate(src);
  } catch (e) {
    expect(e).toBeInstanceOf(TemplateParseError);
    return (e as Error).message;
  }
  throw new Error(`parsed: ${src}`);
};

describe('parseTemplate', () => {
  it('round-trips node text', () => {
    const src =
      '{{if and .A (not .B)}}x{{else if .C}}y{{else}}{{range $i, $v := .D}}{{$v.E | printf "%d"}}{{end}}{{end}}';
    const list = parseTrees(src, 't', () => true).trees.get('t');
    expect(list && nodeString(list)).toBe(
      '{{if and .A (not .B)}}x{{else}}{{if .C}}y{{else}}{{range $i, $v := .D}}{{$v.E | printf "%d"}}{{end}}{{end}}{{end}}',
    );
  });

  it('collects define and block templates', () => {
    const { trees } = parseTrees('{{define "a"}}A{{end}}{{block "b" .}}B{{end}}', 'long', () => false);
    expect([...trees.keys()].sort()).toEqual(['a', 'b', 'long']);
  });

  it.each([
    ['{{.Path }', 'template: long:1: unexpected "}" in operand'],
    ['{{.Path}', "template: long:1: bad character U+007D '}'"],
    ['{{', 'template: long:1: unclosed action'],
    ['{{end}}', 'template: long:1: unexpected {{end}}'],
    ['{{else}}', 'template: long:1: unexpected {{else}}'],
    ['{{if .A}}', 'template: long:1: unexpected EOF'],
    ['{{if}}{{end}}', 'template: long:1: missing value for if'],
    ['{{range .A}}{{else}}{{else}}{{end}}', 'template: long:1: expected end; found {{else}}'],
    ['{{nope 1}}', 'template: long:1: function "nope" not defined'],
    ['{{$x}}', 'template: long:1: undefined variable "$x"'],
    ['{{break}}', 'template: long:1: {{break}} outside {{range}}'],
    ['{{continue}}', 'template: long:1: {{continue}} outside {{range}}'],
    ['{{range .}}{{break 1}}{{end}}', 'template: long:1: unexpected "1" in {{break}}'],
    ['{{.A | "x"}}', 'template: long:1: non executable command in pipeline stage 2'],
    ['{{"x".A}}', 'template: long:1: unexpected . after term "\\"x\\""'],
    ['{{()}}', 'template: long:1: missing value for parenthesized pipeline'],
    ['{{$a, $b := .}}', 'template: long:1: too many declarations in command'],
    ['{{range $a, $b, $c := .}}{{end}}', 'template: long:1: too many declarations in range'],
    ['{{range $a, 1}}{{end}}', 'template: long:1: range can only initialize variables'],
    ['{{template .A}}', 'template: long:1: unexpected ".A" in template clause'],
    ['{{define "a"}}x{{end}}{{define "a"}}y{{end}}', 'template: long:1: template: multiple definition of template "a"'],
    ['{{"\\q"}}', 'template: long:1: invalid syntax'],
    ['{{99999999999999999999}}', 'template: long:1: integer overflow: "99999999999999999999"'],
    ['\n\n{{.A\n}', 'template: long:4: unexpected "}" in operand'],
    ['{{if .A}}{{define "x"}}{{end}}{{end}}', 'template: long:1: unexpected <define> in command'],
  ])('rejects %j', (src, message) => {
    expect(parseError(src)).toBe(message);
  });

  it('reports errors inside multi-line actions with the start line', () => {
    expect(parseError('{{.A\n\n')).toBe('template: long:3: unclosed action started at long:1');
  });

  it('accepts golink help examples', () => {
    for (const src of [
      'https://www.google.com/{{if .Path}}search?q={{QueryEscape .Path}}{{end}}',
      'https://company.slack.com/{{if .Path}}channels/{{PathEscape .Path}}{{end}}',
      'http://{{if .Path}}{{.Path}}{{else}}host{{end}}.example/debug/varz',
      'http://wiki/{{.Now.Format "01-02-2006"}}',
    ]) {
      expect(() =>
        parseTemplate(src, {
          funcs: { QueryEscape: { params: ['string'], fn: String }, PathEscape: { params: ['string'], fn: String } },
        }),
      ).not.toThrow();
    }
  });

  it('uses the given template name', () => {
    expect(() => parseTemplate('{{end}}', { name: 'x' })).toThrow('template: x:1: unexpected {{end}}');
  });
});

describe('Go literals', () => {
  it('unquotes Go strings', () => {
    expect(goUnquote('"a\\tb\\n\\\\\\"\\x41\\101\\u00e9\\U0001F600"')).toBe('a\tb\n\\"AAé😀');
    expect(goUnquote('"\\xc3\\xa9"')).toBe('é');
    expect(goUnquote('`raw\\n\r`')).toBe('raw\\n');
    expect(goUnquote("'\\''")).toBe("'");
    for (const bad of ['"\\\'"', "'ab'", '"\\400"', '"\\ud800"', '"\\x4"'])
      expect(() => goUnquote(bad)).toThrow('invalid syntax');
  });

  it('classifies numbers like Go', () => {
    expect(parseGoNumber('42')).toMatchObject({ isInt: true, isFloat: true, int: 42n });
    expect(parseGoNumber('0x1F').int).toBe(31n);
    expect(parseGoNumber('0o17').int).toBe(15n);
    expect(parseGoNumber('017').int).toBe(15n);
    expect(parseGoNumber('0b101').int).toBe(5n);
    expect(parseGoNumber('1_000').int).toBe(1000n);
    expect(parseGoNumber('-7').int).toBe(-7n);
    expect(parseGoNumber('1.5')).toMatchObject({ isInt: false, isFloat: true, float: 1.5 });
    expect(parseGoNumber('1e3')).toMatchObject({ isInt: true, int: 1000n, float: 1000 });
    expect(parseGoNumber('0x1p-2').float).toBe(0.25);
    expect(parseGoNumber("'a'").int).toBe(97n);
    expect(parseGoNumber('18446744073709551615')).toMatchObject({ isInt: false, isUint: true });
    expect(() => parseGoNumber('1__0')).toThrow('illegal number syntax: "1__0"');
  });
});
