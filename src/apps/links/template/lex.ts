/**
 * Lexer for Go text/template source, a port of Go's `text/template/parse/lex.go`.
 *
 * It produces the same token stream as Go (including trim markers `{{- -}}`, comments and the
 * error texts such as `unclosed action`), so the parser can report Go's messages verbatim.
 */

export type ItemType =
  | 'error'
  | 'eof'
  | 'text'
  | 'leftDelim'
  | 'rightDelim'
  | 'space'
  | 'bool'
  | 'char'
  | 'charConstant'
  | 'assign'
  | 'declare'
  | 'field'
  | 'identifier'
  | 'leftParen'
  | 'rightParen'
  | 'number'
  | 'pipe'
  | 'rawString'
  | 'string'
  | 'variable'
  | Keyword;

export type Keyword =
  | 'block'
  | 'break'
  | 'continue'
  | 'dot'
  | 'define'
  | 'else'
  | 'end'
  | 'if'
  | 'nil'
  | 'range'
  | 'template'
  | 'with';

const keywords: ReadonlyMap<string, Keyword> = new Map<string, Keyword>([
  ['.', 'dot'],
  ['block', 'block'],
  ['break', 'break'],
  ['continue', 'continue'],
  ['define', 'define'],
  ['else', 'else'],
  ['end', 'end'],
  ['if', 'if'],
  ['range', 'range'],
  ['nil', 'nil'],
  ['template', 'template'],
  ['with', 'with'],
]);

/** One token: its type, source text, offset in the source and 1-based line. */
export interface Item {
  type: ItemType;
  val: string;
  pos: number;
  line: number;
}

/** Go's `item.String()`, used in parse error messages: `"}"`, `<end>`, `EOF`. */
export function itemString(i: Item): string {
  if (i.type === 'eof') return 'EOF';
  if (i.type === 'error') return i.val;
  if (keywords.has(i.val) && keywords.get(i.val) === i.type) return `<${i.val}>`;
  if (i.val.length > 10) return `${goQuote(i.val.slice(0, 10))}...`;
  return goQuote(i.val);
}

/** Minimal Go `%q` for token text (ASCII printable kept, the rest escaped). */
function goQuote(s: string): string {
  return JSON.stringify(s);
}

const LEFT = '{{';
const RIGHT = '}}';
const LEFT_COMMENT = '/*';
const RIGHT_COMMENT = '*/';

const isSpace = (c: string | undefined): boolean => c === ' ' || c === '\t' || c === '\r' || c === '\n';
const isAlphaNumeric = (c: string | undefined): boolean => c !== undefined && /^[\p{L}\p{Nd}_]$/u.test(c);
const hasLeftTrim = (s: string): boolean => s.length >= 2 && s[0] === '-' && isSpace(s[1]);
const hasRightTrim = (s: string): boolean => s.length >= 2 && isSpace(s[0]) && s[1] === '-';

/**
 * Tokenizes `input`. The last item is `eof` or, on a lexical error, `error`.
 *
 * @example
 *   lex('a{{.Path}}').map((i) => i.type) // ['text', 'leftDelim', 'field', 'rightDelim', 'eof']
 */
