/**
 * A Go `text/template` engine for golink-compatible link destinations.
 *
 * Why hand-written: golink stores destinations as Go templates (`{{.Now.Format "2006-01-02"}}`,
 * `{{if Match "\\d+" .Path}}...{{end}}`), and no npm package runs them faithfully; the closest,
 * `@ctrl/golang-template`, lacks function arguments, method calls and pipelines. This is a
 * compact port of Go's lexer, parser and evaluator (`lex.ts`, `parse.ts`, `exec.ts`) with Go's
 * builtins (`builtins.ts`, `fmt.ts`), `time.Time` (`gotime.ts`), URL escaping (`goescape.ts`),
 * an RE2 matcher (`regexp.ts`) and golink's functions (`linkfuncs.ts`). It never evaluates
 * JavaScript and exposes only whitelisted members of the data. Templates are untrusted code
 * here (any tailnet user saves them), so parsing bounds the source's size, nesting and number of
 * actions, and every run is bounded by a byte and step budget charged before the work is done
 * (`budget.ts`), a deadline, an output size and a call depth.
 *
 * @example
 *   const t = parseTemplate('https://www.google.com/{{if .Path}}search?q={{QueryEscape .Path}}{{end}}', { funcs: linkFuncs });
 *   t.execute(new GoStruct('env', { Path: { field: 'a b' } })) // 'https://www.google.com/search?q=a+b'
 */
import { builtins, type FuncMap } from './builtins.js';
import { type ExecLimits, type ExecResult, execute } from './exec.js';
import { defaultParseLimits, type ParsedTemplates, type ParseLimits, parseTrees } from './parse.js';

export type { LimitName, Usage } from './budget.js';
export type { FuncMap } from './builtins.js';
export {
  NoUserError,
  TemplateExecError,
  TemplateLimitError,
  TemplateParseError,
  TemplateParseLimitError,
  isNoUserError,
} from './errors.js';
export type { ExecLimits, ExecResult } from './exec.js';
export { defaultParseLimits, type ParseLimits } from './parse.js';
export { pathEscape, queryEscape } from './goescape.js';
export { GoLayouts, GoTime } from './gotime.js';
export { linkFuncs } from './linkfuncs.js';
export { GoFunc, GoNamedInt, GoStruct, type GoCallable, type GoMember, type GoObject } from './values.js';

export interface ParseOptions {
  /** Template name used in error messages; default `long` (golink's form field). */
  name?: string;
  /** Extra functions; like Go's `Funcs`, they must be known at parse time. */
  funcs?: FuncMap;
  /** Bounds on the source (default {@link defaultParseLimits}). */
  limits?: Partial<ParseLimits>;
}

/**
 * Default execution limits: 256 KiB of strings produced, 64 KiB of output, 100 ms, 100 000 steps,
 * 100 nested template calls. The byte budget is four times the output limit: a link destination
 * has no use for larger intermediates, and each hostile visit allocates at most that much.
 */
export const defaultLimits: Readonly<ExecLimits> = {
  maxBytes: 256 * 1024,
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
    return this.run(data, limits).output;
  }

  /**
   * Like {@link execute}, also reporting the bytes and steps the run charged.
   *
   * @example parseTemplate('{{printf "%5d" 1}}').run(null).usage // { bytes: 11, steps: 4 }
   */
  run(data: unknown, limits: Partial<ExecLimits> = {}): ExecResult {
    return execute(this.parsed, data, this.funcs, { ...defaultLimits, ...limits });
  }
}

/**
 * Parses Go template source; throws {@link TemplateParseError} with Go's message, or
 * {@link TemplateParseLimitError} naming the limit when the source is too large, too deeply
 * nested or has too many actions.
 *
 * @example parseTemplate('{{.Path}') // throws 'template: long:1: unexpected "}" in operand'
 */
export function parseTemplate(source: string, options: ParseOptions = {}): Template {
  const funcs = options.funcs ?? {};
  const hasFunc = (name: string): boolean => Object.hasOwn(funcs, name) || builtins.has(name);
  const limits = { ...defaultParseLimits, ...options.limits };
  return new Template(parseTrees(source, options.name ?? 'long', hasFunc, limits), funcs);
}
