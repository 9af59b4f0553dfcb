/**
 * `expandLink` for the redirect hot path: the same result as `resolve.ts`'s `expandLink`, but
 * each destination is parsed once (templates cached by their text), plain destinations skip the
 * template engine, and a destination already known to be a valid URL is not parsed again.
 *
 * `expand.test.ts` checks it against `expandLink` case by case.
 *
 * @example
 *   const x = new LinkExpander();
 *   x.expand('https://docs.example', { path: 'a/b', query: 'x=1' }) // 'https://docs.example/a/b?x=1'
 */
import { encodeQuery, parseQuery } from './template/goescape.js';
import { parseGoURL } from './template/gourl.js';
import { type ExpandEnv, expandData } from './resolve.js';
import { linkFuncs, parseTemplate, type Template } from './template/index.js';

/** Bounds on the caches (entries); beyond them the oldest half is dropped. */
const MAX_TEMPLATES = 5000;
const MAX_VALID = 20_000;

function trim<K, V>(m: Map<K, V> | Set<K>, max: number): void {
  if (m.size < max) return;
  let drop = m.size / 2;
  for (const k of m.keys()) {
    if (drop-- <= 0) break;
    m.delete(k);
  }
}

export class LinkExpander {
  private readonly templates = new Map<string, Template>();
  private readonly valid = new Set<string>();

  /** The parsed template of a destination with `{{` (throws TemplateParseError). */
  private template(long: string): Template {
    let t = this.templates.get(long);
    if (!t) {
      t = parseTemplate(long, { funcs: linkFuncs });
      trim(this.templates, MAX_TEMPLATES);
      this.templates.set(long, t);
    }
    return t;
  }

  /**
   * Expands a destination for a request (see `expandLink` in resolve.ts for the rules and errors).
   *
   * @example new LinkExpander().expand('/rel?a=1', { query: 'a=2&b=2' }) // '/rel?a=1&a=2&b=2'
   */
  expand(long: string, env: ExpandEnv): string {
    let out: string;
    if (long.includes('{{')) out = this.template(long).execute(expandData(env));
    else {
      const path = env.path ?? '';
      out = long.endsWith('/') ? long + path : path === '' ? long : `${long}/${path}`;
    }
    const query = env.query ?? '';
    if (query === '' && this.valid.has(out)) return out;
    const url = parseGoURL(out);
    const extra = parseQuery(query);
    if (extra.size === 0) {
      trim(this.valid, MAX_VALID);
      this.valid.add(out);
      return out;
    }
    const merged = parseQuery(url.rawQuery ?? '');
    for (const [key, values] of extra) merged.set(key, [...(merged.get(key) ?? []), ...values]);
    return `${url.base}?${encodeQuery(merged)}${url.rawFragment === undefined ? '' : `#${url.rawFragment}`}`;
  }
}
