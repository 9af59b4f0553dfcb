/**
 * How a replayed answer is held to a recorded one: exactly, except for what is random by design
 * and what docs/stability.md lets change.
 *
 * - Random values (JWTs, UUIDs, hex and base64url tokens — ids, secrets, codes, signatures,
 *   nonces) are compared by shape: the same kind and length. Timestamps are exact, because the
 *   clock is fixed; durations measured on the real clock (`elapsed…`) are compared by type.
 * - HTML pages are not a stable interface: only their status and content type are compared.
 * - Everything else — statuses, the recorded headers, JSON (key order included), text bodies,
 *   CLI exit codes and output — must be equal after the masking above.
 *
 * @example
 *   const diffs = compareHttp(recorded, replayed); // [] when compatible
 */
import type { CliResult } from './suite-process.js';
import type { HttpAnswer } from './transcript.js';

const VOLATILE: Array<[string, RegExp]> = [
  ['jwt', /eyJ[\w-]+\.eyJ[\w-]*\.[\w-]+/g],
  ['uuid', /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi],
  ['hex', /\b[0-9a-f]{16,}\b/g],
  // base64url tokens: long runs holding both a digit and a letter (words and paths never match).
  ['token', /(?<![\w-])(?=[\w-]*\d)(?=[\w-]*[A-Za-z])[\w-]{20,}(?![\w-])/g],
];

/** `s` with each random-looking token replaced by its kind and length. */
export function maskVolatile(s: string): string {
  let out = s;
  for (const [kind, re] of VOLATILE) out = out.replace(re, (m) => `<${kind}:${m.length}>`);
  return out;
}

const MEASURED = /^(elapsed|duration|took)/i;

/** Where `actual` differs from `expected` (JSON values), each as `path: expected → actual`. */
export function compareJson(expected: unknown, actual: unknown, path = '$'): string[] {
  if (typeof expected === 'string' && typeof actual === 'string') {
    return maskVolatile(expected) === maskVolatile(actual) ? [] : [`${path}: ${JSON.stringify(expected)} → ${JSON.stringify(actual)}`];
  }
  if (Array.isArray(expected) && Array.isArray(actual)) {
    if (expected.length !== actual.length) return [`${path}: ${expected.length} items → ${actual.length}`];
    return expected.flatMap((e, i) => compareJson(e, actual[i], `${path}[${i}]`));
  }
  if (isObject(expected) && isObject(actual)) {
    const ek = Object.keys(expected);
    const ak = Object.keys(actual);
    if (ek.join('\0') !== ak.join('\0')) return [`${path}: keys ${JSON.stringify(ek)} → ${JSON.stringify(ak)}`];
    return ek.flatMap((k) => {
      const [e, a] = [expected[k], actual[k]];
      if (MEASURED.test(k)) return typeof e === typeof a ? [] : [`${path}.${k}: a ${typeof e} → a ${typeof a}`];
      return compareJson(e, a, `${path}.${k}`);
    });
  }
  return Object.is(expected, actual) ? [] : [`${path}: ${JSON.stringify(expected)} → ${JSON.stringify(actual)}`];
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function compareText(what: string, expected: string, actual: string): string[] {
  if (maskVolatile(expected) === maskVolatile(actual)) return [];
  const e = maskVolatile(expected).split('\n');
  const a = maskVolatile(actual).split('\n');
  const i = e.findIndex((line, n) => line !== a[n]);
  const at = i < 0 ? e.length : i;
  return [`${what}, line ${at + 1}: ${JSON.stringify(e[at] ?? '<end>')} → ${JSON.stringify(a[at] ?? '<end>')}`];
}

function parsesAsJson(type: string | undefined): boolean {
  return /^application\/([a-z.+-]*\+)?json\b/.test(type ?? '');
}

/** Where a replayed HTTP answer differs from the recorded one. */
export function compareHttp(expected: HttpAnswer, actual: HttpAnswer): string[] {
  const type = expected.headers['content-type'];
  if (expected.status !== actual.status) return [`status ${expected.status} → ${actual.status}: ${(actual.body ?? '').slice(0, 200)}`];
  if (type !== actual.headers['content-type']) return [`content-type ${type} → ${actual.headers['content-type']}`];
  if (type?.startsWith('text/html')) return [];
  const diffs: string[] = [];
  for (const name of new Set([...Object.keys(expected.headers), ...Object.keys(actual.headers)])) {
    diffs.push(...compareText(`header ${name}`, expected.headers[name] ?? '<none>', actual.headers[name] ?? '<none>'));
  }
  if (expected.sha256 !== undefined || actual.sha256 !== undefined) {
    if (expected.sha256 !== actual.sha256) diffs.push(`body sha256 ${expected.sha256} → ${actual.sha256}`);
    return diffs;
  }
  if (parsesAsJson(type) && expected.body && actual.body) {
    try {
      return [...diffs, ...compareJson(JSON.parse(expected.body), JSON.parse(actual.body)).map((d) => `body ${d}`)];
    } catch {
      // Not JSON after all (an error text sent as JSON): compared as text below.
    }
  }
  return [...diffs, ...compareText('body', expected.body ?? '', actual.body ?? '')];
}

/**
 * Where a replayed CLI run differs from the recorded one. Log lines a CLI writes to stderr (pino's
 * JSON: `level`, `time`, `pid`, `msg`) are left out: log wording is not stable (docs/stability.md).
 */
export function compareCli(expected: CliResult, actual: CliResult): string[] {
  const diffs = expected.exit === actual.exit ? [] : [`exit ${expected.exit} → ${actual.exit}: ${actual.stderr.slice(0, 300)}`];
  return [...diffs, ...compareText('stdout', expected.stdout, actual.stdout), ...compareText('stderr', withoutLogLines(expected.stderr), withoutLogLines(actual.stderr))];
}

function withoutLogLines(text: string): string {
  return text
    .split('\n')
    .filter((line) => !isLogLine(line))
    .join('\n');
}

function isLogLine(line: string): boolean {
  if (!line.startsWith('{"level":')) return false;
  try {
    const v = JSON.parse(line) as { level?: unknown; msg?: unknown };
    return typeof v.level === 'number' && typeof v.msg === 'string';
  } catch {
    return false;
  }
}
