/**
 * Parser for Go text/template, a port of Go's `text/template/parse/parse.go`.
 *
 * Builds the node tree that `exec.ts` walks and reports errors with Go's wording and line
 * numbers (`template: long:1: unexpected "}" in operand`), so golink users see familiar text.
 */
import { byteLength } from './budget.js';
import { TemplateParseError, TemplateParseLimitError } from './errors.js';
import { type Item, type ItemType, itemString, lex } from './lex.js';
import { goUnquote, parseGoNumber } from './literal.js';
import type {
  ArgNode,
  BranchNode,
  CommandNode,
  EndOrElseNode,
  ListNode,
  LoopControlNode,
  Node,
  PipeNode,
  TemplateNode,
  VariableNode,
} from './nodes.js';
import { nodeString } from './nodes.js';

export type * from './nodes.js';
export { nodeString } from './nodes.js';


/** The parsed templates of one source: the main one under `name` plus `define`/`block` ones. */
export interface ParsedTemplates {
  name: string;
  source: string;
  trees: Map<string, ListNode>;
}

/** Bounds on a template's source, checked while parsing. */
export interface ParseLimits {
  /** Source size in UTF-8 bytes (golink's form field is bounded by the app at 16 KiB too). */
  maxSourceBytes: number;
  /** Nesting of parentheses and `if`/`with`/`range`/`block`/`else if` (Go allows 10 000). */
  maxNesting: number;
  /** Number of actions (`{{...}}`, comments not counted). */
  maxActions: number;
}

/** 16 KiB of source, 100 levels of nesting, 1 000 actions: far beyond any link destination. */
export const defaultParseLimits: Readonly<ParseLimits> = { maxSourceBytes: 16 * 1024, maxNesting: 100, maxActions: 1000 };

/**
 * Parses `source` as template `name`. `hasFunc` tells which function names exist (Go rejects
 * unknown functions at parse time). Throws {@link TemplateParseError}, or
 * {@link TemplateParseLimitError} when the source exceeds `limits`: checked before the work
 * they bound (size before lexing, actions before parsing, nesting before recursing).
 *
 * @example parseTrees('{{.Path}}', 'long', () => false).trees.get('long')?.nodes.length // 1
 */
export function parseTrees(
  source: string,
  name: string,
  hasFunc: (name: string) => boolean,
  limits: ParseLimits = defaultParseLimits,
): ParsedTemplates {
  const size = source.length > limits.maxSourceBytes ? source.length : byteLength(source);
  if (size > limits.maxSourceBytes) {
    throw new TemplateParseLimitError(`template: ${name}: template source is over the ${limits.maxSourceBytes}-byte limit`, 'source');
  }
  const items = lex(source);
  let actions = 0;
  for (const item of items) {
    if (item.type === 'leftDelim' && ++actions > limits.maxActions) {
      throw new TemplateParseLimitError(`template: ${name}:${item.line}: more than ${limits.maxActions} actions`, 'actions');
    }
  }
  const trees = new Map<string, ListNode>();
  new Parser(items, name, hasFunc, trees, limits.maxNesting).parse();
  return { name, source, trees };
}

const operandStarts: ReadonlySet<ItemType> = new Set<ItemType>([
  'bool',
  'charConstant',
  'dot',
  'field',
  'identifier',
  'number',
  'nil',
  'rawString',
  'string',
  'variable',
  'leftParen',
]);

class Parser {
  private i = 0;
  private hi = 0;
  private vars: string[] = ['$'];
  private rangeDepth = 0;
  private actionLine = 0;
  private nesting = 0;

  constructor(
    private readonly items: Item[],
    private readonly name: string,
    private readonly hasFunc: (name: string) => boolean,
    private readonly trees: Map<string, ListNode>,
    private readonly maxNesting: number,
  ) {}

  /** Parses a nested construct; refuses to go deeper than the limit (the parser recurses). */
  private nested<T>(fn: () => T): T {
    if (this.nesting >= this.maxNesting) {
      const line = this.items[Math.min(this.hi, this.items.length - 1)]?.line ?? 1;
      throw new TemplateParseLimitError(
        `template: ${this.name}:${line}: max expression depth exceeded: nesting deeper than ${this.maxNesting}`,
        'nesting',
      );
    }
    this.nesting++;
    try {
      return fn();
    } finally {
      this.nesting--;
    }
  }

