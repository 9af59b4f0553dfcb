/**
 * A linear-time matcher for Go's RE2 regexp syntax, backing golink's `Match` template function.
 *
 * Why not translate to a JavaScript RegExp? JS regexps backtrack, so a link owner could save a
 * pattern like `(a+)+$` that hangs the server on every click (ReDoS). Instead this parses RE2
 * syntax (the subset Go accepts: classes, `\d \w \s \b \pL \Q..\E`, POSIX `[[:alpha:]]`, flags
 * `(?i) (?m) (?s) (?U)`, named groups, counted repeats up to 1000) into a Thompson NFA and
 * simulates it (Pike's method without captures), which is O(pattern × input) whatever the
 * pattern. Backreferences and lookaround do not exist in RE2 and are rejected, as in Go.
 *
 * Guards: patterns longer than {@link MAX_PATTERN} chars or compiling to more than
 * {@link MAX_STATES} NFA states count as invalid (so `Match` is false, like any bad pattern in
 * golink); inputs longer than {@link MAX_INPUT} code points throw, which ends the template run.
 * Within those guards one call can still cost 5 000 × 8 193 state visits, so the template run
 * pays for it in steps up front (see `goRegexpMatch`) and a big pattern on a long input is
 * refused before it runs.
 */
import { type Meter, NO_METER } from './budget.js';
import { type Assert, isWordCp, type Re, ReParser, ReSyntaxError } from './resyntax.js';

export const MAX_PATTERN = 1000;
export const MAX_STATES = 5000;
export const MAX_INPUT = 8192;
/** Input positions between two deadline checks (each position visits at most every state once). */
const DEADLINE_EVERY = 16;

type State =
  | { op: 'char'; test: (cp: number) => boolean; next: number }
  | { op: 'split'; a: number; b: number }
  | { op: 'assert'; kind: Assert; next: number }
  | { op: 'match' };

/** Compiles the tree into NFA states, back to front; returns the start state. */
function compile(re: Re, next: number, states: State[]): number {
  if (states.length > MAX_STATES) throw new ReSyntaxError('expression too large');
  const push = (s: State): number => states.push(s) - 1;
  switch (re.t) {
    case 'char':
      return push({ op: 'char', test: re.test, next });
    case 'assert':
      return push({ op: 'assert', kind: re.kind, next });
    case 'cat':
      return re.items.reduceRight((n, item) => compile(item, n, states), next);
    case 'alt': {
      const starts = re.items.map((item) => compile(item, next, states));
      return starts.reduceRight((b, a) => push({ op: 'split', a, b }));
    }
    case 'rep': {
      let tail = next;
      if (re.max === Number.POSITIVE_INFINITY) {
        const loop = push({ op: 'split', a: -1, b: next });
        (states[loop] as { a: number }).a = compile(re.sub, loop, states);
        tail = loop;
      } else {
        for (let k = re.min; k < re.max; k++) tail = push({ op: 'split', a: compile(re.sub, tail, states), b: tail });
      }
      for (let k = 0; k < re.min; k++) tail = compile(re.sub, tail, states);
      return tail;
    }
  }
}

interface Program {
  states: State[];
  start: number;
}

/** A pattern's program (none when it is invalid) and the states compiling it built. */
interface Compiled {
  prog: Program | undefined;
  cost: number;
}

const cache = new Map<string, Compiled>();

function program(pattern: string): Compiled {
  const cached = cache.get(pattern);
  if (cached) return cached;
  const states: State[] = [{ op: 'match' }];
  let prog: Program | undefined;
  try {
    if (pattern.length > MAX_PATTERN) throw new ReSyntaxError('expression too large');
    const start = compile(new ReParser(pattern).parse(), 0, states);
    prog = { states, start };
  } catch (e) {
    if (!(e instanceof ReSyntaxError)) throw e;
  }
  if (cache.size >= 256) cache.delete(cache.keys().next().value as string);
  const compiled = { prog, cost: states.length };
  cache.set(pattern, compiled);
  return compiled;
}

/**
 * Reports whether `s` contains a match of RE2 `pattern`, like golink's `Match` (Go's
 * `regexp.MatchString` with errors mapped to false). Throws if `s` exceeds {@link MAX_INPUT}.
 *
 * The simulation visits each state at most once per input position, so before it runs it
 * charges `meter` the pattern's length (parsing), its states (compiling) and states ×
 * (UTF-16 units + 1) steps (at least one unit per position), and it checks the deadline every
 * {@link DEADLINE_EVERY} positions.
 *
 * @example goRegexpMatch('\\d+', 'abc123') // true
 */
export function goRegexpMatch(pattern: string, s: string, meter: Meter = NO_METER): boolean {
  meter.work(pattern.length + 1);
  const { prog, cost } = program(pattern);
  // Compiling is bounded by MAX_STATES; its cost is charged on every call, cached or not, so the
  // count does not depend on what other runs compiled (and a pattern too large to compile pays).
  meter.work(cost);
  if (!prog) return false;
  const { states, start } = prog;
  // A code point is one or two UTF-16 units: refuse a long input before splitting it, and
  // charge the positions (at most one per unit) before building the array of code points.
  if (s.length > 2 * MAX_INPUT) throw new Error(`Match input longer than ${MAX_INPUT} characters`);
  meter.work(states.length * (s.length + 1));
  const input = Array.from(s, (c) => c.codePointAt(0) ?? 0);
  if (input.length > MAX_INPUT) throw new Error(`Match input longer than ${MAX_INPUT} characters`);
  const seen = new Int32Array(states.length).fill(-1);
  const holds = (kind: Assert, pos: number): boolean => {
    const prev = input[pos - 1];
    const cur = input[pos];
    switch (kind) {
      case 'bot':
        return pos === 0;
      case 'eot':
        return pos === input.length;
      case 'bol':
        return pos === 0 || prev === 10;
      case 'eol':
        return pos === input.length || cur === 10;
      case 'word':
        return isWordCp(prev) !== isWordCp(cur);
      case 'nonword':
        return isWordCp(prev) === isWordCp(cur);
    }
  };
  /** Adds `from` and every state reachable by empty moves at `pos` to `list`; true on match. */
  const add = (list: number[], from: number, pos: number): boolean => {
    const stack = [from];
    while (stack.length > 0) {
      const id = stack.pop() as number;
      if (seen[id] === pos) continue;
      seen[id] = pos;
      const st = states[id] as State;
      if (st.op === 'match') return true;
      if (st.op === 'split') stack.push(st.b, st.a);
      else if (st.op === 'assert') {
        if (holds(st.kind, pos)) stack.push(st.next);
      } else list.push(id);
    }
    return false;
  };
  let current: number[] = [];
  for (let pos = 0; pos <= input.length; pos++) {
    if (pos % DEADLINE_EVERY === 0) meter.deadline();
    if (add(current, start, pos)) return true;
    if (pos === input.length) break;
    const cp = input[pos] as number;
    const next: number[] = [];
    for (const id of current) {
      const st = states[id] as State & { op: 'char' };
      if (st.test(cp) && add(next, st.next, pos + 1)) return true;
    }
    current = next;
  }
  return false;
}
