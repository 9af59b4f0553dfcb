/**
 * golink's `expandLink` for the redirect hot path: the same `Location` as `resolve.ts`'s
 * `expandURL` + `URL.String()`, but each destination template is parsed once (cached by its
 * text), plain destinations skip the template engine, and the `Location` of an expansion without
 * a request query is remembered instead of parsed and printed again.
 *
 * `expand.test.ts` checks it against `expandURL` case by case.
 *
 * @example
 *   const x = new LinkExpander();
 *   x.location('https://docs.example', { path: 'a b', query: 'x=1' }) // 'https://docs.example/a%20b?x=1'
 */
import { toByteString } from './template/goescape.js';
import { parseURL, urlString } from './template/gourl.js';
import { appendPath, type ExpandEnv, expandData, mergeQuery } from './resolve.js';
import { defaultLimits, type ExecLimits, linkFuncs, parseTemplate, type Template, TemplateParseError } from './template/index.js';

/** Bounds on the caches (entries); beyond them the oldest half is dropped. */
const MAX_TEMPLATES = 5000;
const MAX_LOCATIONS = 20_000;

function trim<K, V>(m: Map<K, V>, max: number): void {
  if (m.size < max) return;
  let drop = m.size / 2;
  for (const k of m.keys()) {
    if (drop-- <= 0) break;
    m.delete(k);
  }
}

/**
 * The limits of one visit: the configured ones, raised in proportion to a long request (its path
 * and query) so that golink's 1 MiB request targets expand as golink expands them: each request
 * byte may cost 4 bytes of output, 16 of strings, one step and a microsecond of the deadline. The
 * request itself is bounded by the listener's header limit, so these stay bounded too.
 *
 * @example visitLimits({ maxOutputBytes: 65536 }, { path: 'a'.repeat(100_000) }).maxOutputBytes // 400000
 */
export function visitLimits(limits: Partial<ExecLimits>, env: ExpandEnv): Partial<ExecLimits> {
  const input = (env.path?.length ?? 0) + (env.query?.length ?? 0);
  const base = { ...defaultLimits, ...limits };
  if (4 * input <= base.maxOutputBytes) return limits;
  return {
    ...limits,
    maxOutputBytes: Math.max(base.maxOutputBytes, 4 * input),
    maxBytes: Math.max(base.maxBytes, 16 * input),
    maxSteps: Math.max(base.maxSteps, input),
    deadlineMs: Math.max(base.deadlineMs, input / 1000),
  };
}

export class LinkExpander {
  /** Parsed templates, and the parse errors of those that fail (visits of a bad link parse once). */
  private readonly templates = new Map<string, Template | TemplateParseError>();
  /** Expansion text → its `Location` when the request had no query. */
  private readonly locations = new Map<string, string>();

  /** `limits` bound every template run (e.g. `maxBytes` from `apps.links.templateBudgetBytes`). */
  constructor(private readonly limits: Partial<ExecLimits> = {}) {}

  /** The parsed template of a destination with `{{` (throws TemplateParseError). */
  private template(long: string): Template {
    let t = this.templates.get(long);
    if (!t) {
      try {
        t = parseTemplate(long, { funcs: linkFuncs });
      } catch (err) {
        if (!(err instanceof TemplateParseError)) throw err;
        t = err;
      }
      trim(this.templates, MAX_TEMPLATES);
      this.templates.set(long, t);
    }
    if (t instanceof TemplateParseError) throw t;
    return t;
  }

  /**
   * The `Location` (a byte string, ready for a Latin-1 header) for a destination and request;
   * throws as `expandURL` in resolve.ts does.
   *
   * @example new LinkExpander().location('/rel?a=1', { query: 'a=2&b=2' }) // '/rel?a=1&a=2&b=2'
   */
  location(long: string, env: ExpandEnv): string {
    const out = long.includes('{{') ? this.template(long).execute(expandData(env), visitLimits(this.limits, env)) : appendPath(long, env.path ?? '');
    const query = env.query ?? '';
    if (query === '') {
      const known = this.locations.get(out);
      if (known !== undefined) return known;
    }
    const location = urlString(mergeQuery(parseURL(toByteString(out)), query));
    if (query === '') {
      trim(this.locations, MAX_LOCATIONS);
      this.locations.set(out, location);
    }
    return location;
  }
}
