/**
 * The rule "every event emitter tailyard creates has its 'error' handled where it is created",
 * checked on the source text (TypeScript's parser, no type checking, so it runs in a second).
 *
 * An emitter with no 'error' listener turns its first error (a reset socket, a terminated
 * database backend, a child that cannot be signalled) into an uncaught exception, which takes
 * every app down. So:
 *
 * 1. A *construction* is a call or `new` of a known emitter factory, resolved through the file's
 *    imports (`spawn`, `cp.spawn`, `new pg.Pool`, `pino.destination`, `http.request`, …; the
 *    list is {@link FACTORIES}), a pg pool checkout (`<…pool>.connect()` in a file that imports
 *    `pg`: pg's pool stops listening to a client while it is checked out), and a class that
 *    `extends EventEmitter`.
 * 2. Its value must be bound to a name (`const x = …`, `x = …`, `this.x = …`) and that same name
 *    must get `.on('error', …)` (not `once`: servers, children and pg clients can emit more than
 *    one) somewhere in the function that creates it — or `.on('error', …)` is chained on the
 *    construction itself.
 * 3. Otherwise the statement (or class) carries a comment `error-events: <why>` saying where its
 *    errors go (e.g. undici's Pool, which reports failures through each request's promise).
 *
 * Emitters that tailyard only receives (a request, a socket from a 'connection' event) are not
 * constructions: node and hono own those and handle their errors.
 *
 * @example
 *   checkEmitters('x.ts', "import { spawn } from 'node:child_process'; const c = spawn('ls');")
 *   // → [{ file: 'x.ts', line: 1, what: 'child_process:spawn', problem: '…no .on(\'error\')…' }]
 */
import ts from 'typescript';

/** Emitter factories, as `<module without node:>:<export path>`. */
export const FACTORIES: ReadonlySet<string> = new Set([
  ...['spawn', 'fork', 'exec', 'execFile'].map((f) => `child_process:${f}`),
  ...['createServer', 'createConnection', 'connect', 'Socket', 'Server'].map((f) => `net:${f}`),
  ...['connect', 'createServer', 'TLSSocket', 'Server'].map((f) => `tls:${f}`),
  ...['createServer', 'request', 'get', 'Server'].flatMap((f) => [`http:${f}`, `https:${f}`]),
  ...['connect', 'createServer', 'createSecureServer'].map((f) => `http2:${f}`),
  'dgram:createSocket',
  ...['createReadStream', 'createWriteStream', 'watch'].map((f) => `fs:${f}`),
  'readline:createInterface',
  ...['Readable', 'Writable', 'Duplex', 'Transform', 'PassThrough'].map((f) => `stream:${f}`),
  'events:EventEmitter',
  'worker_threads:Worker',
  ...['createGzip', 'createGunzip', 'createDeflate', 'createInflate', 'createDeflateRaw', 'createInflateRaw', 'createUnzip', 'createBrotliCompress', 'createBrotliDecompress'].map(
    (f) => `zlib:${f}`,
  ),
  'pg:Pool',
  'pg:Client',
  ...['Pool', 'Client', 'Agent', 'BalancedPool', 'ProxyAgent'].map((f) => `undici:${f}`),
  'pino:pino.destination',
  'pino:destination',
]);

export interface Violation {
  file: string;
  line: number;
  what: string;
  problem: string;
}

/** Local name → `<module>:<export path prefix>` ('' for a namespace or default import). */
function importsOf(sf: ts.SourceFile): Map<string, string> {
  const names = new Map<string, string>();
  for (const st of sf.statements) {
    if (!ts.isImportDeclaration(st) || !ts.isStringLiteral(st.moduleSpecifier) || !st.importClause) continue;
    const mod = st.moduleSpecifier.text.replace(/^node:/, '');
    const clause = st.importClause;
    // The events module's default export is EventEmitter itself; elsewhere a default is the module.
    if (clause.name) names.set(clause.name.text, mod === 'events' ? `${mod}:EventEmitter` : `${mod}:`);
    const bindings = clause.namedBindings;
    if (bindings && ts.isNamespaceImport(bindings)) names.set(bindings.name.text, `${mod}:`);
    if (bindings && ts.isNamedImports(bindings)) {
      for (const el of bindings.elements) names.set(el.name.text, `${mod}:${(el.propertyName ?? el.name).text}`);
    }
  }
  return names;
}