  parse(): void {
    const root: ListNode = { kind: 'list', pos: this.peek().pos, nodes: [] };
    while (this.peek().type !== 'eof') {
      if (this.peek().type === 'leftDelim') {
        const at = this.i;
        this.next();
        if (this.nextNonSpace().type === 'define') {
          this.inNewScope(() => this.parseDefinition());
          continue;
        }
        this.i = at;
      }
      const n = this.textOrAction();
      if (n.kind === 'end' || n.kind === 'else') this.errorf(`unexpected ${nodeString(n)}`);
      root.nodes.push(n);
    }
    this.addTree(this.name, root);
  }

  // Token access. Items end with 'eof' or 'error', which are never consumed past.
  private next(): Item {
    const item = this.items[Math.min(this.i, this.items.length - 1)] as Item;
    this.i = Math.min(this.i + 1, this.items.length);
    this.hi = Math.max(this.hi, this.i - 1);
    return item;
  }
  private backup(): void {
    this.i--;
  }
  private peek(): Item {
    const item = this.next();
    this.backup();
    return item;
  }
  private nextNonSpace(): Item {
    let item = this.next();
    while (item.type === 'space') item = this.next();
    return item;
  }
  private peekNonSpace(): Item {
    const item = this.nextNonSpace();
    this.backup();
    return item;
  }

  private errorf(msg: string): never {
    const line = this.items[Math.min(this.hi, this.items.length - 1)]?.line ?? 1;
    throw new TemplateParseError(`template: ${this.name}:${line}: ${msg}`);
  }
  private unexpected(token: Item, context: string): never {
    if (token.type === 'error') {
      let extra = '';
      if (this.actionLine !== 0 && this.actionLine !== token.line) {
        extra = ` in action started at ${this.name}:${this.actionLine}`;
        if (token.val.endsWith(' action')) extra = extra.slice(' in action'.length);
      }
      this.errorf(`${token.val}${extra}`);
    }
    this.errorf(`unexpected ${itemString(token)} in ${context}`);
  }
  private expect(type: ItemType, context: string): Item {
    const token = this.nextNonSpace();
    if (token.type !== type) this.unexpected(token, context);
    return token;
  }
  private unquote(token: Item): string {
    try {
      return goUnquote(token.val);
    } catch (e) {
      return this.errorf((e as Error).message);
    }
  }

  /** Runs `fn` with the fresh variable scope of a new template body (define/block). */
  private inNewScope<T>(fn: () => T): T {
    const saved = { vars: this.vars, rangeDepth: this.rangeDepth };
    this.vars = ['$'];
    this.rangeDepth = 0;
    try {
      return fn();
    } finally {
      this.vars = saved.vars;
      this.rangeDepth = saved.rangeDepth;
    }
  }

  private addTree(name: string, list: ListNode): void {
    const existing = this.trees.get(name);
    if (!existing || isEmptyTree(existing)) this.trees.set(name, list);
    else if (!isEmptyTree(list)) this.errorf(`template: multiple definition of template ${JSON.stringify(name)}`);
  }

  private parseDefinition(): void {
    const context = 'define clause';
    const token = this.nextNonSpace();
    if (token.type !== 'string' && token.type !== 'rawString') this.unexpected(token, context);
    const name = this.unquote(token);
    this.expect('rightDelim', context);
    const [list, end] = this.itemList();
    if (end.kind !== 'end') this.errorf(`unexpected ${nodeString(end)} in ${context}`);
    this.addTree(name, list);
  }

  private itemList(): [ListNode, EndOrElseNode] {
    const list: ListNode = { kind: 'list', pos: this.peekNonSpace().pos, nodes: [] };
    while (this.peekNonSpace().type !== 'eof') {
      const n = this.textOrAction();
      if (n.kind === 'end' || n.kind === 'else') return [list, n];
      list.nodes.push(n);
    }
    return this.errorf('unexpected EOF');
  }

