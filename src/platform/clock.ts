/**
 * The platform clock: the one place tailyard reads the wall clock for what it stores or decides
 * on — paste expiry and burning, the identity provider's codes, tokens, refresh families and key
 * rotation, link timestamps and `.Now`, the SQL query log, audit entries, migration and backup
 * stamps. Apps get it as `ctx.clock`; platform code that runs without an app context (audit,
 * storage, backup, CLI commands) imports `platformClock`.
 *
 * Tests fix it with `TAILYARD_TEST_CLOCK=<RFC 3339 instant>` (the compatibility replay runs a
 * fixture's transcript at the fixture's time). It is honoured only when `NODE_ENV=test`: a stray
 * variable in production would freeze time, so no paste would expire, no code or token would
 * lapse and no key would rotate — a silent security failure, not a setting. Read on every call,
 * so a test may move it between requests.
 *
 * Timeouts, deadlines and rate limits measure elapsed time, not the date, and keep reading
 * `Date.now()`/`performance.now()` directly: a frozen clock must not stall them.
 *
 * @example
 *   const expires = new Date(ctx.clock.now().getTime() + 3600_000).toISOString();
 *   const iat = ctx.clock.seconds();
 */
/** The wall clock as tailyard reads it. */
export interface Clock {
  /** The current instant. */
  now(): Date;
  /** The current time in Unix milliseconds. */
  millis(): number;
  /** The current time in whole Unix seconds (JWT `iat`/`exp`, the identity provider's rows, golink). */
  seconds(): number;
}

export const TEST_CLOCK_ENV = 'TAILYARD_TEST_CLOCK';

/** A clock reading `millis` (`Date.now` unless given): the base of every other. */
export function clockOf(millis: () => number = Date.now): Clock {
  return { now: () => new Date(millis()), millis, seconds: () => Math.floor(millis() / 1000) };
}

/** A clock stopped at `at`. */
export function fixedClock(at: Date | string): Clock {
  const t = typeof at === 'string' ? parseInstant(at, 'fixed clock') : at.getTime();
  return clockOf(() => t);
}

/**
 * The fixed instant `env` asks for, or undefined for the real clock. Throws on a value that is
 * not an RFC 3339 instant with a zone, and on one set outside tests (see the header for why).
 *
 * @example testClockMillis({ NODE_ENV: 'test', TAILYARD_TEST_CLOCK: '2026-12-07T12:00:00Z' }) // 1796644800000
 */
export function testClockMillis(env: NodeJS.ProcessEnv): number | undefined {
  const raw = env[TEST_CLOCK_ENV];
  if (raw === undefined || raw === '') return undefined;
  if (env.NODE_ENV !== 'test') {
    throw new Error(
      `${TEST_CLOCK_ENV} is set (${raw}) but NODE_ENV is not "test": a fixed clock would keep every paste, code and token alive forever; unset ${TEST_CLOCK_ENV}`,
    );
  }
  return parseInstant(raw, TEST_CLOCK_ENV);
}

function parseInstant(raw: string, what: string): number {
  const t = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/.test(raw) ? Date.parse(raw) : Number.NaN;
  if (Number.isNaN(t)) throw new Error(`${what}: "${raw}" is not an RFC 3339 instant such as 2026-12-07T12:00:00Z`);
  return t;
}

// Parsed once per distinct setting: the variables are read on every call so tests can move the clock.
let parsed: { key: string; millis: number | undefined } = { key: '', millis: undefined };

function platformMillis(): number {
  const raw = process.env[TEST_CLOCK_ENV];
  if (raw === undefined || raw === '') return Date.now();
  const key = `${process.env.NODE_ENV} ${raw}`;
  if (key !== parsed.key) parsed = { key, millis: testClockMillis(process.env) };
  return parsed.millis ?? Date.now();
}

/** The process's clock: real time, or the test clock (`TAILYARD_TEST_CLOCK` under `NODE_ENV=test`). */
export const platformClock: Clock = clockOf(platformMillis);
