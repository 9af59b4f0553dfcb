/**
 * Evaluator for parsed Go templates, a port of Go's `text/template/exec.go`.
 *
 * Safety is the point of this module: values are reached only through the Go value model of
 * `values.ts` (no JS property access, no code evaluation), and every run is bounded by an output
 * size, a step budget, a wall-clock deadline and a template call depth, so a stored link cannot
 * hang or flood the server. Error texts follow Go:
 * `template: long:1:2: executing "long" at <.Invalid>: can't evaluate field Invalid in type ...`.
 */
import { builtins, type FuncMap } from './builtins.js';
import { TemplateExecError } from './errors.js';
import { sprintValue } from './fmt.js';
import type {
  ArgNode,
  BranchNode,
  CommandNode,
  FieldNode,
  Node,
  NumberNode,
  ParsedTemplates,
  PipeNode,
  TemplateNode,
  VariableNode,
} from './parse.js';
import { nodeString } from './parse.js';
import {
  type GoCallable,
  GoFunc,
  GoNamedInt,
  type GoType,
  goTypeDisplay,
  goTypeName,
  isGoMap,
  isGoObject,
  isNil,
  isTrue,
  mapGet,
  sortedEntries,
} from './values.js';

/** Resource bounds of one execution. */
export interface ExecLimits {
  /** Output size in UTF-8 bytes. */
  maxOutputBytes: number;
  /** Wall-clock budget in milliseconds. */
  deadlineMs: number;
  /** Evaluation steps (nodes walked and commands run). */
  maxSteps: number;
  /** Nesting of `{{template}}` calls. */
  maxDepth: number;
}

const MISSING: unique symbol = Symbol('missing');
type Final = unknown | typeof MISSING;

class BreakSignal {}
class ContinueSignal {}

const literalKinds: Readonly<Record<string, 'int' | 'float' | 'string' | 'bool'>> = {
  int: 'int',
  float64: 'float',
  string: 'string',
  bool: 'bool',
};

/**
 * Runs the template `parsed.name` on `data`, returning its output.
 *
 * @example execute(parseTrees('{{.}}!', 'long', () => false), 'hi', {}, limits) // 'hi!'
 */
export function execute(parsed: ParsedTemplates, data: unknown, funcs: FuncMap, limits: ExecLimits): string {
  return new State(parsed, funcs, limits).run(data);
}

class State {
  private out = '';
  private bytes = 0;
  private steps = 0;
  private depth = 0;
  private readonly deadline: number;
  private vars: Array<{ name: string; value: unknown }> = [];
  private node: { pos: number; kind: string } | undefined;
  private tmplName: string;

  constructor(
    private readonly parsed: ParsedTemplates,
    private readonly funcs: FuncMap,
    private readonly limits: ExecLimits,
  ) {
    this.deadline = Date.now() + limits.deadlineMs;
    this.tmplName = parsed.name;
  }

  run(data: unknown): string {
    this.vars = [{ name: '$', value: data }];
    const root = this.parsed.trees.get(this.parsed.name);
    if (!root) this.errorf(`${JSON.stringify(this.parsed.name)} is an incomplete or empty template`);
    this.walk(data, root);
    return this.out;
  }

  private at(node: ArgNode | CommandNode | Node): void {
    this.node = node;
  }

  private errorf(msg: string, cause?: unknown): never {
    const name = this.tmplName;
    const n = this.node as (ArgNode | CommandNode | Node) | undefined;
    if (!n) throw new TemplateExecError(`template: ${name}: ${msg}`, { cause });
    const before = this.parsed.source.slice(0, n.pos);
    const nl = before.lastIndexOf('\n');
    const line = before.split('\n').length;
    const col = new TextEncoder().encode(before.slice(nl + 1)).length;
    let context = nodeString(n);
    if (context.length > 20) context = `${context.slice(0, 20)}...`;
    throw new TemplateExecError(
      `template: ${this.parsed.name}:${line}:${col}: executing ${JSON.stringify(name)} at <${context}>: ${msg}`,
      { cause },
    );
  }

