/**
 * Evaluator for parsed Go templates, a port of Go's `text/template/exec.go`: the statements
 * (text, actions, `if`/`with`/`range`/`template`, `break`/`continue`) over the expressions of
 * `eval.ts`.
 *
 * Safety is the point of this module: values are reached only through the Go value model of
 * `values.ts` (no JS property access, no code evaluation), and every run is bounded by a
 * budget (`budget.ts`: bytes produced and steps of work, both charged before they are spent, and a
 * wall-clock deadline), an output size and a nesting depth, so a stored link cannot hang, flood
 * or exhaust the server. A bound reached throws `TemplateLimitError` naming it. Error texts
 * follow Go:
 * `template: long:1:2: executing "long" at <.Invalid>: can't evaluate field Invalid in type ...`.
 */
import { byteLength, LimitExceeded, type Usage } from './budget.js';
import type { FuncMap } from './builtins.js';
import { type ExecLimits, Evaluator } from './eval.js';
import { sprintValue } from './fmt.js';
import type { BranchNode, Node, ParsedTemplates, TemplateNode } from './parse.js';
import { nodeString } from './parse.js';
import { GoFunc, GoNamedInt, goTypeName, isGoMap, isNil, isTrue, mapSize, sortedEntries } from './values.js';

export type { ExecLimits } from './eval.js';

/** What a finished run produced and charged. */
export interface ExecResult {
  output: string;
  usage: Usage;
}

class BreakSignal {}
class ContinueSignal {}

/**
 * Runs the template `parsed.name` on `data`, returning its output and what it charged.
 *
 * @example execute(parseTrees('{{.}}!', 'long', () => false), 'hi', {}, limits).output // 'hi!'
 */
export function execute(parsed: ParsedTemplates, data: unknown, funcs: FuncMap, limits: ExecLimits): ExecResult {
  return new State(parsed, funcs, limits).run(data);
}

class State extends Evaluator {
  private out = '';
  private outBytes = 0;
  private depth = 0;

  run(data: unknown): ExecResult {
    this.vars = [{ name: '$', value: data }];
    const root = this.parsed.trees.get(this.parsed.name);
    if (!root) this.errorf(`${JSON.stringify(this.parsed.name)} is an incomplete or empty template`);
    try {
      this.walk(data, root);
    } catch (e) {
      if (e instanceof LimitExceeded) this.limitError(e.limit, e.message);
      throw e;
    }
    return { output: this.out, usage: this.budget.usage() };
  }

  private write(s: string): void {
    // UTF-8 is never shorter than UTF-16: a string longer than what is left cannot fit.
    const left = this.limits.maxOutputBytes - this.outBytes;
    const n = s.length > left ? s.length : byteLength(s);
    if (n > left) this.limitError('output', `output exceeds ${this.limits.maxOutputBytes} bytes`);
    this.budget.bytes(n);
    this.outBytes += n;
    this.out += s;
  }

  // Walking statements.
  private walk(dot: unknown, node: Node): void {
    if (node.kind !== 'list') this.at(node);
    this.step();
    switch (node.kind) {
      case 'action': {
        const val = this.evalPipeline(dot, node.pipe);
        if (node.pipe.decl.length === 0) this.printValue(node, val);
        return;
      }
      case 'text':
        this.write(node.text);
        return;
      case 'list':
        for (const n of node.nodes) this.walk(dot, n);
        return;
      case 'if':
      case 'with':
        this.nested(() => this.walkIfOrWith(dot, node));
        return;
      case 'range':
        this.nested(() => this.walkRange(dot, node));
        return;
      case 'template':
        this.nested(() => this.walkTemplate(dot, node));
        return;
      case 'break':
        throw new BreakSignal();
      case 'continue':
        throw new ContinueSignal();
    }
  }

