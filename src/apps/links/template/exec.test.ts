import { describe, expect, it } from 'vitest';
import {
  GoFunc,
  GoStruct,
  GoTime,
  NoUserError,
  TemplateExecError,
  isNoUserError,
  linkFuncs,
  parseTemplate,
} from './index.js';

const run = (src: string, data?: unknown): string => parseTemplate(src, { funcs: linkFuncs }).execute(data);
const execError = (src: string, data?: unknown): string => {
  try {
    run(src, data);
  } catch (e) {
    expect(e).toBeInstanceOf(TemplateExecError);
    return (e as Error).message;
  }
  throw new Error(`ran: ${src}`);
};

const env = new GoStruct('golink.expandEnv', {
  Now: { field: GoTime.date(2022, 6, 2, 1, 2, 3, 4) },
  Path: { field: 'amelie' },
  User: {
    method: {
      params: [],
      fn: () => {
        throw new NoUserError();
      },
    },
  },
});

describe('execute: control flow', () => {
  it('prints text, fields and chains', () => {
    expect(run('a{{.Path}}b{{.Now.Year}}', env)).toBe('aameliebb2022'.replace('bb', 'b'));
    expect(run('{{(.Now.AddDate 0 1 0).Month}}', env)).toBe('July');
    expect(run('{{.Now.Month.String}}', env)).toBe('June');
  });

  it('handles if / else if / else and with / else with', () => {
    const t = '{{if eq .Path "a"}}A{{else if eq .Path "amelie"}}B{{else}}C{{end}}';
    expect(run(t, env)).toBe('B');
    expect(run('{{with .Path}}[{{.}}]{{else}}none{{end}}', env)).toBe('[amelie]');
    expect(run('{{with ""}}x{{else with "y"}}{{.}}{{else}}z{{end}}')).toBe('y');
    expect(run('{{with ""}}x{{else}}z{{end}}')).toBe('z');
  });

  it('follows Go truthiness', () => {
    const falsy = ['', 0n, 0, false, null, [], new Map()];
    for (const v of falsy) expect(run('{{if .}}t{{else}}f{{end}}', v)).toBe('f');
    for (const v of ['x', 1n, 0.5, true, [0n], new Map([['k', 1n]]), env])
      expect(run('{{if .}}t{{else}}f{{end}}', v)).toBe('t');
  });

  it('ranges over slices, maps (sorted), ints, with else, break and continue', () => {
    expect(run('{{range $i, $v := .}}{{$i}}={{$v}};{{end}}', ['a', 'b'])).toBe('0=a;1=b;');
    expect(
      run(
        '{{range $k, $v := .}}{{$k}}={{$v}};{{end}}',
        new Map([
          ['b', 2n],
          ['a', 1n],
        ]),
      ),
    ).toBe('a=1;b=2;');
    expect(run('{{range $k, $v := .}}{{$k}}={{$v}};{{end}}', { z: 'last', a: 'first' })).toBe('a=first;z=last;');
    expect(run('{{range 3}}{{.}}{{end}}')).toBe('012');
    expect(run('{{range .}}x{{else}}empty{{end}}', [])).toBe('empty');
    expect(run('{{range .}}x{{else}}nil{{end}}', null)).toBe('nil');
    expect(
      run('{{range .}}{{if eq . 3}}{{break}}{{end}}{{if eq . 1}}{{continue}}{{end}}{{.}}{{end}}', [0n, 1n, 2n, 3n, 4n]),
    ).toBe('02');
    expect(run('{{$s := ""}}{{range $v := .}}{{$s = $v}}{{end}}{{$s}}', ['a', 'b'])).toBe('b');
  });

  it('rejects ranging over non-iterables like Go', () => {
    expect(execError('{{range .}}{{end}}', 'abc')).toBe(
      'template: long:1:8: executing "long" at <.>: range can\'t iterate over abc',
    );
    expect(execError('{{range $i, $v := 3}}{{end}}')).toContain("can't use 3 to iterate over more than one variable");
  });

  it('scopes variables and supports assignment', () => {
    expect(run('{{$x := 1}}{{if true}}{{$x = 2}}{{$y := 3}}{{end}}{{$x}}')).toBe('2');
    expect(run('{{$}}', 'root')).toBe('root');
    expect(run('{{with .Path}}{{$.Now.Year}}{{end}}', env)).toBe('2022');
  });

  it('runs define, template and block', () => {
    expect(run('{{define "T"}}<{{.}}>{{end}}{{template "T" "x"}}{{template "T" .Path}}', env)).toBe('<x><amelie>');
    expect(run('{{block "B" .}}[{{.}}]{{end}}', 'v')).toBe('[v]');
    expect(execError('{{template "missing"}}')).toBe(
      'template: long:1:11: executing "long" at <{{template "missing"...>: template "missing" not defined',
    );
  });

  it('evaluates pipelines, parentheses and literals', () => {
    expect(run('{{"abc" | printf "%s-%s" "x"}}')).toBe('x-abc');
    expect(run('{{printf "%d" (len (slice "hello" 1 3))}}')).toBe('2');
    expect(run("{{1.5}} {{1e6}} {{0x10}} {{'a'}} {{-3}} {{1.0}} {{true}} {{`raw`}}")).toBe(
      '1.5 1e+06 16 97 -3 1 true raw',
    );
    expect(run('{{.Missing}}|{{index . "Missing"}}', new Map())).toBe('<no value>|<nil>');
  });

  it('calls methods with typed arguments', () => {
    expect(run('{{.Now.Format "2006-01-02"}}', env)).toBe('2022-06-02');
    expect(run('{{.Now.AddDate 0 0 -2 | printf "%v"}}', env)).toBe('2022-05-31 01:02:03.000000004 +0000 UTC');
    expect(execError('{{.Now.Format 5}}', env)).toBe(
      'template: long:1:14: executing "long" at <5>: expected string; found 5',
    );
    expect(execError('{{.Now.Format .Now.Year}}', env)).toBe(
      'template: long:1:14: executing "long" at <.Now.Year>: wrong type for value; expected string; got int',
    );
    expect(execError('{{.Now.Format}}', env)).toBe(
      'template: long:1:2: executing "long" at <.Now.Format>: wrong number of args for Format: want 1 got 0',
    );
  });

  it('calls function values with call', () => {
    const data = new Map([['F', new GoFunc({ params: ['string'], fn: (s) => `<${s}>` })]]);
    expect(run('{{call .F "x"}}', data)).toBe('<x>');
    expect(execError('{{call .F 1}}', data)).toBe(
      'template: long:1:2: executing "long" at <call .F 1>: error calling call: arg 0: value has type int; should be string',
    );
    expect(execError('{{call .G}}', new Map([['G', 'str']]))).toContain(
      'error calling call: non-function .G of type string',
    );
    expect(execError('{{.F}}', data)).toContain("can't print {{.F}} of type func(string)");
  });
});