  private step(): void {
    this.steps++;
    if (this.steps > this.limits.maxSteps) this.errorf(`exceeded ${this.limits.maxSteps} evaluation steps`);
    if (this.steps % 256 === 0 && Date.now() > this.deadline)
      this.errorf(`exceeded ${this.limits.deadlineMs}ms deadline`);
  }

  private write(s: string): void {
    this.bytes += new TextEncoder().encode(s).length;
    if (this.bytes > this.limits.maxOutputBytes) this.errorf(`output exceeds ${this.limits.maxOutputBytes} bytes`);
    this.out += s;
  }

  // Variables.
  private push(name: string, value: unknown): void {
    this.vars.push({ name, value });
  }
  private pop(mark: number): void {
    this.vars.length = mark;
  }
  private findVar(name: string): { name: string; value: unknown } {
    for (let i = this.vars.length - 1; i >= 0; i--) {
      const v = this.vars[i] as { name: string; value: unknown };
      if (v.name === name) return v;
    }
    return this.errorf(`undefined variable: ${name}`);
  }
  private setTopVar(n: number, value: unknown): void {
    (this.vars[this.vars.length - n] as { value: unknown }).value = value;
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
        this.walkIfOrWith(dot, node);
        return;
      case 'range':
        this.walkRange(dot, node);
        return;
      case 'template':
        this.walkTemplate(dot, node);
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

  /** Iterates `val` as Go's range does; returns false when there was nothing to iterate. */
  private rangeOver(val: unknown, nvars: number, each: (index: unknown, elem: unknown) => void): boolean {
    if (typeof val === 'bigint' || val instanceof GoNamedInt) {
      if (nvars > 1) this.errorf(`can't use ${sprintValue(val)} to iterate over more than one variable`);
      const n = typeof val === 'bigint' ? val : val.value;
      for (let i = 0n; i < n; i++) each(undefined, i);
      return n > 0n;
    }
    if (Array.isArray(val)) {
      for (let i = 0; i < val.length; i++) each(BigInt(i), val[i]);
      return val.length > 0;
    }
    if (isGoMap(val)) {
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
    if (this.depth >= this.limits.maxDepth) this.errorf(`exceeded maximum template depth (${this.limits.maxDepth})`);
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

  // Evaluating expressions.
  private evalPipeline(dot: unknown, pipe: PipeNode | undefined): unknown {
    if (!pipe) return undefined;
    this.at(pipe);
    let value: Final = MISSING;
    for (const cmd of pipe.cmds) value = this.evalCommand(dot, cmd, value);
    for (const v of pipe.decl) {
      if (pipe.isAssign) this.findVar(v.ident[0] as string).value = value;
      else this.push(v.ident[0] as string, value);
    }
    return value;
  }

  private notAFunction(args: ArgNode[], final: Final): void {
    if (args.length > 1 || final !== MISSING) {
      this.errorf(`can't give argument to non-function ${nodeString(args[0] as ArgNode)}`);
    }
  }

  private evalCommand(dot: unknown, cmd: CommandNode, final: Final): unknown {
    this.step();
    const first = cmd.args[0] as ArgNode;
    switch (first.kind) {
      case 'field':
        return this.evalFieldNode(dot, first, cmd.args, final);
      case 'chain':
        this.at(first);
        return this.evalChain(dot, first.node, first, first.field, cmd.args, final);
      case 'identifier':
        return this.evalFunction(dot, first.ident, first, cmd, cmd.args, final);
      case 'pipe':
        this.notAFunction(cmd.args, final);
        return this.evalPipeline(dot, first);
      case 'variable':
        return this.evalVariableNode(dot, first, cmd.args, final);
    }
    this.at(first);
    this.notAFunction(cmd.args, final);
    switch (first.kind) {
      case 'bool':
        return first.value;
      case 'dot':
        return dot;
      case 'nil':
        return this.errorf('nil is not a command');
      case 'number':
        return this.idealConstant(first);
      case 'string':
        return first.text;
    }
  }

  private idealConstant(n: NumberNode): unknown {
    this.at(n);
    const { num } = n;
    const hexInt = /^[+-]?0[xX]/.test(num.text) && !/[pP]/.test(num.text);
    if (num.isFloat && !hexInt && !num.text.startsWith("'") && /[.eEpP]/.test(num.text)) return num.float;
    if (num.isInt) return num.int;
    return this.errorf(`${num.text} overflows int`);
  }

  private evalFieldNode(dot: unknown, field: FieldNode, args: ArgNode[] | undefined, final: Final): unknown {
    this.at(field);
    return this.evalFieldChain(dot, dot, field, field.ident, args, final);
  }

  private evalChain(
    dot: unknown,
    base: ArgNode,
    node: ArgNode,
    fields: string[],
    args: ArgNode[] | undefined,
    final: Final,
  ): unknown {
    const receiver = this.evalArg(dot, 'any', base);
    return this.evalFieldChain(dot, receiver, node, fields, args, final);
  }

  private evalVariableNode(dot: unknown, v: VariableNode, args: ArgNode[] | undefined, final: Final): unknown {
    this.at(v);
    const value = this.findVar(v.ident[0] as string).value;
    if (v.ident.length === 1) {
      if (args) this.notAFunction(args, final);
      return value;
    }
    return this.evalFieldChain(dot, value, v, v.ident.slice(1), args, final);
  }

  private evalFieldChain(
    dot: unknown,
    receiver: unknown,
    node: ArgNode,
    idents: string[],
    args: ArgNode[] | undefined,
    final: Final,
  ): unknown {
    let r = receiver;
    idents.forEach((name, i) => {
      r =
        i < idents.length - 1
          ? this.evalField(dot, name, node, undefined, MISSING, r)
          : this.evalField(dot, name, node, args, final, r);
    });
    return r;
  }

  private evalField(
    dot: unknown,
    name: string,
    node: ArgNode,
    args: ArgNode[] | undefined,
    final: Final,
    receiver: unknown,
  ): unknown {
    if (isNil(receiver)) return undefined;
    const hasArgs = (args !== undefined && args.length > 1) || final !== MISSING;
    const member = isGoObject(receiver)
      ? receiver.goMember(name)
      : receiver instanceof GoNamedInt && name === 'String'
        ? { method: { params: [], fn: () => receiver.name } }
        : undefined;
    if (member && 'method' in member) return this.evalCall(dot, member.method, false, node, name, args, final);
    if (member) {
      if (hasArgs) this.errorf(`${name} has arguments but cannot be invoked as function`);
      return member.field;
    }
    if (isGoMap(receiver)) {
      if (hasArgs) this.errorf(`${name} is not a method but has arguments`);
      return mapGet(receiver, name);
    }
    return this.errorf(`can't evaluate field ${name} in type ${goTypeName(receiver)}`);
  }

  private evalFunction(
    dot: unknown,
    name: string,
    node: ArgNode,
    cmd: ArgNode | CommandNode,
    args: ArgNode[] | undefined,
    final: Final,
  ): unknown {
    this.at(node);
    const custom = Object.hasOwn(this.funcs, name) ? this.funcs[name] : undefined;
    const fn = custom ?? builtins.get(name);
    if (!fn) return this.errorf(`${JSON.stringify(name)} is not a defined function`);
    return this.evalCall(dot, fn, custom === undefined, cmd, name, args, final);
  }

  private evalCall(
    dot: unknown,
    fn: GoCallable,
    isBuiltin: boolean,
    node: ArgNode | CommandNode,
    name: string,
    args: ArgNode[] | undefined,
    final: Final,
  ): unknown {
    const argNodes = args ? args.slice(1) : [];
    const numIn = argNodes.length + (final === MISSING ? 0 : 1);
    const { params } = fn;
    const numFixed = fn.variadic ? params.length - 1 : argNodes.length;
    if (fn.variadic && numIn < numFixed) {
      this.errorf(`wrong number of args for ${name}: want at least ${numFixed} got ${argNodes.length}`);
    } else if (!fn.variadic && numIn !== params.length) {
      this.errorf(`wrong number of args for ${name}: want ${params.length} got ${numIn}`);
    }
    const paramAt = (i: number): GoType =>
      (i < numFixed || !fn.variadic ? params[i] : params[params.length - 1]) ?? 'any';
    if (isBuiltin && (name === 'and' || name === 'or')) {
      let v: unknown;
      for (const arg of argNodes) {
        v = this.evalArg(dot, 'any', arg);
        if (isTrue(v) === (name === 'or')) return v;
      }
      return final === MISSING ? v : this.validateType(final, 'any');
    }
    const argv = argNodes.map((arg, i) => this.evalArg(dot, paramAt(i), arg));
    if (final !== MISSING) argv.push(this.validateType(final, paramAt(numIn - 1)));
    try {
      return isBuiltin && name === 'call' ? this.callFunc(argNodes[0], argv) : fn.fn(...argv);
    } catch (e) {
      if (e instanceof TemplateExecError) throw e;
      this.at(node);
      return this.errorf(`error calling ${name}: ${e instanceof Error ? e.message : String(e)}`, e);
    }
  }

  /** The `call` builtin: invokes a {@link GoFunc} value with type-checked arguments. */
  private callFunc(calleeNode: ArgNode | undefined, [callee, ...args]: unknown[]): unknown {
    const calleeName = calleeNode ? nodeString(calleeNode) : 'call';
    if (isNil(callee)) throw new Error('call of nil');
    if (!(callee instanceof GoFunc)) throw new Error(`non-function ${calleeName} of type ${goTypeName(callee)}`);
    const { params, variadic } = callee.callable;
    if (variadic ? args.length < params.length - 1 : args.length !== params.length) {
      const want = variadic ? `at least ${params.length - 1}` : `${params.length}`;
      throw new Error(`wrong number of args for ${calleeName}: got ${args.length} want ${want}`);
    }
    args.forEach((a, i) => {
      const t = params[Math.min(i, params.length - 1)] ?? 'any';
      if (t !== 'any' && goTypeName(a) !== t) {
        throw new Error(`arg ${i}: value has type ${goTypeName(a)}; should be ${goTypeDisplay(t)}`);
      }
    });
    return callee.callable.fn(...args);
  }

  private validateType(value: unknown, typ: GoType): unknown {
    if (typ === 'any') return isNil(value) ? null : value;
    if (isNil(value)) return this.errorf(`invalid value; expected ${typ}`);
    const t = goTypeName(value);
    if (t !== typ) this.errorf(`wrong type for value; expected ${typ}; got ${t}`);
    return value;
  }

  private evalArg(dot: unknown, typ: GoType, n: ArgNode): unknown {
    this.at(n);
    switch (n.kind) {
      case 'dot':
        return this.validateType(dot, typ);
      case 'nil':
        if (typ === 'any') return null;
        return this.errorf(`cannot assign nil to ${typ}`);
      case 'field':
        return this.validateType(this.evalFieldNode(dot, n, [n], MISSING), typ);
      case 'variable':
        return this.validateType(this.evalVariableNode(dot, n, undefined, MISSING), typ);
      case 'pipe':
        return this.validateType(this.evalPipeline(dot, n), typ);
      case 'identifier':
        return this.validateType(this.evalFunction(dot, n.ident, n, n, undefined, MISSING), typ);
      case 'chain':
        return this.validateType(this.evalChain(dot, n.node, n, n.field, undefined, MISSING), typ);
    }
    if (typ === 'any') {
      if (n.kind === 'number') return this.idealConstant(n);
      return n.kind === 'bool' ? n.value : n.text;
    }
    const kind = literalKinds[typ];
    if (kind === 'bool' && n.kind === 'bool') return n.value;
    if (kind === 'string' && n.kind === 'string') return n.text;
    if (kind === 'int' && n.kind === 'number' && n.num.isInt) return n.num.int;
    if (kind === 'float' && n.kind === 'number' && n.num.isFloat) return n.num.float;
    const expected = kind === 'int' ? 'integer' : kind;
    if (expected) return this.errorf(`expected ${expected}; found ${nodeString(n)}`);
    return this.errorf(`can't handle ${nodeString(n)} for arg of type ${typ}`);
  }
}