  private walkIfOrWith(dot: unknown, node: BranchNode): void {
    const mark = this.vars.length;
    const val = this.evalPipeline(dot, node.pipe);
    if (val instanceof GoFunc) this.errorf(`if/with can't use ${sprintValue(val)}`);
    if (isTrue(val)) this.walk(node.kind === 'with' ? val : dot, node.list);
    else if (node.elseList) this.walk(dot, node.elseList);
    this.pop(mark);
  }

  private walkRange(dot: unknown, r: BranchNode): void {
    this.at(r);
    const outer = this.vars.length;
    const val = this.evalPipeline(dot, r.pipe);
    const mark = this.vars.length;
    const decl = r.pipe.decl;
    const oneIteration = (index: unknown, elem: unknown): void => {
      if (decl.length > 0) {
        if (r.pipe.isAssign) this.findVar(decl[0]?.ident[0] as string).value = decl.length > 1 ? index : elem;
        else this.setTopVar(1, elem);
      }
      if (decl.length > 1) {
        if (r.pipe.isAssign) this.findVar(decl[1]?.ident[0] as string).value = elem;
        else this.setTopVar(2, index);
      }
      try {
        this.walk(elem, r.list);
      } catch (e) {
        if (!(e instanceof ContinueSignal)) throw e;
      } finally {
        this.pop(mark);
      }
    };
    try {
      if (this.rangeOver(val, decl.length, oneIteration)) return;
    } catch (e) {
      if (e instanceof BreakSignal) return;
      throw e;
    } finally {
      this.pop(outer);
    }
    if (r.elseList) this.walk(dot, r.elseList);
  }

  /**
   * Iterates `val` as Go's range does; returns false when there was nothing to iterate. Each
   * iteration walks its body, one step at least, so more iterations than steps left are refused
   * before the first.
   */
  private rangeOver(val: unknown, nvars: number, each: (index: unknown, elem: unknown) => void): boolean {
    if (typeof val === 'bigint' || val instanceof GoNamedInt) {
      if (nvars > 1) this.errorf(`can't use ${sprintValue(val)} to iterate over more than one variable`);
      const n = typeof val === 'bigint' ? val : val.value;
      if (n > 0n) this.budget.reserve(n > BigInt(this.limits.maxSteps) ? this.limits.maxSteps + 1 : Number(n));
      for (let i = 0n; i < n; i++) each(undefined, i);
      return n > 0n;
    }
    if (Array.isArray(val)) {
      this.budget.reserve(val.length);
      for (let i = 0; i < val.length; i++) each(BigInt(i), val[i]);
      return val.length > 0;
    }
    if (isGoMap(val)) {
      this.budget.reserve(mapSize(val));
      const entries = sortedEntries(val);
      for (const [k, v] of entries) each(k, v);
      return entries.length > 0;
    }
    if (isNil(val)) return false;
    return this.errorf(`range can't iterate over ${sprintValue(val)}`);
  }

  private walkTemplate(dot: unknown, t: TemplateNode): void {
    this.at(t);
    const tree = this.parsed.trees.get(t.name);
    if (!tree) this.errorf(`template ${JSON.stringify(t.name)} not defined`);
    if (this.depth >= this.limits.maxDepth) this.limitError('depth', `exceeded maximum template depth (${this.limits.maxDepth})`);
    const newDot = this.evalPipeline(dot, t.pipe);
    const saved = { vars: this.vars, name: this.tmplName };
    this.vars = [{ name: '$', value: newDot }];
    this.tmplName = t.name;
    this.depth++;
    try {
      this.walk(newDot, tree);
    } finally {
      this.depth--;
      this.vars = saved.vars;
      this.tmplName = saved.name;
    }
  }

  private printValue(node: Node, v: unknown): void {
    this.at(node);
    if (v instanceof GoFunc) this.errorf(`can't print ${nodeString(node)} of type ${goTypeName(v)}`);
    this.write(v === undefined ? '<no value>' : sprintValue(v));
  }
}