  private textOrAction(): Node | EndOrElseNode {
    const token = this.nextNonSpace();
    if (token.type === 'text') return { kind: 'text', pos: token.pos, text: token.val };
    if (token.type !== 'leftDelim') this.unexpected(token, 'input');
    this.actionLine = token.line;
    try {
      return this.action();
    } finally {
      this.actionLine = 0;
    }
  }

  private action(): Node | EndOrElseNode {
    const token = this.nextNonSpace();
    switch (token.type) {
      case 'block':
        return this.blockControl();
      case 'break':
      case 'continue':
        return this.loopControl(token);
      case 'else':
        return this.elseControl();
      case 'end':
        return { kind: 'end', pos: this.expect('rightDelim', 'end').pos };
      case 'if':
      case 'with':
      case 'range':
        return this.nested(() => this.control(token.type as 'if' | 'with' | 'range'));
      case 'template':
        return this.templateControl();
    }
    this.backup();
    const pos = this.peek().pos;
    return { kind: 'action', pos, pipe: this.pipeline('command', 'rightDelim') };
  }

  private loopControl(token: Item): LoopControlNode {
    const kind = token.type as 'break' | 'continue';
    const after = this.nextNonSpace();
    if (after.type !== 'rightDelim') this.unexpected(after, `{{${kind}}}`);
    if (this.rangeDepth === 0) this.errorf(`{{${kind}}} outside {{range}}`);
    return { kind, pos: token.pos };
  }

  private elseControl(): EndOrElseNode {
    const peek = this.peekNonSpace();
    if (peek.type === 'if' || peek.type === 'with') return { kind: 'else', pos: peek.pos };
    return { kind: 'else', pos: this.expect('rightDelim', 'else').pos };
  }

  private control(kind: 'if' | 'with' | 'range'): BranchNode {
    const varsLen = this.vars.length;
    const pipe = this.pipeline(kind, 'rightDelim');
    if (kind === 'range') this.rangeDepth++;
    let [list, next] = this.itemList();
    if (kind === 'range') this.rangeDepth--;
    let elseList: ListNode | undefined;
    if (next.kind === 'else') {
      const peek = this.peek();
      if ((kind === 'if' || kind === 'with') && peek.type === kind) {
        this.next();
        elseList = { kind: 'list', pos: next.pos, nodes: [this.nested(() => this.control(kind))] };
      } else {
        [elseList, next] = this.itemList();
        if (next.kind !== 'end') this.errorf(`expected end; found ${nodeString(next)}`);
      }
    }
    this.vars.length = varsLen;
    return { kind, pos: pipe.pos, pipe, list, elseList };
  }

  private templateName(token: Item, context: string): string {
    if (token.type !== 'string' && token.type !== 'rawString') this.unexpected(token, context);
    return this.unquote(token);
  }

  private templateControl(): TemplateNode {
    const context = 'template clause';
    const token = this.nextNonSpace();
    const name = this.templateName(token, context);
    let pipe: PipeNode | undefined;
    if (this.nextNonSpace().type !== 'rightDelim') {
      this.backup();
      pipe = this.pipeline(context, 'rightDelim');
    }
    return { kind: 'template', pos: token.pos, name, pipe };
  }

  private blockControl(): TemplateNode {
    const context = 'block clause';
    const token = this.nextNonSpace();
    const name = this.templateName(token, context);
    const pipe = this.pipeline(context, 'rightDelim');
    this.nested(() => this.inNewScope(() => {
      const [list, end] = this.itemList();
      if (end.kind !== 'end') this.errorf(`unexpected ${nodeString(end)} in ${context}`);
      this.addTree(name, list);
    }));
    return { kind: 'template', pos: token.pos, name, pipe };
  }

