/**
 * tailsql's UI rewrite rules (reference §6.3), as configuration: a cell whose column and value
 * match a rule is shown as code, monospace JSON or a link instead of plain text. The first rule
 * that matches and produces something wins; the others are tried in order.
 *
 * Built-ins (tailsql's `uirules`): `sql` (text that looks like SQL → a code block), `json`
 * (valid JSON → monospace), `url` (an http(s) URL → a link), `stripe` (Stripe ids → dashboard
 * links). Custom rules build a link: `{"column": "^user_id$", "value": "^(\\d+)$", "href":
 * "/?src=main&q=select+*+from+users+where+id%3D$1"}` (`$0` is the whole value, `$1`… the groups,
 * URL-escaped). Output is structured, never raw HTML, so the view escapes everything and an
 * `href` is always http(s) or a relative path. Unlike tailsql, NULL cells are never rewritten.
 *
 * @example
 *   const rules = compileRules(['url']);
 *   renderCell(rules, 'homepage', 'https://example.com/') // → { kind: 'link', text: 'https://example.com/', href: 'https://example.com/' }
 */
import type { RewriteRuleSpec } from './config.js';
import { type Cell, cellText } from './format/values.js';

export type Rendered =
  | { kind: 'text'; text: string }
  | { kind: 'null' }
  | { kind: 'code'; text: string }
  | { kind: 'tt'; text: string }
  | { kind: 'link'; text: string; href: string; title?: string };

export interface Rule {
  column?: RegExp;
  value?: RegExp;
  apply(column: string, text: string, match: RegExpExecArray | null): Rendered | undefined;
}

const SQL_TEXT = /\b(select\s+[\s\S]*?(;\s*$|from\b)|create\s+(table|view)\b)/i;
const JSON_HINT = /null|true|false|[{},:[\]]/;
const URL_TEXT = /^https?:\/\/\S+$/;
const STRIPE_ID = /^(cus|in|sub)_[a-zA-Z0-9]+$/;
const STRIPE_KIND: Record<string, [path: string, kind: string]> = {
  cus: ['customers', 'Customer'],
  in: ['invoices', 'Invoice'],
  sub: ['subscriptions', 'Subscription'],
};

/** Is `href` safe to put in a link: http(s), or a path on this site? */
export function safeHref(href: string): boolean {
  if (href.startsWith('/') && !href.startsWith('//')) return true;
  try {
    const u = new URL(href);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

const BUILTINS: Record<Exclude<RewriteRuleSpec, object>, Rule> = {
  sql: { value: SQL_TEXT, apply: (_c, text) => ({ kind: 'code', text }) },
  json: {
    value: JSON_HINT,
    apply: (_c, text) => {
      try {
        JSON.parse(text);
        return { kind: 'tt', text };
      } catch {
        return undefined;
      }
    },
  },
  url: { value: URL_TEXT, apply: (_c, text) => (safeHref(text) ? { kind: 'link', text, href: text } : undefined) },
  stripe: {
    value: STRIPE_ID,
    apply: (_c, text, m) => {
      const [path, kind] = STRIPE_KIND[m?.[1] ?? ''] ?? ['', ''];
      return { kind: 'link', text, href: `https://dashboard.stripe.com/${path}/${text}`, title: `${kind} details in Stripe` };
    },
  },
};

function customRule(spec: Exclude<RewriteRuleSpec, string>): Rule {
  return {
    column: spec.column === undefined ? undefined : new RegExp(spec.column),
    value: spec.value === undefined ? undefined : new RegExp(spec.value),
    apply: (_c, text, m) => {
      const groups = m ?? ([text] as unknown as RegExpExecArray);
      const href = spec.href.replace(/\$(\d)/g, (_s, d: string) => encodeURIComponent(groups[Number(d)] ?? ''));
      return safeHref(href) ? { kind: 'link', text, href, ...(spec.title ? { title: spec.title } : {}) } : undefined;
    },
  };
}

/** Builds the rules from config (throws on an invalid regexp, naming it). */
export function compileRules(specs: readonly RewriteRuleSpec[]): Rule[] {
  return specs.map((s) => {
    if (typeof s === 'string') return BUILTINS[s];
    try {
      return customRule(s);
    } catch (err) {
      throw new Error(`rewriteRules: ${(err as Error).message}`);
    }
  });
}

/** How the console shows one cell. */
export function renderCell(rules: readonly Rule[], column: string, value: Cell): Rendered {
  if (value === null) return { kind: 'null' };
  const text = cellText(value);
  for (const r of rules) {
    if (r.column && !r.column.test(column)) continue;
    const m = r.value ? r.value.exec(text) : null;
    if (r.value && !m) continue;
    const out = r.apply(column, text, m);
    if (out) return out;
  }
  return { kind: 'text', text };
}
