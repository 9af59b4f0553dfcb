/**
 * The parser of Go's RE2 regexp syntax behind `regexp.ts`: classes, `\d \w \s \b \pL \Q..\E`,
 * POSIX `[[:alpha:]]`, flags `(?i) (?m) (?s) (?U)`, named groups and counted repeats up to
 * 1000, into a small tree the matcher compiles. Anything Go refuses (backreferences,
 * lookaround, bad escapes) throws {@link ReSyntaxError}.
 *
 * @example new ReParser('a|b').parse() // { t: 'alt', items: [...] }
 */

export type Assert = 'bol' | 'eol' | 'bot' | 'eot' | 'word' | 'nonword';
export type Re =
  | { t: 'char'; test: (cp: number) => boolean }
  | { t: 'assert'; kind: Assert }
  | { t: 'cat'; items: Re[] }
  | { t: 'alt'; items: Re[] }
  | { t: 'rep'; sub: Re; min: number; max: number };

interface Flags {
  i: boolean;
  m: boolean;
  s: boolean;
}

export class ReSyntaxError extends Error {}

export const isWordCp = (cp: number | undefined): boolean =>
  cp !== undefined && ((cp >= 48 && cp <= 57) || (cp >= 65 && cp <= 90) || (cp >= 97 && cp <= 122) || cp === 95);

const ranges =
  (...rs: Array<[number, number]>) =>
  (cp: number): boolean =>
    rs.some(([lo, hi]) => cp >= lo && cp <= hi);

const perlClasses: Readonly<Record<string, (cp: number) => boolean>> = {
  d: ranges([48, 57]),
  s: ranges([9, 10], [12, 13], [32, 32]),
  w: ranges([48, 57], [65, 90], [97, 122], [95, 95]),
};

const posixClasses: Readonly<Record<string, (cp: number) => boolean>> = {
  alnum: ranges([48, 57], [65, 90], [97, 122]),
  alpha: ranges([65, 90], [97, 122]),
  ascii: ranges([0, 127]),
  blank: ranges([9, 9], [32, 32]),
  cntrl: ranges([0, 31], [127, 127]),
  digit: ranges([48, 57]),
  graph: ranges([33, 126]),
  lower: ranges([97, 122]),
  print: ranges([32, 126]),
  punct: ranges([33, 47], [58, 64], [91, 96], [123, 126]),
  space: ranges([9, 13], [32, 32]),
  upper: ranges([65, 90]),
  word: ranges([48, 57], [65, 90], [97, 122], [95, 95]),
  xdigit: ranges([48, 57], [65, 70], [97, 102]),
};

/** A Unicode class `\pL` / `\p{Greek}` tested with a single-code-point JS regexp (no backtracking risk). */
function unicodeClass(name: string): (cp: number) => boolean {
  if (name === 'Any') return () => true;
  if (!/^[A-Za-z_]+$/.test(name)) throw new ReSyntaxError('invalid character class range');
  for (const src of [`\\p{${name}}`, `\\p{Script=${name}}`]) {
    try {
      const re = new RegExp(`^${src}$`, 'u');
      return (cp) => re.test(String.fromCodePoint(cp));
    } catch {
      // try the next spelling
    }
  }
  throw new ReSyntaxError('invalid character class range');
}

const fold = (cp: number): number[] => {
  const c = String.fromCodePoint(cp);
  return [cp, c.toLowerCase().codePointAt(0) ?? cp, c.toUpperCase().codePointAt(0) ?? cp];
};

export class ReParser {
  private i = 0;
  private flags: Flags = { i: false, m: false, s: false };
  constructor(private readonly src: string) {}

  parse(): Re {
    const re = this.alt();
    if (this.i < this.src.length) throw new ReSyntaxError('unexpected )');
    return re;
  }

  private peek(): string | undefined {
    return this.src[this.i];
  }
  private take(): string {
    const cp = this.src.codePointAt(this.i);
    if (cp === undefined) throw new ReSyntaxError('trailing backslash at end of expression');
    const c = String.fromCodePoint(cp);
    this.i += c.length;
    return c;
  }

  private alt(): Re {
    const items = [this.concat()];
    while (this.peek() === '|') {
      this.i++;
      items.push(this.concat());
    }
    return items.length === 1 ? (items[0] as Re) : { t: 'alt', items };
  }

