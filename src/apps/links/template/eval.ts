/**
 * The expression half of the evaluator (Go's `text/template/exec.go`): pipelines, commands,
 * fields, variables, function and method calls with Go's argument checks, and the state every
 * run shares (its {@link Budget}, variables, current node and error texts). `exec.ts` adds the
 * statements on top.
 *
 * Calls are where untrusted templates could spend memory and time, so a function with a metered
 * body gets the run's budget to charge before it builds its result, and the string result of any
 * other function (an app method such as golink's `.User`) is charged as soon as it is returned.
 */
import { Budget, byteLength, LimitExceeded } from './budget.js';
import { builtins, callValue, type FuncMap } from './builtins.js';
import { TemplateExecError, TemplateLimitError } from './errors.js';
import type {
  ArgNode,
  CommandNode,
  FieldNode,
  Node,
  NumberNode,
  ParsedTemplates,
  PipeNode,
  VariableNode,
} from './parse.js';
import { nodeString } from './parse.js';
import {
  type GoCallable,
  GoNamedInt,
  type GoType,
  goTypeName,
  isGoMap,
  isGoObject,
  isNil,
  isTrue,
  mapGet,
} from './values.js';

/** Resource bounds of one execution. */
export interface ExecLimits {
  /** Output size in UTF-8 bytes. */
  maxOutputBytes: number;
  /**
   * UTF-8 bytes of every string the run produces (intermediates and output), charged before
   * each is built. `Infinity` turns byte and work metering off (benchmarks compare the two).
   */
  maxBytes: number;
  /** Wall-clock budget in milliseconds. */
  deadlineMs: number;
  /** Evaluation steps: nodes walked and commands run, plus the work of builtins. */
  maxSteps: number;
  /** Nesting of `{{template}}` calls. */
  maxDepth: number;
}

/** Nested walks and evaluations (`if` in `range` in a template call...) before the run stops. */
const MAX_NESTING = 1000;
/** Longest message text kept in an error (a message may quote a value of the run). */
const MAX_MESSAGE = 1000;

const MISSING: unique symbol = Symbol('missing');
type Final = unknown | typeof MISSING;

const literalKinds: Readonly<Record<string, 'int' | 'float' | 'string' | 'bool'>> = {
  int: 'int',
  float64: 'float',
  string: 'string',
  bool: 'bool',
};

export abstract class Evaluator {
  protected nesting = 0;
  protected readonly budget: Budget;
  protected vars: Array<{ name: string; value: unknown }> = [];
  protected node: { pos: number; kind: string } | undefined;
  protected tmplName: string;

  constructor(
    protected readonly parsed: ParsedTemplates,
    protected readonly funcs: FuncMap,
    protected readonly limits: ExecLimits,
  ) {
    this.budget = new Budget(limits);
    this.tmplName = parsed.name;
  }

  protected at(node: ArgNode | CommandNode | Node): void {
    this.node = node;
  }

  /** Go's error text: the template, line, column and node being evaluated, then `msg`. */
  protected message(msg: string): string {
    const name = this.tmplName;
    const text = msg.length > MAX_MESSAGE ? `${msg.slice(0, MAX_MESSAGE)}...` : msg;
    const n = this.node as (ArgNode | CommandNode | Node) | undefined;
    if (!n) return `template: ${name}: ${text}`;
    const before = this.parsed.source.slice(0, n.pos);
    const nl = before.lastIndexOf('\n');
    const line = before.split('\n').length;
    const col = byteLength(before.slice(nl + 1));
    let context = nodeString(n);
    if (context.length > 20) context = `${context.slice(0, 20)}...`;
    return `template: ${this.parsed.name}:${line}:${col}: executing ${JSON.stringify(name)} at <${context}>: ${text}`;
  }

  protected errorf(msg: string, cause?: unknown): never {
    throw new TemplateExecError(this.message(msg), { cause });
  }

  protected limitError(limit: LimitExceeded['limit'], msg: string): never {
    throw new TemplateLimitError(this.message(msg), limit, this.budget.usage());
  }

  protected step(): void {
    this.budget.step();
  }

