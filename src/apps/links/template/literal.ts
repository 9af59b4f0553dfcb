/**
 * Go literal syntax used inside template actions: quoted strings (`strconv.Unquote`), raw
 * strings, character constants and numbers (`0x1F`, `1_000`, `1e3`, `'a'`).
 *
 * Kept apart from the parser because Go's exact rules (which escapes are legal, when a number is
 * an int or a float) decide both parse errors and the Go type of a constant.
 */

const INVALID = 'invalid syntax';
const simpleEscapes: Readonly<Record<string, number>> = {
  a: 7,
  b: 8,
  f: 12,
  n: 10,
  r: 13,
  t: 9,
  v: 11,
  '\\': 92,
};

/**
 * Go's `strconv.Unquote` for `"..."`, `` `...` `` and `'x'` literals; throws `invalid syntax`.
 * `\x` and octal escapes are bytes, so `"\xc3\xa9"` is `é`.
 *
 * @example goUnquote('"a\\tb"') // 'a\tb'
 */
export function goUnquote(lit: string): string {
  const quote = lit[0];
  if (lit.length < 2 || lit[lit.length - 1] !== quote) throw new Error(INVALID);
  const body = lit.slice(1, -1);
  if (quote === '`') {
    if (body.includes('`')) throw new Error(INVALID);
    return body.replaceAll('\r', '');
  }
  if (quote !== '"' && quote !== "'") throw new Error(INVALID);
  const bytes: number[] = [];
  const encoder = new TextEncoder();
  let runes = 0;
  for (let i = 0; i < body.length; ) {
    const c = body[i] as string;
    if (c === quote || c === '\n') throw new Error(INVALID);
    runes++;
    if (c !== '\\') {
      const cp = body.codePointAt(i) ?? 0;
      const ch = String.fromCodePoint(cp);
      bytes.push(...encoder.encode(ch));
      i += ch.length;
      continue;
    }
    const e = body[i + 1];
    i += 2;
    if (e === undefined) throw new Error(INVALID);
    const simple = simpleEscapes[e];
    if (simple !== undefined) bytes.push(simple);
    else if (e === quote) bytes.push(e.charCodeAt(0));
    else if (e === 'x' || e === 'u' || e === 'U') {
      const n = e === 'x' ? 2 : e === 'u' ? 4 : 8;
      const hex = body.slice(i, i + n);
      if (!new RegExp(`^[0-9a-fA-F]{${n}}$`).test(hex)) throw new Error(INVALID);
      i += n;
      const v = Number.parseInt(hex, 16);
      if (e === 'x') bytes.push(v);
      else if (v > 0x10ffff || (v >= 0xd800 && v < 0xe000)) throw new Error(INVALID);
      else bytes.push(...encoder.encode(String.fromCodePoint(v)));
    } else if (e >= '0' && e <= '7') {
      const oct = body.slice(i - 1, i + 2);
      if (!/^[0-7]{3}$/.test(oct) || Number.parseInt(oct, 8) > 255) throw new Error(INVALID);
      i += 2;
      bytes.push(Number.parseInt(oct, 8));
    } else throw new Error(INVALID);
  }
  if (quote === "'" && runes !== 1) throw new Error(INVALID);
  return new TextDecoder().decode(new Uint8Array(bytes));
}

/** A numeric constant: Go's `parse.NumberNode` facts (which types the literal can take). */
export interface GoNumber {
  text: string;
  isInt: boolean;
  isUint: boolean;
  isFloat: boolean;
  int: bigint;
  float: number;
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;

/**
 * Parses a number or character constant like Go's `parse.newNumber`; throws Go's message
 * (`illegal number syntax: "1x"`, `integer overflow: "99999999999999999999"`) when invalid.
 *
 * @example parseGoNumber('0x10').int // 16n
 */
export function parseGoNumber(text: string): GoNumber {
  const n: GoNumber = { text, isInt: false, isUint: false, isFloat: false, int: 0n, float: 0 };
  if (text.startsWith("'")) {
    const rune = goUnquote(text).codePointAt(0) ?? 0;
    return { ...n, isInt: true, isUint: true, isFloat: true, int: BigInt(rune), float: rune };
  }
  const int = parseGoInt(text);
  if (int !== undefined) {
    n.isInt = int >= INT64_MIN && int <= INT64_MAX;
    n.isUint = int >= 0n && int <= UINT64_MAX;
  }
  if (n.isInt || n.isUint) {
    n.int = int as bigint;
    n.isFloat = true;
    n.float = Number(n.int);
    return n;
  }
  const f = parseGoFloat(text);
  if (f === undefined) throw new Error(`illegal number syntax: ${JSON.stringify(text)}`);
  if (!/[.eEpP]/.test(text) || (/^[+-]?0[xX]/.test(text) && !/[pP]/.test(text))) {
    throw new Error(`integer overflow: ${JSON.stringify(text)}`);
  }
  n.isFloat = true;
  n.float = f;
  if (Number.isInteger(f) && Math.abs(f) < 2 ** 63) {
    n.isInt = true;
    n.int = BigInt(f);
  }
  return n;
}

/** `strconv.ParseInt(text, 0, ...)` without the range check; undefined when not an integer. */
function parseGoInt(text: string): bigint | undefined {
  const m = /^([+-]?)(.*)$/.exec(text) as RegExpExecArray;
  const sign = m[1] === '-' ? -1n : 1n;
  const body = m[2] as string;
  const forms: Array<[RegExp, (s: string) => string]> = [
    [/^0[xX](_?[0-9a-fA-F])+$/, (s) => `0x${s.slice(2)}`],
    [/^0[oO](_?[0-7])+$/, (s) => `0o${s.slice(2)}`],
    [/^0[bB](_?[01])+$/, (s) => `0b${s.slice(2)}`],
    [/^0(_?[0-7])*$/, (s) => `0o${s.slice(1) || '0'}`],
    [/^[1-9](_?[0-9])*$/, (s) => s],
  ];
  for (const [re, norm] of forms) {
    if (re.test(body)) return sign * BigInt(norm(body).replaceAll('_', ''));
  }
  return undefined;
}

/** `strconv.ParseFloat(text, 64)` for decimal and hexadecimal floats; undefined when invalid. */
function parseGoFloat(text: string): number | undefined {
  const digits = '[0-9](_?[0-9])*';
  const dec = new RegExp(`^[+-]?((${digits})(\\.(${digits})?)?|\\.${digits})([eE][+-]?${digits})?$`);
  if (dec.test(text)) return Number(text.replaceAll('_', ''));
  const hex = /^([+-]?)0[xX]([0-9a-fA-F_]*)(?:\.([0-9a-fA-F_]*))?[pP]([+-]?[0-9_]+)$/.exec(text);
  if (!hex) return undefined;
  const intPart = (hex[2] ?? '').replaceAll('_', '');
  const frac = (hex[3] ?? '').replaceAll('_', '');
  if (intPart === '' && frac === '') return undefined;
  const mantissa = Number.parseInt(`${intPart}${frac}` || '0', 16);
  const value = mantissa * 2 ** (Number((hex[4] as string).replaceAll('_', '')) - 4 * frac.length);
  return hex[1] === '-' ? -value : value;
}