  private concat(): Re {
    const items: Re[] = [];
    while (this.i < this.src.length && this.peek() !== '|' && this.peek() !== ')') {
      const atom = this.atom();
      if (!atom) continue;
      let rep = this.repeat(atom);
      if (rep !== atom && this.repeatAhead()) throw new ReSyntaxError('invalid nested repetition operator');
      items.push(rep);
      rep = atom;
    }
    return items.length === 1 ? (items[0] as Re) : { t: 'cat', items };
  }

  /** Parses `{n}`, `{n,}` or `{n,m}` at the cursor without consuming; undefined if not a repeat. */
  private counted(): { min: number; max: number; len: number } | undefined {
    const m = /^\{(\d+)(,(\d*))?\}/.exec(this.src.slice(this.i));
    if (!m) return undefined;
    const min = Number(m[1]);
    const max = m[2] === undefined ? min : m[3] === '' ? Number.POSITIVE_INFINITY : Number(m[3]);
    if (min > 1000 || (max !== Number.POSITIVE_INFINITY && (max > 1000 || max < min))) {
      throw new ReSyntaxError('invalid repeat count');
    }
    return { min, max, len: m[0].length };
  }

  private repeatAhead(): boolean {
    const c = this.peek();
    return c === '*' || c === '+' || c === '?' || (c === '{' && this.counted() !== undefined);
  }

  private repeat(atom: Re): Re {
    const c = this.peek();
    let min: number;
    let max: number;
    if (c === '*' || c === '+' || c === '?') {
      this.i++;
      [min, max] = c === '*' ? [0, Number.POSITIVE_INFINITY] : c === '+' ? [1, Number.POSITIVE_INFINITY] : [0, 1];
    } else {
      const counted = c === '{' ? this.counted() : undefined;
      if (!counted) return atom;
      this.i += counted.len;
      ({ min, max } = counted);
    }
    if (this.peek() === '?') this.i++;
    return { t: 'rep', sub: atom, min, max };
  }

  private literal(cp: number): Re {
    if (!this.flags.i) return { t: 'char', test: (x) => x === cp };
    const forms = fold(cp);
    return { t: 'char', test: (x) => fold(x).some((f) => forms.includes(f)) };
  }

  private classOf(test: (cp: number) => boolean): Re {
    return { t: 'char', test: this.flags.i ? (x) => fold(x).some(test) : test };
  }

  private atom(): Re | undefined {
    const c = this.take();
    switch (c) {
      case '(':
        return this.group();
      case ')':
        throw new ReSyntaxError('unexpected )');
      case '[':
        return this.classOf(this.bracket());
      case '.':
        return this.flags.s ? { t: 'char', test: () => true } : { t: 'char', test: (x) => x !== 10 };
      case '^':
        return { t: 'assert', kind: this.flags.m ? 'bol' : 'bot' };
      case '$':
        return { t: 'assert', kind: this.flags.m ? 'eol' : 'eot' };
      case '*':
      case '+':
      case '?':
        throw new ReSyntaxError('missing argument to repetition operator');
      case '{':
        this.i--;
        if (this.counted()) throw new ReSyntaxError('missing argument to repetition operator');
        this.i++;
        return this.literal(123);
      case '\\':
        return this.escape();
    }
    return this.literal(c.codePointAt(0) ?? 0);
  }