  /** Enters a nested walk or evaluation; bounds the recursion whatever the template's shape. */
  protected nested<T>(fn: () => T): T {
    if (this.nesting >= MAX_NESTING) this.limitError('depth', `exceeded maximum nesting (${MAX_NESTING})`);
    this.nesting++;
    try {
      return fn();
    } finally {
      this.nesting--;
    }
  }

  // Variables.
  protected push(name: string, value: unknown): void {
    this.vars.push({ name, value });
  }
  protected pop(mark: number): void {
    this.vars.length = mark;
  }
  protected findVar(name: string): { name: string; value: unknown } {
    for (let i = this.vars.length - 1; i >= 0; i--) {
      const v = this.vars[i] as { name: string; value: unknown };
      if (v.name === name) return v;
    }
    return this.errorf(`undefined variable: ${name}`);
  }
  protected setTopVar(n: number, value: unknown): void {
    (this.vars[this.vars.length - n] as { value: unknown }).value = value;
  }

  // Evaluating expressions.
  protected evalPipeline(dot: unknown, pipe: PipeNode | undefined): unknown {
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

  protected notAFunction(args: ArgNode[], final: Final): void {
    if (args.length > 1 || final !== MISSING) {
      this.errorf(`can't give argument to non-function ${nodeString(args[0] as ArgNode)}`);
    }
  }

  protected evalCommand(dot: unknown, cmd: CommandNode, final: Final): unknown {
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
        return this.nested(() => this.evalPipeline(dot, first));
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

  protected idealConstant(n: NumberNode): unknown {
    this.at(n);
    const { num } = n;
    const hexInt = /^[+-]?0[xX]/.test(num.text) && !/[pP]/.test(num.text);
    if (num.isFloat && !hexInt && !num.text.startsWith("'") && /[.eEpP]/.test(num.text)) return num.float;
    if (num.isInt) return num.int;
    return this.errorf(`${num.text} overflows int`);
  }

  protected evalFieldNode(dot: unknown, field: FieldNode, args: ArgNode[] | undefined, final: Final): unknown {
    this.at(field);
    return this.evalFieldChain(dot, dot, field, field.ident, args, final);
  }

  protected evalChain(
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

  protected evalVariableNode(dot: unknown, v: VariableNode, args: ArgNode[] | undefined, final: Final): unknown {
    this.at(v);
    const value = this.findVar(v.ident[0] as string).value;
    if (v.ident.length === 1) {
      if (args) this.notAFunction(args, final);
      return value;
    }
    return this.evalFieldChain(dot, value, v, v.ident.slice(1), args, final);
  }

  protected evalFieldChain(
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

  protected evalField(
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

  protected evalFunction(
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

  protected evalCall(
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
      if (isBuiltin && name === 'call') {
        const calleeName = argNodes[0] ? nodeString(argNodes[0]) : 'call';
        return this.charged(callValue(calleeName, argv[0], argv.slice(1)));
      }
      if (fn.metered && this.budget.metered) return fn.metered(this.budget, ...argv);
      return this.charged(fn.fn(...argv));
    } catch (e) {
      if (e instanceof TemplateExecError) throw e;
      this.at(node);
      if (e instanceof LimitExceeded) throw e;
      return this.errorf(`error calling ${name}: ${e instanceof Error ? e.message : String(e)}`, e);
    }
  }

  /** A result of an unmetered function (an app's method, a data func), charged once it is made. */
  protected charged(result: unknown): unknown {
    if (typeof result === 'string') this.budget.string(result);
    return result;
  }

  protected validateType(value: unknown, typ: GoType): unknown {
    if (typ === 'any') return isNil(value) ? null : value;
    if (isNil(value)) return this.errorf(`invalid value; expected ${typ}`);
    const t = goTypeName(value);
    if (t !== typ) this.errorf(`wrong type for value; expected ${typ}; got ${t}`);
    return value;
  }

  protected evalArg(dot: unknown, typ: GoType, n: ArgNode): unknown {
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
        return this.validateType(
          this.nested(() => this.evalPipeline(dot, n)),
          typ,
        );
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
