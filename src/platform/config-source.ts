/**
 * A HuJSON config file as text: its value, every syntax error in words with its line and column,
 * and where a key path is written, so that a validation problem (`apps.links.readonly`) can be
 * reported at `ty.hujson:12:7` like a compiler's. jsonc-parser recovers after a syntax error, so
 * one pass finds every syntax error, and the value it recovers can still be checked.
 *
 * A file that is not text at all (a SQLite database given for a config, say) is named as such
 * instead of being reported as a dozen `InvalidSymbol`s.
 *
 * @example
 *   const src = parseConfigSource('{\n  "mode": "dev"\n  "dataDir": "d"\n}', 'ty.hujson');
 *   src.syntax // [{ line: 3, col: 3, message: 'expected a comma between two entries (is one missing at the end of the line before?)' }]
 *   locate(src, ['dataDir']) // { line: 3, col: 3 }
 */
import { readFileSync } from 'node:fs';
import { type Node, type ParseError, parseTree, getNodeValue, printParseErrorCode } from 'jsonc-parser';
import { ConfigError, type ConfigProblem, problemLine } from './config-error.js';

export interface Position {
  line: number;
  col: number;
}

/** A syntax error, located. */
export interface SyntaxProblem extends Position {
  message: string;
}

export interface ConfigSource {
  /** The file's name as given (or a label such as "config"). */
  file: string;
  text: string;
  /** What jsonc-parser recovered (undefined for an empty file). */
  value: unknown;
  syntax: SyntaxProblem[];
  tree: Node | undefined;
}

/** jsonc-parser's error codes in words. */
const SYNTAX_WORDS: Record<string, string> = {
  InvalidSymbol: 'unexpected text: expected a value (a "string", a number, true, false, null, { … } or [ … ])',
  InvalidNumberFormat: 'not a valid number',
  PropertyNameExpected: 'expected a key in double quotes, e.g. "mode"',
  ValueExpected: 'expected a value after the colon (a "string", a number, true, false, null, { … } or [ … ])',
  ColonExpected: 'expected a colon (:) between the key and its value',
  CommaExpected: 'expected a comma between two entries (is one missing at the end of the line before?)',
  CloseBraceExpected: 'expected a closing brace (}): an object is not closed',
  CloseBracketExpected: 'expected a closing bracket (]): a list is not closed',
  EndOfFileExpected: 'expected the end of the file: there is text after the closing brace',
  InvalidCommentToken: 'not a valid comment (use // to the end of the line, or /* … */)',
  UnexpectedEndOfComment: 'a /* comment is not closed with */',
  UnexpectedEndOfString: 'a string is not closed with a double quote (")',
  UnexpectedEndOfNumber: 'a number ends too early',
  InvalidUnicode: 'not a valid \\u escape (expected four hex digits)',
  InvalidEscapeCharacter: 'not a valid escape after a backslash (use \\\\ for a backslash)',
  InvalidCharacter: 'a control character (such as a tab or a newline) inside a string: escape it (\\t, \\n)',
};

/** The line and column (1-based) of `offset` in `text`. */
export function positionAt(text: string, offset: number): Position {
  const before = text.slice(0, offset);
  const lineStart = before.lastIndexOf('\n') + 1;
  return { line: before.split('\n').length, col: offset - lineStart + 1 };
}

/**
 * What `bytes` are when they are not text a config could be: a SQLite database, or binary; else
 * undefined.
 */
export function binaryKind(bytes: Buffer): string | undefined {
  if (bytes.subarray(0, 16).toString('latin1') === 'SQLite format 3\0') return 'a SQLite database';
  if (bytes.subarray(0, 8192).includes(0)) return 'a binary file';
  return undefined;
}

/** Parses HuJSON text, keeping every syntax error (never throws). */
export function parseConfigSource(text: string, file = 'config'): ConfigSource {
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  const syntax = errors.map((e) => {
    const code = printParseErrorCode(e.error);
    return { ...positionAt(text, e.offset), message: SYNTAX_WORDS[code] ?? code };
  });
  return { file, text, value: tree ? getNodeValue(tree) : undefined, syntax, tree };
}