  private group(): Re | undefined {
    const saved = { ...this.flags };
    if (this.src.startsWith('?', this.i)) {
      const named = /^\?P?<([A-Za-z0-9_]+)>/.exec(this.src.slice(this.i));
      if (named) this.i += named[0].length;
      else {
        const m = /^\?([imsU]*)(?:-([imsU]*))?([:)])/.exec(this.src.slice(this.i));
        if (!m || (m[2] !== undefined && m[2] === '') || (m[1] === '' && m[2] === undefined && m[3] === ')')) {
          throw new ReSyntaxError('invalid or unsupported Perl syntax');
        }
        this.i += m[0].length;
        for (const f of m[1] ?? '') if (f !== 'U') this.flags[f as keyof Flags] = true;
        for (const f of m[2] ?? '') if (f !== 'U') this.flags[f as keyof Flags] = false;
        if (m[3] === ')') return undefined;
      }
    }
    const sub = this.alt();
    if (this.peek() !== ')') throw new ReSyntaxError('missing closing )');
    this.i++;
    this.flags = saved;
    return sub;
  }

  /** An escape outside brackets. */
  private escape(): Re {
    const c = this.take();
    switch (c) {
      case 'A':
        return { t: 'assert', kind: 'bot' };
      case 'z':
        return { t: 'assert', kind: 'eot' };
      case 'b':
        return { t: 'assert', kind: 'word' };
      case 'B':
        return { t: 'assert', kind: 'nonword' };
      case 'Q': {
        const end = this.src.indexOf('\\E', this.i);
        const text = this.src.slice(this.i, end < 0 ? undefined : end);
        this.i = end < 0 ? this.src.length : end + 2;
        const items = Array.from(text, (ch) => this.literal(ch.codePointAt(0) ?? 0));
        return items.length === 1 ? (items[0] as Re) : { t: 'cat', items };
      }
    }
    this.i -= c.length + 1;
    return this.classOf(this.classEscape());
  }

  /** An escape that stands for a set of code points (valid inside and outside brackets). */
  private classEscape(): (cp: number) => boolean {
    this.i++;
    const c = this.take();
    const perl = perlClasses[c.toLowerCase()];
    if (perl) return c === c.toLowerCase() ? perl : (x) => !perl(x);
    if (c === 'p' || c === 'P') {
      let name: string;
      if (this.peek() === '{') {
        const end = this.src.indexOf('}', this.i);
        if (end < 0) throw new ReSyntaxError('invalid character class range');
        name = this.src.slice(this.i + 1, end);
        this.i = end + 1;
      } else name = this.take();
      const negate = (c === 'P') !== name.startsWith('^');
      const test = unicodeClass(name.replace(/^\^/, ''));
      return negate ? (x) => !test(x) : test;
    }
    const cp = this.escapedCodePoint(c);
    return (x) => x === cp;
  }

  private escapedCodePoint(c: string): number {
    const simple: Readonly<Record<string, number>> = { a: 7, f: 12, t: 9, n: 10, r: 13, v: 11 };
    if (simple[c] !== undefined) return simple[c];
    if (c === 'x') {
      const m = /^(\{([0-9a-fA-F]{1,6})\}|[0-9a-fA-F]{2})/.exec(this.src.slice(this.i));
      const cp = m ? Number.parseInt(m[2] ?? m[1] ?? '', 16) : Number.NaN;
      if (!m || cp > 0x10ffff) throw new ReSyntaxError('invalid escape sequence');
      this.i += m[0].length;
      return cp;
    }
    if (c >= '0' && c <= '7') {
      const m = /^[0-7]{0,2}/.exec(this.src.slice(this.i)) as RegExpExecArray;
      if (c !== '0' && m[0] === '') throw new ReSyntaxError('invalid escape sequence');
      this.i += m[0].length;
      return Number.parseInt(c + m[0], 8);
    }
    const cp = c.codePointAt(0) ?? 0;
    if (cp < 0x80 && !/[0-9A-Za-z]/.test(c)) return cp;
    throw new ReSyntaxError('invalid escape sequence');
  }

  /** A bracket expression after `[`; returns its membership test. */
  private bracket(): (cp: number) => boolean {
    const negate = this.peek() === '^';
    if (negate) this.i++;
    const parts: Array<(cp: number) => boolean> = [];
    let first = true;
    for (;;) {
      const c = this.peek();
      if (c === undefined) throw new ReSyntaxError('missing closing ]');
      if (c === ']' && !first) break;
      first = false;
      const posix = /^\[:(\^?)([a-z]+):\]/.exec(this.src.slice(this.i));
      if (posix) {
        const test = posixClasses[posix[2] as string];
        if (!test) throw new ReSyntaxError('invalid character class range');
        parts.push(posix[1] ? (x) => !test(x) : test);
        this.i += posix[0].length;
        continue;
      }
      const lo = this.bracketAtom();
      if (typeof lo !== 'number') {
        parts.push(lo);
        continue;
      }
      if (this.peek() === '-' && this.src[this.i + 1] !== ']' && this.src[this.i + 1] !== undefined) {
        this.i++;
        const hi = this.bracketAtom();
        if (typeof hi !== 'number' || hi < lo) throw new ReSyntaxError('invalid character class range');
        parts.push((x) => x >= lo && x <= hi);
      } else parts.push((x) => x === lo);
    }
    this.i++;
    return negate ? (x) => !parts.some((p) => p(x)) : (x) => parts.some((p) => p(x));
  }

  /** One bracket item: a code point (possible range end) or a class escape such as `\d`. */
  private bracketAtom(): number | ((cp: number) => boolean) {
    if (this.peek() !== '\\') return this.take().codePointAt(0) ?? 0;
    const c = this.src[this.i + 1] ?? '';
    if (/^[dDsSwWpP]$/.test(c)) return this.classEscape();
    this.i += 2;
    if (c === '') throw new ReSyntaxError('trailing backslash at end of expression');
    return this.escapedCodePoint(c);
  }
}