describe('execute: errors', () => {
  it('reports unknown fields like golink (500)', () => {
    expect(execError('{{.Invalid}}', env)).toBe(
      'template: long:1:2: executing "long" at <.Invalid>: can\'t evaluate field Invalid in type golink.expandEnv',
    );
    expect(execError('http://host.com/{{.Foo}}', env)).toBe(
      'template: long:1:18: executing "long" at <.Foo>: can\'t evaluate field Foo in type golink.expandEnv',
    );
    expect(execError('{{.Path.X}}', env)).toContain("can't evaluate field X in type string");
  });

  it('exposes no JavaScript internals', () => {
    for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'goMember', 'members']) {
      expect(execError(`{{.${name}}}`, env)).toContain(`can't evaluate field ${name}`);
    }
    expect(run('{{.constructor}}{{.__proto__}}', {})).toBe('<no value><no value>');
    expect(run('{{.toString}}', new Map())).toBe('<no value>');
  });

  it('marks a missing user so callers can answer 401', () => {
    try {
      run('http://host.com/{{.User}}', env);
      expect.unreachable();
    } catch (e) {
      expect((e as Error).message).toBe(
        'template: long:1:18: executing "long" at <.User>: error calling User: no user',
      );
      expect(isNoUserError(e)).toBe(true);
    }
    expect(isNoUserError(new Error('x'))).toBe(false);
  });

  it('reports Go exec errors', () => {
    expect(execError('{{nil}}')).toBe('template: long:1:2: executing "long" at <nil>: nil is not a command');
    expect(execError('{{"x" 1}}')).toBe(
      'template: long:1:2: executing "long" at <"x">: can\'t give argument to non-function "x"',
    );
    expect(execError('{{.Path 1}}', new Map([['Path', 'p']]))).toContain('Path is not a method but has arguments');
    expect(execError('{{$x := 1}}{{$y = 2}}')).toContain('undefined variable: $y');
    expect(execError('{{18446744073709551615}}')).toContain('18446744073709551615 overflows int');
    expect(execError('{{(nil).A}}')).toContain('nil is not a command');
  });

  it('shortens long error contexts like Go', () => {
    expect(execError('{{index "a" 5 | printf "%s"}}')).toBe(
      'template: long:1:2: executing "long" at <index "a" 5>: error calling index: index out of range: 5',
    );
    expect(execError('{{template "x" (index "abcdefghijklmnop" 99)}}{{define "x"}}{{end}}')).toContain(
      'at <index "abcdefghijklm...>',
    );
  });
});

describe('execute: limits', () => {
  it('bounds output size', () => {
    const t = parseTemplate('{{range 100}}0123456789{{end}}');
    expect(t.execute(undefined, { maxOutputBytes: 1000 })).toHaveLength(1000);
    expect(() => t.execute(undefined, { maxOutputBytes: 999 })).toThrow('output exceeds 999 bytes');
  });

  it('bounds steps for huge ranges', () => {
    expect(() => parseTemplate('{{range 1000000000000}}{{end}}').execute(undefined)).toThrow(
      /exceeded 100000 evaluation steps/,
    );
  });

  it('bounds run time', () => {
    const t = parseTemplate('{{range 1000000000}}{{end}}');
    expect(() => t.execute(undefined, { deadlineMs: 0, maxSteps: Number.MAX_SAFE_INTEGER })).toThrow(/deadline/);
  });

  it('bounds recursion through template', () => {
    const t = parseTemplate('{{define "r"}}{{template "r" .}}{{end}}{{template "r" .}}');
    expect(() => t.execute(undefined)).toThrow(
      'executing "r" at <{{template "r" .}}>: exceeded maximum template depth (100)',
    );
    expect(() =>
      parseTemplate('{{define "r"}}{{range 10}}{{template "r"}}{{end}}{{end}}{{template "r"}}').execute(undefined),
    ).toThrow(TemplateExecError);
  });
});
