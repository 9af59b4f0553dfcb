/**
 * The layering rules of the source tree (docs: README "Architecture"), checked on every import:
 *
 * - `src/platform/**` imports nothing from `src/apps/**`, `src/cli/**`, `src/suite.ts` or `views/**`;
 * - `src/apps/<a>/**` imports no other app (`src/apps/<b>/**`), no CLI and not the composition
 *   root; of `views/` only its own folder (`views/<a>/**`) and the shared files at its top;
 * - `views/**` imports only types (`import type` / `export type`) from `src/**`;
 * - no app casts `c.env` (request access is `platform/request.ts`), and no app runs periodic
 *   work with `setInterval` (that is `ctx.schedule`).
 *
 * Imports are read with the TypeScript parser (static `import`/`export … from`, side-effect
 * imports and dynamic `import()`); test files are exempt from the import rules. Each offence is
 * printed with its file and specifier. KNOWN_OFFENDERS lists what the per-app reshape still has
 * to fix; the test fails if one of them is fixed without being removed, so the list only shrinks.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');

/**
 * Imports that break a rule today, each to be fixed by the per-app reshape (issue 17, "one shape
 * for every app": views take plain view models). Remove an entry once it is fixed.
 */
const KNOWN_OFFENDERS: ReadonlyArray<string> = [];

interface ImportRef {
  /** Repository-relative path of the importing file, with `/`. */
  from: string;
  specifier: string;
  /** Repository-relative path of the imported file, or undefined for a package. */
  target: string | undefined;
  typeOnly: boolean;
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
    const rel = `${dir}/${e.name}`;
    if (e.isDirectory()) out.push(...sourceFiles(rel));
    else if (/\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts')) out.push(rel);
  }
  return out;
}

const isTest = (file: string) => /\.test\.tsx?$/.test(file);

/** `./x.js` → the `.ts`/`.tsx` file it names, repository-relative; packages → undefined. */
function resolveTarget(from: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const abs = resolve(ROOT, dirname(from), specifier).replace(/\.js$/, '');
  for (const ext of ['.ts', '.tsx', '/index.ts']) {
    try {
      readFileSync(abs + ext);
      return relative(ROOT, abs + ext).split(sep).join('/');
    } catch {
      // try the next extension
    }
  }
  return relative(ROOT, abs).split(sep).join('/');
}

function importsOf(file: string): ImportRef[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const out: ImportRef[] = [];
  const add = (specifier: string, typeOnly: boolean) => out.push({ from: file, specifier, target: resolveTarget(file, specifier), typeOnly });
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      add(node.moduleSpecifier.text, node.importClause?.isTypeOnly ?? false);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      add(node.moduleSpecifier.text, node.isTypeOnly);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const [arg] = node.arguments;
      if (arg && ts.isStringLiteralLike(arg)) add(arg.text, false);
    } else if (ts.isImportTypeNode(node)) {
      return; // `import('x').T` in a type position is a type
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

const appOf = (path: string) => /^src\/apps\/([^/]+)\//.exec(path)?.[1];

/** Why an import breaks a layering rule, or undefined. */
function violation(ref: ImportRef): string | undefined {
  const { from, target } = ref;
  if (target === undefined) return undefined;
  if (from.startsWith('src/platform/')) {
    if (target.startsWith('src/apps/') || target.startsWith('src/cli/') || target === 'src/suite.ts' || target.startsWith('views/')) {
      return 'the platform imports no app, CLI, composition root or view';
    }
  }
  const app = appOf(from);
  if (app !== undefined) {
    const other = appOf(target);
    if (other !== undefined && other !== app) return `app "${app}" imports app "${other}"`;
    if (target.startsWith('src/cli/') || target === 'src/suite.ts') return `app "${app}" imports the CLI or the composition root`;
    const view = /^views\/([^/]+)\//.exec(target)?.[1];
    if (view !== undefined && view !== app) return `app "${app}" imports another app's views (views/${view}/)`;
  }
  if (from.startsWith('views/') && target.startsWith('src/') && !ref.typeOnly) return 'a view imports runtime code from src/ (import types only)';
  return undefined;
}

const files = [...sourceFiles('src'), ...sourceFiles('views').filter((f) => !f.includes('/client/'))];
const refs = files.filter((f) => !isTest(f)).flatMap(importsOf);
const key = (r: ImportRef) => `${r.from} -> ${r.target}`;

describe('layering', () => {
  it('finds the imports it checks (the parser sees static, re-exported and dynamic imports)', () => {
    expect(refs.length).toBeGreaterThan(500);
    expect(refs.some((r) => r.from === 'src/suite.ts' && r.target === 'src/apps/links/index.ts')).toBe(true);
    expect(refs.some((r) => r.from === 'src/apps/sql/sources.ts' && r.specifier === './drivers/postgres/driver.js')).toBe(true);
    expect(refs.some((r) => r.typeOnly && r.from.startsWith('views/') && r.target?.startsWith('src/'))).toBe(true);
  });

  it('has no import that breaks a rule, beyond the known offenders', () => {
    const offences = refs.flatMap((r) => {
      const why = violation(r);
      return why && !KNOWN_OFFENDERS.includes(key(r)) ? [`${r.from}: import '${r.specifier}' — ${why}`] : [];
    });
    expect(offences, offences.join('\n')).toEqual([]);
  });

  it('lists only offenders that still offend (fix one: remove it from KNOWN_OFFENDERS)', () => {
    const still = new Set(refs.filter((r) => violation(r)).map(key));
    expect(KNOWN_OFFENDERS.filter((k) => !still.has(k))).toEqual([]);
  });
});

describe('apps use the platform for requests and periodic work', () => {
  const appSources = files.filter((f) => f.startsWith('src/apps/') && !isTest(f));
  const lines = (pattern: RegExp) =>
    appSources.flatMap((f) =>
      readFileSync(join(ROOT, f), 'utf8')
        .split('\n')
        .flatMap((line, i) => (pattern.test(line) && !/^\s*(\*|\/\/)/.test(line) ? [`${f}:${i + 1}: ${line.trim()}`] : [])),
    );

  it('no app casts c.env (platform/request.ts has the helpers)', () => {
    expect(lines(/\bc\.env\s+as\b/), 'use nodeRequest/nodeResponse/rawBody/… from platform/request.ts').toEqual([]);
  });

  it('no app runs periodic work with setInterval (ctx.schedule does)', () => {
    expect(lines(/\bsetInterval\s*\(/), 'use ctx.schedule').toEqual([]);
  });
});
