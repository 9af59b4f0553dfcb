/**
 * A Go `text/template` engine for golink-compatible link destinations.
 *
 * Why hand-written: golink stores destinations as Go templates (`{{.Now.Format "2006-01-02"}}`,
 * `{{if Match "\\d+" .Path}}...{{end}}`), and no npm package runs them faithfully; the closest,
 * `@ctrl/golang-template`, lacks function arguments, method calls and pipelines. This is a
 * compact port of Go's lexer, parser and evaluator (`lex.ts`, `parse.ts`, `exec.ts`) with Go's
 * builtins (`builtins.ts`, `fmt.ts`), `time.Time` (`gotime.ts`), URL escaping (`goescape.ts`),
 * an RE2 matcher (`regexp.ts`) and golink's functions (`linkfuncs.ts`). It never evaluates
 * JavaScript, exposes only whitelisted members of the data, and bounds output, steps, time and
 * recursion.
 *
 * @example
 *   const t = parseTemplate('https://www.google.com/{{if .Path}}search?q={{QueryEscape .Path}}{{end}}', { funcs: linkFuncs });
 *   t.execute(new GoStruct('env', { Path: { field: 'a b' } })) // 'https://www.google.com/search?q=a+b'
 */
import { builtins, type FuncMap } from './builtins.js';
import { type ExecLimits, execute } from './exec.js';
import { type ParsedTemplates, parseTrees } from './parse.js';

export type { FuncMap } from './builtins.js';
export { NoUserError, TemplateExecError, TemplateParseError, isNoUserError } from './errors.js';
export type { ExecLimits } from './exec.js';
export { pathEscape, queryEscape } from './goescape.js';
export { GoLayouts, GoTime } from './gotime.js';
export { linkFuncs } from './linkfuncs.js';
export { GoFunc, GoNamedInt, GoStruct, type GoCallable, type GoMember, type GoObject } from './values.js';

export interface ParseOptions {
  /** Template name used in error messages; default `long` (golink's form field). */
  name?: string;
  /** Extra functions; like Go's `Funcs`, they must be known at parse time. */
  funcs?: FuncMap;
}

/** Default execution limits: 64 KiB of output, 100 ms, 100 000 steps, 100 nested template calls. */
export const defaultLimits: Readonly<ExecLimits> = {
  maxOutputBytes: 64 * 1024,
  deadlineMs: 100,
  maxSteps: 100_000,
  maxDepth: 100,
};

/** A parsed template, safe to execute many times and concurrently. */
export class Template {
  constructor(
    private readonly parsed: ParsedTemplates,
    private readonly funcs: FuncMap,
  ) {}

  get name(): string {
    return this.parsed.name;
  }

  /**
   * Runs the template on `data`; throws {@link TemplateExecError} on run-time errors and limits.
   *
   * @example parseTemplate('{{len .}}').execute([1n, 2n]) // '2'
   */
  execute(data: unknown, limits: Partial<ExecLimits> = {}): string {
    return execute(this.parsed, data, this.funcs, { ...defaultLimits, ...limits });
  }
}

/**
 * Parses Go template source; throws {@link TemplateParseError} with Go's message.
 *
 * @example parseTemplate('{{.Path}') // throws 'template: long:1: unexpected "}" in operand'
 */
export function parseTemplate(source: string, options: ParseOptions = {}): Template {
  const funcs = options.funcs ?? {};
  const hasFunc = (name: string): boolean => Object.hasOwn(funcs, name) || builtins.has(name);
  return new Template(parseTrees(source, options.name ?? 'long', hasFunc), funcs);
}