export function lex(input: string): Item[] {
  const items: Item[] = [];
  let start = 0;
  let pos = 0;
  let parenDepth = 0;

  // Items are emitted in source order, so lines are counted from the previous item on: counting
  // from the start for every item would make lexing quadratic in the source size.
  let line = 1;
  let nextNewline = input.indexOf('\n');
  const lineAt = (p: number): number => {
    while (nextNewline >= 0 && nextNewline < p) {
      line++;
      nextNewline = input.indexOf('\n', nextNewline + 1);
    }
    return line;
  };
  const emit = (type: ItemType): void => {
    items.push({ type, val: input.slice(start, pos), pos: start, line: lineAt(start) });
    start = pos;
  };
  const fail = (msg: string): false => {
    items.push({ type: 'error', val: msg, pos: start, line: lineAt(start) });
    return false;
  };
  const peek = (): string | undefined => input[pos];
  const atRightDelim = (): [boolean, boolean] => {
    const rest = input.slice(pos);
    if (hasRightTrim(rest) && rest.startsWith(RIGHT, 2)) return [true, true];
    return [rest.startsWith(RIGHT), false];
  };
  const atTerminator = (): boolean => {
    const c = peek();
    if (c === undefined || isSpace(c) || '.,|:)('.includes(c)) return true;
    return input.startsWith(RIGHT, pos);
  };
  const skipLeadingSpace = (): void => {
    while (isSpace(input[pos])) pos++;
    start = pos;
  };

  /** Lexes text up to the next action; returns false at EOF. */
  const lexText = (): boolean => {
    const x = input.indexOf(LEFT, pos);
    if (x < 0) {
      pos = input.length;
      if (pos > start) emit('text');
      emit('eof');
      return false;
    }
    if (x > pos) {
      pos = x;
      let end = pos;
      if (hasLeftTrim(input.slice(pos + LEFT.length))) {
        while (end > start && isSpace(input[end - 1])) end--;
      }
      if (end > start) {
        items.push({ type: 'text', val: input.slice(start, end), pos: start, line: lineAt(start) });
      }
      start = pos;
    }
    return true;
  };

  /** Lexes `{{` (and a comment if one follows); returns false on error. */
  const lexLeftDelim = (): boolean | 'comment' => {
    pos += LEFT.length;
    const trim = hasLeftTrim(input.slice(pos));
    const after = trim ? 2 : 0;
    if (input.startsWith(LEFT_COMMENT, pos + after)) {
      pos += after;
      start = pos;
      return 'comment';
    }
    emit('leftDelim');
    pos += after;
    start = pos;
    parenDepth = 0;
    return true;
  };

  const lexComment = (): boolean => {
    pos += LEFT_COMMENT.length;
    const x = input.indexOf(RIGHT_COMMENT, pos);
    if (x < 0) return fail('unclosed comment');
    pos = x + RIGHT_COMMENT.length;
    const [delim, trim] = atRightDelim();
    if (!delim) return fail('comment ends before closing delimiter');
    pos += (trim ? 2 : 0) + RIGHT.length;
    start = pos;
    if (trim) skipLeadingSpace();
    return true;
  };

  const lexRightDelim = (trim: boolean): void => {
    if (trim) {
      pos += 2;
      start = pos;
    }
    pos += RIGHT.length;
    emit('rightDelim');
    if (trim) skipLeadingSpace();
  };

  const lexQuoted = (quote: string, type: ItemType, what: string): boolean => {
    for (;;) {
      const c = input[pos++];
      if (c === '\\' && quote !== '`') {
        const d = input[pos++];
        if (d !== undefined && d !== '\n') continue;
        return fail(`unterminated ${what}`);
      }
      if (c === undefined || (c === '\n' && quote !== '`')) return fail(`unterminated ${what}`);
      if (c === quote) break;
    }
    emit(type);
    return true;
  };

  const scanNumber = (): boolean => {
    const accept = (set: string): boolean => {
      const c = input[pos];
      if (c !== undefined && set.includes(c)) {
        pos++;
        return true;
      }
      return false;
    };
    const acceptRun = (set: string): void => {
      while (accept(set));
    };
    accept('+-');
    let digits = '0123456789_';
    if (accept('0')) {
      if (accept('xX')) digits = '0123456789abcdefABCDEF_';
      else if (accept('oO')) digits = '01234567_';
      else if (accept('bB')) digits = '01_';
    }
    acceptRun(digits);
    if (accept('.')) acceptRun(digits);
    if (digits.length === 11 && accept('eE')) {
      accept('+-');
      acceptRun('0123456789_');
    }
    if (digits.length === 23 && accept('pP')) {
      accept('+-');
      acceptRun('0123456789_');
    }
    if (isAlphaNumeric(peek())) {
      pos++;
      return false;
    }
    return true;
  };

  const lexWord = (type: 'field' | 'variable' | 'identifier'): boolean => {
    while (isAlphaNumeric(peek())) pos++;
    if (!atTerminator()) return fail(`bad character ${goRune(peek() ?? '')}`);
    const word = input.slice(start, pos);
    if (type !== 'identifier') emit(type);
    else if (keywords.has(word)) emit(keywords.get(word) as Keyword);
    else emit(word === 'true' || word === 'false' ? 'bool' : 'identifier');
    return true;
  };

  /** Lexes one token inside an action; returns 'end' after the closing delimiter. */
  const lexInsideAction = (): boolean | 'end' => {
    const [delim, trim] = atRightDelim();
    if (delim) {
      if (parenDepth !== 0) return fail('unclosed left paren');
      lexRightDelim(trim);
      return 'end';
    }
    const c = input[pos++];
    if (c === undefined) return fail('unclosed action');
    if (isSpace(c)) {
      let n = 1;
      while (isSpace(peek())) {
        pos++;
        n++;
      }
      if (hasRightTrim(input.slice(pos - 1)) && input.startsWith(RIGHT, pos + 1)) {
        pos--;
        if (n === 1) {
          lexRightDelim(true);
          return 'end';
        }
      }
      emit('space');
      return true;
    }
    switch (c) {
      case '=':
        emit('assign');
        return true;
      case ':':
        if (input[pos++] !== '=') return fail('expected :=');
        emit('declare');
        return true;
      case '|':
        emit('pipe');
        return true;
      case '"':
        return lexQuoted('"', 'string', 'quoted string');
      case '`':
        return lexQuoted('`', 'rawString', 'raw quoted string');
      case "'":
        return lexQuoted("'", 'charConstant', 'character constant');
      case '$':
        if (atTerminator()) {
          emit('variable');
          return true;
        }
        return lexWord('variable');
      case '(':
        parenDepth++;
        emit('leftParen');
        return true;
      case ')':
        if (--parenDepth < 0) return fail('unexpected right paren');
        emit('rightParen');
        return true;
    }
    if (c === '.' && !/[0-9]/.test(peek() ?? 'x')) {
      if (atTerminator()) {
        emit('dot');
        return true;
      }
      return lexWord('field');
    }
    if (c === '.' || c === '+' || c === '-' || /[0-9]/.test(c)) {
      pos--;
      if (!scanNumber()) return fail(`bad number syntax: ${JSON.stringify(input.slice(start, pos))}`);
      const sign = peek();
      if (sign === '+' || sign === '-') {
        scanNumber();
        return fail(`bad number syntax: ${JSON.stringify(input.slice(start, pos))}`);
      }
      emit('number');
      return true;
    }
    if (isAlphaNumeric(c)) {
      pos--;
      return lexWord('identifier');
    }
    const code = c.codePointAt(0) ?? 0;
    if (code >= 0x20 && code < 0x7f) {
      emit('char');
      return true;
    }
    return fail(`unrecognized character in action: ${goRune(c)}`);
  };

  for (;;) {
    if (!lexText()) return items;
    const left = lexLeftDelim();
    if (left === 'comment') {
      if (!lexComment()) return items;
      continue;
    }
    for (;;) {
      const r = lexInsideAction();
      if (r === false) return items;
      if (r === 'end') break;
    }
  }
}

/** Go's `%#U` rendering of a rune, e.g. `U+0023 '#'`. */
function goRune(c: string): string {
  const cp = c.codePointAt(0) ?? 0;
  const hex = `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  return cp >= 0x20 && cp !== 0x7f ? `${hex} '${c}'` : hex;
}
