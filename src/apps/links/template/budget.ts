/**
 * Resource accounting for one template run: link templates are code written by any tailnet
 * user, so a run may spend only a fixed amount of memory and work, and must be refused *before*
 * it spends more, not after.
 *
 * Two counters, both deterministic (tests assert them instead of timings):
 * - **bytes**: the UTF-8 size of every string the run produces (function and method results,
 *   `printf` pieces, concatenations, the output), charged before the string is built. Values are
 *   never credited back, so the total bounds what one run can make the process hold. Working
 *   buffers of a builtin are proportional to strings already charged.
 * - **steps**: one per node walked or command run (the evaluator's own count), plus the work of
 *   builtins, charged before they do it: one step per {@link SCAN_BYTES_PER_STEP} bytes a native
 *   routine reads (`len`, `index`, `eq`, `ToUpper`…), one per {@link LOOP_CHARS_PER_STEP}
 *   characters a JavaScript loop visits (`html`, `js`, `urlquery`, `%q`, `PathEscape`…), one per
 *   layout character for `.Now.Format`, and states × input length for `Match`.
 *
 * The wall-clock deadline is a backstop, checked every 256 steps and inside long builtin loops.
 *
 * @example
 *   const b = new Budget({ maxBytes: 1024, maxSteps: 100, deadlineMs: 100 });
 *   b.bytes(1000); b.bytes(100) // throws LimitExceeded: limit 'bytes'
 */

/** Which bound a run or a parse hit. */
export type LimitName = 'bytes' | 'steps' | 'deadline' | 'output' | 'depth' | 'source' | 'nesting' | 'actions';

/** What a run has charged so far. */
export interface Usage {
  bytes: number;
  steps: number;
}

/** Bytes a builtin may read for one step of work when a native routine reads them. */
export const SCAN_BYTES_PER_STEP = 64;
/** Characters a builtin may handle for one step when a JavaScript loop visits each (escapes). */
export const LOOP_CHARS_PER_STEP = 4;

/**
 * A limit reached inside the engine; the evaluator turns it into a `TemplateLimitError` that
 * names the template position.
 */
export class LimitExceeded extends Error {
  override readonly name = 'LimitExceeded';
  constructor(
    readonly limit: LimitName,
    message: string,
  ) {
    super(message);
  }
}

/** What a builtin charges its work and results to. */
export interface Meter {
  /** Charges `n` bytes that are about to be produced. */
  bytes(n: number): void;
  /** Charges the UTF-8 size of `s`, a string about to be produced (or appended to a result). */
  string(s: string): void;
  /** Charges the work of reading `n` bytes (UTF-16 units) with a native routine. */
  scan(n: number): void;
  /** Charges the work of a JavaScript loop over `n` characters (escaping, layout parsing). */
  loop(n: number): void;
  /** Charges `n` steps of work, e.g. `Match`'s states × input length, before doing it. */
  work(n: number): void;
  /** Throws when the run is past its deadline; for loops inside builtins. */
  deadline(): void;
}

/** A meter that charges nothing: for callers outside a template run. */
export const NO_METER: Meter = {
  bytes() {},
  string() {},
  scan() {},
  loop() {},
  work() {},
  deadline() {},
};

/**
 * UTF-8 size of a string, without building the encoding (a lone surrogate counts 3, as
 * its U+FFFD replacement).
 *
 * @example byteLength('é') // 2
 */
export function byteLength(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}

export interface BudgetLimits {
  /** Bytes of strings a run may produce; `Infinity` turns byte and work metering off. */
  maxBytes: number;
  /** Steps a run may take. */
  maxSteps: number;
  /** Wall-clock budget in milliseconds. */
  deadlineMs: number;
}

/**
 * The counters of one run. With `maxBytes: Infinity` only the evaluator's own steps and the
 * deadline are counted (the engine as it was before budgets; benchmarks compare the two).
 */
export class Budget implements Meter {
  private usedBytes = 0;
  private usedSteps = 0;
  private readonly deadlineAt: number;
  /** False when byte and work metering is off. */
  readonly metered: boolean;

  constructor(private readonly limits: BudgetLimits) {
    this.deadlineAt = Date.now() + limits.deadlineMs;
    this.metered = Number.isFinite(limits.maxBytes);
  }

  usage(): Usage {
    return { bytes: this.usedBytes, steps: this.usedSteps };
  }

  /** One evaluator step (a node walked or a command run); checks the deadline every 256. */
  step(): void {
    this.usedSteps++;
    if (this.usedSteps > this.limits.maxSteps) this.stepsExceeded();
    if ((this.usedSteps & 255) === 0) this.deadline();
  }

  bytes(n: number): void {
    if (!this.metered) return;
    this.usedBytes += n;
    if (this.usedBytes > this.limits.maxBytes) {
      throw new LimitExceeded('bytes', `exceeded the ${this.limits.maxBytes}-byte budget (${this.usedBytes} bytes needed)`);
    }
  }

  string(s: string): void {
    if (this.metered) this.bytes(byteLength(s));
  }

  scan(n: number): void {
    if (this.metered) this.work(Math.ceil(n / SCAN_BYTES_PER_STEP));
  }

  loop(n: number): void {
    if (this.metered) this.work(Math.ceil(n / LOOP_CHARS_PER_STEP));
  }

  work(n: number): void {
    if (!this.metered) return;
    const before = this.usedSteps;
    this.usedSteps += n;
    if (this.usedSteps > this.limits.maxSteps) this.stepsExceeded();
    if (Math.floor(before / 256) !== Math.floor(this.usedSteps / 256)) this.deadline();
  }

  /** Refuses up front work that needs at least `n` more steps (e.g. `range` over a big int). */
  reserve(n: number): void {
    if (this.metered && this.usedSteps + n > this.limits.maxSteps) {
      this.usedSteps += n;
      this.stepsExceeded();
    }
  }

  deadline(): void {
    if (Date.now() > this.deadlineAt) throw new LimitExceeded('deadline', `exceeded ${this.limits.deadlineMs}ms deadline`);
  }

  private stepsExceeded(): never {
    throw new LimitExceeded('steps', `exceeded ${this.limits.maxSteps} evaluation steps (${this.usedSteps} needed)`);
  }
}