/** `a.b.c` of a callee resolved through the imports, or undefined when it is not imported. */
function qualified(expr: ts.Expression, imports: Map<string, string>): string | undefined {
  const path: string[] = [];
  let e: ts.Expression = expr;
  while (ts.isPropertyAccessExpression(e)) {
    path.unshift(e.name.text);
    e = e.expression;
  }
  if (!ts.isIdentifier(e)) return undefined;
  const base = imports.get(e.text);
  if (base === undefined) return undefined;
  const [mod, prefix] = base.split(':') as [string, string];
  return `${mod}:${[prefix, ...path].filter(Boolean).join('.')}`;
}

const WRAPPERS = new Set([
  ts.SyntaxKind.AwaitExpression,
  ts.SyntaxKind.AsExpression,
  ts.SyntaxKind.ParenthesizedExpression,
  ts.SyntaxKind.NonNullExpression,
  ts.SyntaxKind.TypeAssertionExpression,
  ts.SyntaxKind.SatisfiesExpression,
]);

const text = (n: ts.Node) => n.getText().replace(/\?\./g, '.').replace(/\s+/g, '');

function isErrorListener(call: ts.CallExpression, target?: string): boolean {
  const callee = call.expression;
  if (!ts.isPropertyAccessExpression(callee) || !['on', 'addListener', 'prependListener'].includes(callee.name.text)) return false;
  const first = call.arguments[0];
  if (!first || !ts.isStringLiteralLike(first) || first.text !== 'error') return false;
  return target === undefined || text(callee.expression) === target;
}

function enclosingFunction(n: ts.Node): ts.Node {
  for (let p = n.parent; p; p = p.parent) if (ts.isFunctionLike(p) || ts.isSourceFile(p)) return p;
  return n.getSourceFile();
}

function hasErrorListener(scope: ts.Node, target: string): boolean {
  let found = false;
  const visit = (n: ts.Node) => {
    if (found) return;
    if (ts.isCallExpression(n) && isErrorListener(n, target)) found = true;
    else ts.forEachChild(n, visit);
  };
  visit(scope);
  return found;
}

function waived(n: ts.Node): boolean {
  let st: ts.Node = n;
  while (st.parent && !ts.isSourceFile(st.parent) && !ts.isBlock(st.parent) && !ts.isClassDeclaration(st)) st = st.parent;
  const sf = n.getSourceFile();
  const ranges = ts.getLeadingCommentRanges(sf.text, st.getFullStart()) ?? [];
  return ranges.some((r) => sf.text.slice(r.pos, r.end).includes('error-events:'));
}

/** What is wrong with one construction, or undefined when its 'error' is handled. */
function judge(node: ts.Node): string | undefined {
  let outer: ts.Node = node;
  while (outer.parent && WRAPPERS.has(outer.parent.kind)) outer = outer.parent;
  const parent = outer.parent;
  let target: string | undefined;
  if (parent && ts.isVariableDeclaration(parent) && parent.initializer === outer && ts.isIdentifier(parent.name)) target = parent.name.text;
  else if (parent && ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken && parent.right === outer) target = text(parent.left);
  else if (parent && ts.isPropertyAccessExpression(parent) && parent.expression === outer && ts.isCallExpression(parent.parent) && isErrorListener(parent.parent)) return undefined;
  if (target === undefined) return "not bound to a name, so no .on('error') can be seen where it is created";
  if (hasErrorListener(enclosingFunction(node), target)) return undefined;
  return `no ${target}.on('error', …) in the function that creates it`;
}

/** Every construction in `source` whose 'error' is not handled where it is created. */
export function checkEmitters(file: string, source: string): Violation[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const imports = importsOf(sf);
  const usesPg = [...imports.values()].some((v) => v.startsWith('pg:'));
  const out: Violation[] = [];
  const report = (node: ts.Node, what: string, problem: string | undefined) => {
    if (problem === undefined || waived(node)) return;
    out.push({ file, line: sf.getLineAndCharacterOfPosition(node.getStart()).line + 1, what, problem });
  };
  const visit = (n: ts.Node) => {
    if (ts.isCallExpression(n) || ts.isNewExpression(n)) {
      const name = qualified(n.expression, imports);
      if (name !== undefined && FACTORIES.has(name)) report(n, name, judge(n));
      // A pg pool checkout: the client is only listened to by the pool while it is idle.
      else if (usesPg && ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && n.expression.name.text === 'connect' && n.arguments.length === 0) {
        if (/pool$/i.test(text(n.expression.expression))) report(n, 'pg:Pool.connect', judge(n));
      }
    }
    if (ts.isClassDeclaration(n)) {
      for (const clause of n.heritageClauses ?? []) {
        for (const t of clause.types) {
          const name = qualified(t.expression, imports);
          if (name === 'events:EventEmitter') report(n, name, "a class that extends EventEmitter must say where its 'error' listeners are (error-events: …)");
        }
      }
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}