  private pipeline(context: string, end: ItemType): PipeNode {
    const pipe: PipeNode = { kind: 'pipe', pos: this.peekNonSpace().pos, isAssign: false, decl: [], cmds: [] };
    for (;;) {
      const v = this.peekNonSpace();
      if (v.type !== 'variable') break;
      const at = this.i;
      this.next();
      const next = this.peekNonSpace();
      const declare = (): void => {
        this.nextNonSpace();
        pipe.decl.push(newVariable(v.pos, v.val));
        this.vars.push(v.val);
      };
      if (next.type === 'assign' || next.type === 'declare') {
        pipe.isAssign = next.type === 'assign';
        declare();
        break;
      }
      if (next.type === 'char' && next.val === ',') {
        declare();
        if (context === 'range' && pipe.decl.length < 2) {
          const t = this.peekNonSpace().type;
          if (t === 'variable' || t === 'rightDelim' || t === 'rightParen') continue;
          this.errorf('range can only initialize variables');
        }
        this.errorf(`too many declarations in ${context}`);
      }
      this.i = at;
      break;
    }
    for (;;) {
      const token = this.nextNonSpace();
      if (token.type === end) {
        this.checkPipeline(pipe, context);
        return pipe;
      }
      if (!operandStarts.has(token.type)) this.unexpected(token, context);
      this.backup();
      pipe.cmds.push(this.command());
    }
  }

  private checkPipeline(pipe: PipeNode, context: string): void {
    if (pipe.cmds.length === 0) this.errorf(`missing value for ${context}`);
    pipe.cmds.slice(1).forEach((c, i) => {
      const k = c.args[0]?.kind;
      if (k === 'bool' || k === 'dot' || k === 'nil' || k === 'number' || k === 'string') {
        this.errorf(`non executable command in pipeline stage ${i + 2}`);
      }
    });
  }

  private command(): CommandNode {
    const cmd: CommandNode = { kind: 'command', pos: this.peekNonSpace().pos, args: [] };
    for (;;) {
      this.peekNonSpace();
      const operand = this.operand();
      if (operand) cmd.args.push(operand);
      const token = this.next();
      if (token.type === 'space') continue;
      if (token.type === 'rightDelim' || token.type === 'rightParen') this.backup();
      else if (token.type !== 'pipe') this.unexpected(token, 'operand');
      break;
    }
    if (cmd.args.length === 0) this.errorf('empty command');
    return cmd;
  }

  private operand(): ArgNode | undefined {
    const node = this.term();
    if (!node || this.peek().type !== 'field') return node;
    const fields: string[] = [];
    while (this.peek().type === 'field') fields.push(...this.next().val.slice(1).split('.'));
    switch (node.kind) {
      case 'field':
      case 'variable':
        return { ...node, ident: [...node.ident, ...fields] };
      case 'bool':
      case 'string':
      case 'number':
      case 'nil':
      case 'dot':
        return this.errorf(`unexpected . after term ${JSON.stringify(nodeString(node))}`);
    }
    return { kind: 'chain', pos: node.pos, node, field: fields };
  }

  private term(): ArgNode | undefined {
    const token = this.nextNonSpace();
    switch (token.type) {
      case 'identifier':
        if (!this.hasFunc(token.val)) this.errorf(`function ${JSON.stringify(token.val)} not defined`);
        return { kind: 'identifier', pos: token.pos, ident: token.val };
      case 'dot':
        return { kind: 'dot', pos: token.pos };
      case 'nil':
        return { kind: 'nil', pos: token.pos };
      case 'variable': {
        const v = newVariable(token.pos, token.val);
        if (!this.vars.includes(v.ident[0] as string)) {
          this.errorf(`undefined variable ${JSON.stringify(v.ident[0])}`);
        }
        return v;
      }
      case 'field':
        return { kind: 'field', pos: token.pos, ident: token.val.slice(1).split('.') };
      case 'bool':
        return { kind: 'bool', pos: token.pos, value: token.val === 'true' };
      case 'charConstant':
      case 'number':
        try {
          return { kind: 'number', pos: token.pos, num: parseGoNumber(token.val) };
        } catch (e) {
          return this.errorf((e as Error).message);
        }
      case 'leftParen':
        return this.nested(() => this.pipeline('parenthesized pipeline', 'rightParen'));
      case 'string':
      case 'rawString':
        return { kind: 'string', pos: token.pos, quoted: token.val, text: this.unquote(token) };
    }
    this.backup();
    return undefined;
  }
}

function newVariable(pos: number, name: string): VariableNode {
  return { kind: 'variable', pos, ident: name.split('.') };
}

function isEmptyTree(list: ListNode): boolean {
  return list.nodes.every((n) => n.kind === 'text' && n.text.trim() === '');
}
