import { describe, expect, it } from 'vitest';
import { itemString, lex } from './lex.js';

const types = (src: string): string[] => lex(src).map((i) => i.type);
const vals = (src: string): string[] => lex(src).map((i) => i.val);

describe('lex', () => {
  it('splits text and actions', () => {
    expect(types('a{{.Path}}b')).toEqual(['text', 'leftDelim', 'field', 'rightDelim', 'text', 'eof']);
  });

  it('lexes every token kind', () => {
    expect(types('{{$x := .A.B | printf "%d" `r` \'c\' 1.5 (nil) true $}}')).toEqual([
      'leftDelim',
      'variable',
      'space',
      'declare',
      'space',
      'field',
      'field',
      'space',
      'pipe',
      'space',
      'identifier',
      'space',
      'string',
      'space',
      'rawString',
      'space',
      'charConstant',
      'space',
      'number',
      'space',
      'leftParen',
      'nil',
      'rightParen',
      'space',
      'bool',
      'space',
      'variable',
      'rightDelim',
      'eof',
    ]);
  });

  it('recognises keywords, assignment and dot', () => {
    expect(
      types('{{if}}{{else}}{{end}}{{range}}{{break}}{{continue}}{{with}}{{define}}{{template}}{{block}}').filter(
        (t) => t !== 'leftDelim' && t !== 'rightDelim',
      ),
    ).toEqual(['if', 'else', 'end', 'range', 'break', 'continue', 'with', 'define', 'template', 'block', 'eof']);
    expect(types('{{$x = .}}')).toEqual([
      'leftDelim',
      'variable',
      'space',
      'assign',
      'space',
      'dot',
      'rightDelim',
      'eof',
    ]);
  });

  it('applies trim markers to the neighbouring text', () => {
    expect(vals('a  \n {{- 3 -}} \n b')).toEqual(['a', '{{', '3', '}}', 'b', '']);
    expect(vals('{{-3}}')).toEqual(['{{', '-3', '}}', '']);
  });

  it('drops comments, with trimming', () => {
    expect(vals('a {{- /* c */ -}} b')).toEqual(['a', 'b', '']);
    expect(lex('{{/* c */}}x').map((i) => i.type)).toEqual(['text', 'eof']);
  });

  it('reports lexical errors like Go', () => {
    const err = (src: string): string | undefined => lex(src).find((i) => i.type === 'error')?.val;
    expect(err('{{/* x')).toBe('unclosed comment');
    expect(err('{{/* x */ y}}')).toBe('comment ends before closing delimiter');
    expect(err('{{.A')).toBe('unclosed action');
    expect(err('{{"abc}}')).toBe('unterminated quoted string');
    expect(err('{{`abc}}')).toBe('unterminated raw quoted string');
    expect(err("{{'a}}")).toBe('unterminated character constant');
    expect(err('{{3k}}')).toBe('bad number syntax: "3k"');
    expect(err('{{.A#}}')).toBe("bad character U+0023 '#'");
    expect(err('{{)}}')).toBe('unexpected right paren');
    expect(err('{{(}}')).toBe('unclosed left paren');
    expect(err('{{a:b}}')).toBe('expected :=');
    expect(err('{{\u0001}}')).toBe('unrecognized character in action: U+0001');
  });

  it('tracks line numbers', () => {
    expect(lex('a\nb{{.X}}').find((i) => i.type === 'field')?.line).toBe(2);
  });

  it('renders items as Go does in messages', () => {
    const [, item] = lex('{{end}}');
    expect(itemString(item as never)).toBe('<end>');
    expect(itemString({ type: 'char', val: '}', pos: 0, line: 1 })).toBe('"}"');
    expect(itemString({ type: 'string', val: '"a long string"', pos: 0, line: 1 })).toBe('"\\"a long st"...');
    expect(itemString({ type: 'eof', val: '', pos: 0, line: 1 })).toBe('EOF');
  });
});