/** What a file must be, for the error about one that is not text. */
const TAILYARD_CONFIG = 'tailyard reads a HuJSON config file (JSON with comments and trailing commas), e.g. { "mode": "dev", "dataDir": "./data" }; `tailyard config example` prints one';

/**
 * Reads a HuJSON file. Throws `ConfigError` when it cannot be read, or is not text (`what` names
 * the file, `expects` says what it should have been); syntax errors are returned, not thrown.
 *
 * @example readConfigSource('/etc/tailsql.hujson', { what: '--sql-config file', expects: '--sql-config expects a tailsql config file' })
 */
export function readConfigSource(path: string, { what = 'config file', expects = TAILYARD_CONFIG } = {}): ConfigSource {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (err) {
    throw new ConfigError(`cannot read ${what} ${path}: ${(err as Error).message}`);
  }
  const kind = binaryKind(bytes);
  if (kind) throw new ConfigError(`${what} ${path} is ${kind}, not a config file: ${expects}`);
  return parseConfigSource(bytes.toString('utf8'), path);
}

/** Formats a syntax error the way compilers do: `file:line:col: message`. */
export function formatSyntax(source: ConfigSource, p: SyntaxProblem): string {
  return `${source.file}:${p.line}:${p.col}: ${p.message}`;
}

/**
 * Where `path` is written: the key of its deepest part the file has (an unknown key is found by
 * its own name; a missing one at its parent). Object keys match exactly, else ignoring case (Go's
 * JSON decoding, which tailsql files rely on). Undefined when not even the first part is there.
 */
export function locate(source: ConfigSource, path: readonly (string | number)[]): Position | undefined {
  let node = source.tree;
  let at: Node | undefined;
  for (const part of path) {
    if (!node) break;
    let next: Node | undefined;
    if (node.type === 'object') {
      const props = node.children ?? [];
      const key = (p: Node) => p.children?.[0]?.value as string | undefined;
      const prop = props.find((p) => key(p) === part) ?? props.find((p) => key(p)?.toLowerCase() === String(part).toLowerCase());
      if (!prop) break;
      at = prop;
      next = prop.children?.[1];
    } else if (node.type === 'array' && typeof part === 'number') {
      next = node.children?.[part];
      if (!next) break;
      at = next;
    } else {
      break;
    }
    node = next;
  }
  return at ? positionAt(source.text, at.offset) : undefined;
}

/** A problem as a line of a report, located in `source` where its key is written. */
export interface ReportLine {
  text: string;
  /** Where in the file (lines in the file sort by it; the rest follow in their order). */
  at?: Position;
}

/** `file:line:col: path: message`, or `file: path: message` when the file lacks the key. */
export function locatedLine(source: ConfigSource, p: ConfigProblem): ReportLine {
  const at = locate(source, p.path);
  return at ? { text: `${source.file}:${at.line}:${at.col}: ${problemLine(p)}`, at } : { text: `${source.file}: ${problemLine(p)}` };
}

/** Every syntax error of `source`, then `problems`, located and in file order. */
export function reportLines(source: ConfigSource, problems: readonly ConfigProblem[]): ReportLine[] {
  const lines = [...source.syntax.map((p) => ({ text: formatSyntax(source, p), at: p })), ...problems.map((p) => locatedLine(source, p))];
  return lines.sort(byPosition);
}

/** Orders report lines by their place in the file; lines without one go last, in their order. */
export function byPosition(a: ReportLine, b: ReportLine): number {
  if (!a.at || !b.at) return a.at ? -1 : b.at ? 1 : 0;
  return a.at.line - b.at.line || a.at.col - b.at.col;
}

/** A report's text: a title with the count, and one indented line per problem. */
export function reportText(title: string, lines: readonly ReportLine[]): string {
  const count = `${lines.length} problem${lines.length === 1 ? '' : 's'}`;
  return `${title} (${count}):\n${lines.map((l) => `  ${l.text}`).join('\n')}`;
}
